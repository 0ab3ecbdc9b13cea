"""Hostile YAML, the same for every kind of file modelpick reads (workload, config, registry): bombs, deep
nesting, object-constructing tags, bytes that are not text. Each ends in exit 2 and one line naming the file,
the line and, where there is one, the key path."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import READERS, YAML_CASES, matches, run, user_error, write


@pytest.mark.parametrize("kind", sorted(READERS))
@pytest.mark.parametrize("content, message", [pytest.param(c, m, id=i) for i, c, m in YAML_CASES])
def test_hostile_yaml_is_one_line_error(kind: str, content: str | bytes, message: str) -> None:
    write("input.yaml", content)
    assert matches(user_error(*READERS[kind]), message)


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_python_tag_executes_nothing(kind: str, tmp_path: Path) -> None:
    """The classic exploit: were the tag constructed, `canary` would be created."""
    canary = tmp_path / "canary"
    write("input.yaml", f"task: !!python/object/apply:os.system ['touch {canary}']\n")
    user_error(*READERS[kind])
    assert not canary.exists()


def test_registry_validate_reports_hostile_yaml_as_a_finding() -> None:
    """`registry validate` reports a file it cannot read as a finding (exit 1), not a crash."""
    write("input.yaml", "a: &a [*a]\n")
    result = run("registry", "validate", "input.yaml", "--format", "plain")
    assert result.exit_code == 1, result.output
    assert "input.yaml:1" in result.stdout
    assert "nested more than 64 levels deep (through an alias)" in result.stdout
