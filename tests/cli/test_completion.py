"""Shell completion of values (issue 13, item 5), driven through the shell protocol that the installed
completion scripts use (`modelpick --show-completion bash` prints it): the shell sets _MODELPICK_COMPLETE
(typer's spelling: complete_bash, complete_zsh) with the words typed, and modelpick prints the candidates."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.registry import load_registry

runner = CliRunner()


def bash(line: str) -> list[str]:
    """The candidates bash gets for the last word of `line` (a trailing space: a new, empty word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    result = runner.invoke(app, [], prog_name="modelpick", env={
        "_MODELPICK_COMPLETE": "complete_bash", "COMP_WORDS": f"modelpick {line}", "COMP_CWORD": str(cword + 1)})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]


def test_a_model_name_completes_to_its_ids_and_snapshots() -> None:
    found = bash("cost gpt-4.1-n")
    assert "gpt-4.1-nano" in found
    assert "gpt-4.1-nano-2025-04-14" in found
    assert all(name.startswith("gpt-4.1-n") for name in found)


@pytest.mark.parametrize("line", ["show gpt-4.1-n", "compare gpt-5-nano gpt-4.1-n", "init --model gpt-4.1-n",
                                  "init --model gpt-5-nano --model gpt-4.1-n"])
def test_every_model_argument_completes(line: str) -> None:
    assert "gpt-4.1-nano" in bash(line)


def test_a_provider_prefix_completes_to_provider_model_forms() -> None:
    found = bash("cost groq/")
    groq = [entry for entry in load_registry().entries if entry.provider == "groq"]
    assert groq and {f"groq/{entry.id}" for entry in groq} <= set(found)
    assert all(name.startswith("groq/") for name in found)


def test_the_registry_given_is_completed_from(mini_registry: Path) -> None:
    assert set(bash(f"cost --registry {mini_registry} acme")) == {"acme-1", "acme-1-2026-01-01", "acme",
                                                                   "acme-open"}
    # testco's names, and otherco's model whose id is testco/acme-open
    assert set(bash(f"cost --registry {mini_registry} testco/")) == {"testco/acme-1", "testco/acme-1-2026-01-01",
                                                                     "testco/acme", "testco/acme-open"}
    assert bash(f"models --registry {mini_registry} --creator ") == sorted(
        {e.model.creator for e in load_registry([mini_registry]).entries})


def test_task_ids_complete() -> None:
    assert bash("recommend --task clas") == ["classification"]
    assert bash("init --model gpt-4.1-nano --task clas") == ["classification"]


def test_min_quality_completes_benchmark_keys_with_the_equals_sign() -> None:
    assert bash("recommend --min-quality aid") == ["aider_polyglot="]
    assert bash("recommend --min-quality aider_polyglot=") == []  # the value is a number


@pytest.mark.parametrize(("line", "expected"), [
    ("recommend --provider opena", "openai"),
    ("cost gpt-4.1-nano --exclude-provider opena", "openai"),
    ("models --provider opena", "openai"),
    ("recommend --needs structured", "structured_outputs"),
    ("models --feature structured", "structured_outputs"),
    ("recommend --input-modality ima", "image"),
    ("models --modality ima", "image"),
    ("models --creator anthro", "anthropic"),
])
def test_registry_names_complete(line: str, expected: str) -> None:
    assert expected in bash(line)


def test_zsh_gets_each_candidate_with_its_description() -> None:
    result = runner.invoke(app, [], prog_name="modelpick", env={
        "_MODELPICK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "modelpick recommend --task clas"})
    assert result.exit_code == 0
    assert '"classification":"Classification' in result.stdout


@pytest.mark.parametrize("registry", ["broken.yaml", "missing.yaml"])
def test_an_error_while_completing_offers_nothing_and_no_traceback(tmp_path: Path, registry: str) -> None:
    (tmp_path / "broken.yaml").write_text("provider: [unclosed\n", encoding="utf-8")
    for line in (f"cost --registry {tmp_path / registry} gpt-4.1-n", f"models --registry {tmp_path / registry} "
                 "--provider op"):
        assert bash(line) == []


def test_commands_still_complete() -> None:
    assert bash("co") == ["compare", "cost"]
    assert "validate" in bash("registry ")
