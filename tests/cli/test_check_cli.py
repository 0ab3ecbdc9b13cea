"""`modelpick check` and `modelpick init` on the command line: exit codes, github and junit output,
--baseline on a temporary git repository, config discovery, init's refusal to overwrite."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelpick.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registry"

CONFIG = """\
defaults:
  task: chat
  input_tokens: 1000
  output_tokens: 100
  requires: {providers: [acme, hostco]}  # the fixture providers only, whatever the bundled data holds
  policy: {max_cost_ratio: 1.5}
workloads:
  - name: good
    model: acme/acme-alpha
  - name: old
    model: acme/acme-old
    requires: {providers: [acme, hostco], include_deprecated: true}
  - name: pricey
    model: acme/acme-think
    reasoning_tokens: 0
  - name: typo
    model: acme-alpah
"""


def run(*args: str):
    return runner.invoke(app, ["check", "--registry", str(FIXTURES), "--as-of", "2025-12-01", *args])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "modelpick.yaml").write_text(CONFIG)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # found by looking upwards
    return tmp_path


def test_json_statuses_and_exit_1(project: Path):
    result = run("--format", "json")
    assert result.exit_code == 1, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "1" and doc["config"] == "../modelpick.yaml"
    assert [(r["name"], r["status"]) for r in doc["results"]] == [
        ("good", "pass"), ("old", "warn"), ("pricey", "fail"), ("typo", "fail")]
    assert doc["summary"] == {"pass": 1, "warn": 1, "fail": 2}
    assert doc["results"][2]["best_alternative"] == {"model": "acme-alpha", "provider": "acme", "per_month": 42}
    assert doc["results"][0]["cost"] == {"per_request": 0.0014, "per_day": 1.4, "per_month": 42}


def test_github_annotations_point_at_each_workload_line(project: Path):
    result = run("--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split("::")[1] for line in lines[:-1]] == [
        "warning file=../modelpick.yaml,line=10,title=modelpick deprecated%3A old",
        "error file=../modelpick.yaml,line=13,title=modelpick best-alternative%3A pricey",
        "error file=../modelpick.yaml,line=16,title=modelpick unknown-model%3A typo",
    ]
    assert CONFIG.splitlines()[10 - 1] == "  - name: old"
    assert CONFIG.splitlines()[16 - 1] == "  - name: typo"
    assert lines[-1] == "modelpick check: 1 pass, 1 warn, 2 fail"


def test_junit_parses_with_one_testcase_per_workload(project: Path):
    result = run("--format", "junit")
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert (root.get("tests"), root.get("failures")) == ("4", "2")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["good", "old", "pricey", "typo"]
    assert [c.find("failure") is not None for c in cases] == [False, False, True, True]
    assert cases[3].find("failure").get("type") == "unknown-model"
    assert cases[1].find("system-out").text.startswith("warning [deprecated] acme/acme-old is deprecated since")


def test_junit_strict_counts_warnings_as_failures(project: Path):
    root = ET.fromstring(run("--format", "junit", "--strict").stdout)
    assert root.get("failures") == "3"


def test_passing_config_exits_0(tmp_path: Path):
    config = tmp_path / "modelpick.yaml"
    config.write_text(CONFIG.split("  - name: old")[0])
    result = run("--config", str(config), "--format", "plain")
    assert result.exit_code == 0, result.stdout
    # Plain text wraps long notes (the temporary path is long): compare the words.
    assert " ".join(result.stdout.split()).endswith(f"1 pass, 0 warn, 0 fail ({config}, as of 2025-12-01)")


def test_warnings_fail_only_with_strict(tmp_path: Path):
    config = tmp_path / "modelpick.yaml"
    config.write_text(CONFIG.split("  - name: pricey")[0])
    assert run("--config", str(config)).exit_code == 0
    assert run("--config", str(config), "--strict").exit_code == 1


def test_bad_config_exits_2_with_one_line(tmp_path: Path):
    config = tmp_path / "modelpick.yaml"
    config.write_text("workloads:\n  - model: x\n    task: chta\n")
    result = run("--config", str(config))
    assert result.exit_code == 2
    assert result.stderr == (f"modelpick: error: {config}:3: task: unknown task 'chta' (did you mean 'chat'?); "
                             "`modelpick tasks` lists them\n")
    assert result.stdout == ""


def test_no_config_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 2
    assert "no modelpick.yaml in" in result.stderr and "`modelpick init` writes one" in result.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_baseline_reports_cost_change_and_fails_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    config = tmp_path / "modelpick.yaml"
    head = "workloads:\n  - {name: w, task: chat, input_tokens: 1000, output_tokens: 100, "
    config.write_text(head + "model: acme/acme-alpha}\n")
    git("init", "-q")
    git("-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qam", "x", "--allow-empty")
    git("add", "modelpick.yaml")
    git("-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qm", "config")
    config.write_text(head + "model: hostco/acme-alpha, policy: {max_cost_increase: 0.1}}\n")
    monkeypatch.chdir(tmp_path)
    result = run("--baseline", "HEAD", "--format", "json")
    assert result.exit_code == 1, result.stderr
    [workload] = json.loads(result.stdout)["results"]
    assert workload["baseline"] == {"baseline_model": "acme/acme-alpha", "baseline_per_month": 42,
                                    "per_month": 50.4, "change": 0.2}
    assert workload["findings"][0]["message"] == (
        "monthly cost rises 20.0% from $42.00 (acme/acme-alpha) to $50.40, more than max_cost_increase 10%")
    bad = run("--baseline", "no-such-ref")
    assert bad.exit_code == 2 and bad.stderr.startswith("modelpick: error: --baseline: cannot read modelpick.yaml")


def test_init_writes_a_config_that_checks_and_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    args = ["init", "--registry", str(FIXTURES), "--model", "acme-alpha-2025-06-01", "--task", "chat"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert first.stderr == "modelpick: wrote modelpick.yaml; run `modelpick check`\n"
    text = (tmp_path / "modelpick.yaml").read_text()
    assert '    model: "acme/acme-alpha-2025-06-01"\n    task: "chat"' in text and text.startswith("# modelpick.yaml")
    assert run("--format", "json").exit_code in (0, 1)  # it parses and checks
    (tmp_path / "modelpick.yaml").write_text("mine\n")
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert again.stderr == "modelpick: error: modelpick.yaml: already exists; --force overwrites it\n"
    assert (tmp_path / "modelpick.yaml").read_text() == "mine\n"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert (tmp_path / "modelpick.yaml").read_text() == text


REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("fmt, golden", [("github", "check.github.txt"), ("junit", "check.junit.xml"),
                                         ("markdown", "check.markdown.md")])
def test_check_golden(fmt: str, golden: str, monkeypatch: pytest.MonkeyPatch):
    """Exact output for tests/fixtures/check/modelpick.yaml (the CONFIG above); MODELPICK_UPDATE_GOLDEN=1
    rewrites the golden file."""
    import os

    monkeypatch.chdir(REPO_ROOT)
    assert (REPO_ROOT / "tests/fixtures/check/modelpick.yaml").read_text() == CONFIG
    result = run("--config", "tests/fixtures/check/modelpick.yaml", "--format", fmt)
    assert result.exit_code == 1 and result.stderr == ""
    path = GOLDEN_DIR / golden
    if os.environ.get("MODELPICK_UPDATE_GOLDEN") == "1":
        path.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == path.read_text(encoding="utf-8")


def test_init_from_scan_adds_a_workload_per_known_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.py").write_text('A = "acme-alpha-2025-06-01"\nB = "gpt-9000"\n')
    (src / "b.py").write_text('C = "hostco/hostco-reasoner"\nD = "alpha"\n')
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "--registry", str(FIXTURES), "--from-scan", "src", "--as-of", "2025-12-01"])
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "modelpick.yaml").read_text()
    assert [line.strip() for line in text.splitlines() if line.strip().startswith(("- name:", "model:"))] == [
        '- name: "acme-alpha-2025-06-01"', 'model: "acme/acme-alpha-2025-06-01"  # found at a.py:1',
        '- name: "hostco-reasoner"', 'model: "hostco/hostco-reasoner"  # found at b.py:1',
    ]
    assert run("--format", "json").exit_code in (0, 1)


def test_init_with_no_model_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert (result.exit_code, result.stderr) == (2, "modelpick: error: --model/--from-scan: name a model, or find "
                                                    "them with a scan\n")


def test_init_requests_per_day_is_a_number_like_the_workload_option(tmp_path: Path):
    target = tmp_path / "modelpick.yaml"
    result = runner.invoke(app, ["init", "--model", "gpt-4.1-nano", "--requests-per-day", "2.5", "--path", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "  requests_per_day: 2.5\n" in target.read_text()
    runner.invoke(app, ["init", "--model", "gpt-4.1-nano", "--requests-per-day", "2000000", "--path", str(target),
                        "--force"])
    assert "  requests_per_day: 2000000\n" in target.read_text()


def test_init_from_scan_with_nothing_known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text('B = "gpt-9000"\n')
    result = runner.invoke(app, ["init", "--registry", str(FIXTURES), "--from-scan", "."])
    assert result.exit_code == 2
    assert result.stderr == ("modelpick: error: --from-scan: found no model id the registry knows in .; "
                             "name a model instead\n")
    assert not (tmp_path / "modelpick.yaml").exists()
