"""Random YAML through the real command line: whatever the file holds, `recommend` and `check` answer with
exit 0, 1 or 2, never a traceback, and an error is exactly one line on stderr."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import HOSTILE_VALUES, YAML_SOUP
from typer.testing import CliRunner

from modelpick.cli import app

runner = CliRunner()
COMMANDS = {
    "workload": ["recommend", "{file}", "--format", "json", "--as-of", "2026-11-21"],
    "config": ["check", "--config", "{file}", "--format", "json", "--as-of", "2026-11-21"],
}
# Whole documents: random data written as YAML (mostly well-formed, wrong in shape), or token soup.
DOCUMENTS = st.one_of(
    HOSTILE_VALUES.map(lambda value: yaml.safe_dump(value, allow_unicode=True).encode()),
    st.dictionaries(st.sampled_from(["task", "input_tokens", "requires", "prefer", "workloads", "defaults",
                                     "model", "policy", "requests_per_day", "cached_input_ratio"]),
                    HOSTILE_VALUES, max_size=5).map(lambda value: yaml.safe_dump(value).encode()),
    YAML_SOUP,
)


@pytest.mark.parametrize("kind", sorted(COMMANDS))
@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(content=DOCUMENTS)
def test_random_yaml_never_escapes_as_a_traceback(kind: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.yaml"
        path.write_bytes(content)
        result = runner.invoke(app, [a.format(file=path) for a in COMMANDS[kind]])
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith("modelpick: error: ")
