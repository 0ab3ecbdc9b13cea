"""Exact outputs, compared with the files in tests/cli/golden/.

The bundled registry (data/models/*.yaml) is regenerated from time to time; after a deliberate change, rewrite
the goldens and review the diff:

    MODELPICK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_golden.py -q
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelpick.cli import app

runner = CliRunner()

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("MODELPICK_UPDATE_GOLDEN") == "1"
WORKLOAD = "examples/ticket-triage.yaml"  # relative to the repository root, where the commands run
AS_OF = "2026-11-21"

CASES = {
    "recommend-ticket-triage.plain.txt": ["recommend", WORKLOAD, "--as-of", AS_OF, "--format", "plain"],
    "recommend-ticket-triage.markdown.md": ["recommend", WORKLOAD, "--as-of", AS_OF, "--format", "markdown"],
    "recommend-ticket-triage.csv": ["recommend", WORKLOAD, "--as-of", AS_OF, "--format", "csv"],
    "recommend-ticket-triage.json": ["recommend", WORKLOAD, "--as-of", AS_OF, "--format", "json"],
    "cost-gpt-4.1-nano-ticket-triage.plain.txt": ["cost", "gpt-4.1-nano", WORKLOAD, "--as-of", AS_OF,
                                                  "--format", "plain"],
    "tasks.markdown.md": ["tasks", "--format", "markdown"],
    "show-gpt-4.1-nano.plain.txt": ["show", "gpt-4.1-nano", "--as-of", AS_OF, "--format", "plain"],
    # Tables at a narrow and a wide terminal, with warnings, thin evidence and derived reasoning tokens.
    **{f"recommend-ticket-triage.table-{width}.txt": ["recommend", WORKLOAD, "--as-of", AS_OF, "--top", "16",
                                                       "--format", "table"] for width in (80, 120)},
    **{f"recommend-reasoning.table-{width}.txt": ["recommend", "--task", "reasoning", "--as-of", AS_OF, "--top", "10",
                                                   "--format", "table"] for width in (80, 120)},
}
# The width each case renders at (COLUMNS); the others run without COLUMNS: plain text at its default width.
WIDTHS = {name: name.rsplit("-", 1)[1].split(".")[0] for name in CASES if ".table-" in name}


@pytest.mark.parametrize("golden", list(CASES))
def test_golden(golden: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)
    result = runner.invoke(app, CASES[golden], env={"COLUMNS": WIDTHS.get(golden)})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    actual = result.stdout
    assert actual.endswith("\n")
    path = GOLDEN_DIR / golden
    if UPDATE:
        GOLDEN_DIR.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing; create it with MODELPICK_UPDATE_GOLDEN=1")
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            actual.splitlines(keepends=True),
                                            fromfile=f"golden/{golden}", tofile="actual"))
        pytest.fail(f"`modelpick {' '.join(CASES[golden])}` differs from golden/{golden} "
                    f"(MODELPICK_UPDATE_GOLDEN=1 rewrites it):\n{diff}", pytrace=False)


CHECK_GOLDENS = ["check.github.txt", "check.junit.xml", "check.markdown.md"]  # test_check_cli.py


def test_every_golden_file_has_a_case() -> None:
    assert sorted(p.name for p in GOLDEN_DIR.iterdir()) == sorted([*CASES, *CHECK_GOLDENS])
