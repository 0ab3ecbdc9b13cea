"""`modelpick scan` on the command line: exit codes, --strict, github and junit output."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelpick.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registry"


def run(*args: str):
    return runner.invoke(app, ["scan", "--registry", str(FIXTURES), "--as-of", "2025-12-01", *args])


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "ok.py").write_text('MODEL = "acme-alpha-2025-06-01"\n')
    (tmp_path / "old.py").write_text('MODEL = "acme/acme-old"\n')
    (tmp_path / "gone.py").write_text('MODEL = "acme/acme-legacy"\n')
    return tmp_path


def test_clean_tree_exits_0(tree: Path):
    result = run(str(tree / "ok.py"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [(f["status"], f["line"], f["column"]) for f in doc["findings"]] == [("ok", 1, 10)]
    assert doc["schema_version"] == "1"


def test_deprecated_fails_only_with_strict(tree: Path):
    assert run(str(tree / "old.py")).exit_code == 0
    assert run(str(tree / "old.py"), "--strict").exit_code == 1


def test_retired_fails_with_github_annotation(tree: Path):
    result = run(str(tree), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=gone.py,line=1,col=10,title=modelpick scan%3A retired::acme/acme-legacy")
    assert lines[1].startswith("::warning file=old.py,line=1,col=10,title=modelpick scan%3A deprecated::")


def test_junit_counts(tree: Path):
    root = ET.fromstring(run(str(tree), "--format", "junit").stdout)
    assert (root.get("tests"), root.get("failures")) == ("3", "1")
    strict = ET.fromstring(run(str(tree), "--format", "junit", "--strict").stdout)
    assert strict.get("failures") == "2"


def test_missing_path_exits_2():
    result = run("no/such/dir")
    assert result.exit_code == 2
    assert result.stderr == "modelpick: error: no/such/dir: no such file or folder\n"
