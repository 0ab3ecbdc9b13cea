"""`check --baseline REF`: the ref reaches git as an argument, never as an option (issue 12, item 5).

A fake `git` first on PATH records its argv, so the tests see exactly what modelpick asks of git."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONFIG = FIXTURES / "check" / "modelpick.yaml"


@pytest.fixture
def fake_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `git` that appends its argv (one line, NUL-separated) to a log and prints the fixture config; with
    OLD_GIT set it refuses `--end-of-options` the way git < 2.24 does."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "git-argv.log"
    script = bin_dir / "git"
    script.write_text(f"""#!{sys.executable}
import os, sys
with open({str(log)!r}, "a") as f:
    f.write("\\0".join(sys.argv[1:]) + "\\n")
if os.environ.get("OLD_GIT") and "--end-of-options" in sys.argv:
    sys.stderr.write("fatal: unrecognized argument: --end-of-options\\n")
    sys.exit(128)
sys.stdout.write(open({str(CONFIG)!r}).read())
""")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert shutil.which("git") == str(script)
    return log


def _calls(log: Path) -> list[list[str]]:
    return [line.split("\0") for line in log.read_text().splitlines()] if log.exists() else []


def _check(invoke, ref: str):  # type: ignore[no-untyped-def]
    return invoke("check", "--config", CONFIG, "--registry", FIXTURES / "registry", "--as-of", "2025-12-01",
                  "--format", "json", f"--baseline={ref}")


@pytest.mark.parametrize("ref", ["--output=/tmp/x", "-p", "-", "a b", "main\n", "a\tb", "ref\x1b[31m", "x\x7f"])
def test_a_ref_read_as_an_option_or_holding_whitespace_is_refused_before_git_runs(invoke, fake_git, ref):
    result = _check(invoke, ref)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"modelpick: error: --baseline: not a git ref: {ref!r}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert _calls(fake_git) == []


def test_the_ref_comes_after_end_of_options(invoke, fake_git):
    result = _check(invoke, "origin/main")
    assert result.exit_code in (0, 1), result.stderr
    assert _calls(fake_git) == [["show", "--end-of-options", "origin/main:./modelpick.yaml"]]


def test_a_git_without_end_of_options_is_asked_again_without_it(invoke, fake_git, monkeypatch):
    monkeypatch.setenv("OLD_GIT", "1")
    result = _check(invoke, "HEAD~1")
    assert result.exit_code in (0, 1), result.stderr
    assert _calls(fake_git) == [["show", "--end-of-options", "HEAD~1:./modelpick.yaml"],
                                ["show", "HEAD~1:./modelpick.yaml"]]
