"""`modelpick init`: the starter it writes chooses no task and no policy for the user, so `check` on it passes
unless a finding is real; an explicit --task is written; every string is quoted."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.config import Policy, load_config
from modelpick.registry import load_tasks

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registry"
AS_OF = "2025-12-01"


def invoke(*args: str):
    return runner.invoke(app, [*args, "--registry", str(FIXTURES), "--as-of", AS_OF])


def task_comment() -> str:
    tasks = ", ".join(load_tasks().profiles)
    return "\n".join(textwrap.wrap(f'# task: "chat"  # chat until you choose; one of: {tasks}', width=110,
                                   initial_indent="    ", subsequent_indent="    #   ", break_on_hyphens=False))


HEAD = """\
# modelpick.yaml: the models this project uses, and the policy `modelpick check` holds them to.
# Workload keys are those of a workload file (see `modelpick recommend --help`); `defaults` apply to every
# workload that does not set its own. Run `modelpick check` locally or in CI (exit 1 when a workload fails).
# No policy is chosen yet: until you uncomment one, `check` fails only when a model is unknown, retired or
# cannot serve its workload, and warns when it is deprecated or shuts down within 90 days.
defaults:
  requests_per_day: 1000
  # policy:                        # every rule `check` can hold a workload to; a workload may set its own
  #   max_cost_ratio: 2.0          # fail when an entry as good costs less than half as much
  #   max_rank: 10                 # fail when the chosen model falls below 10th for its workload
  #   require_snapshot: true       # fail unless `model` is a dated snapshot
  #   max_monthly_cost_usd: 500    # fail when a workload costs more than this a month
  #   max_cost_increase: 0.1       # with --baseline: fail when the monthly cost rises by more than 10%
  #   retirement_warning_days: 90  # warn this long before the chosen model shuts down (default 90)
workloads:
"""
NO_TOKENS = """\
    # input_tokens: N  # per request; default: the task's typical count
    # output_tokens: N  # visible, per request; default: the same
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose code names a pinned active model (Python) and an alias (YAML, unquoted), and an id
    the registry does not know."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text('MODEL = "acme-alpha-2025-06-01"\nOTHER = "gpt-9000"\n')
    (tmp_path / "src" / "settings.yaml").write_text("# model: acme-think\nfallback: hostco/hostco-reasoner\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_from_scan_writes_no_task_and_no_policy_and_check_passes(project: Path) -> None:
    result = invoke("init", "--from-scan", "src")
    assert result.exit_code == 0, result.stderr
    assert (project / "modelpick.yaml").read_text() == HEAD + (
        '  - name: "acme-alpha-2025-06-01"\n'
        '    model: "acme/acme-alpha-2025-06-01"  # found at app.py:1\n'
        f"{task_comment()}\n{NO_TOKENS}"
        '  - name: "hostco-reasoner"\n'
        '    model: "hostco/hostco-reasoner"  # found at settings.yaml:2\n'
        f"{task_comment()}\n{NO_TOKENS}")
    config = load_config(None)
    assert [(w.name, w.workload.task, w.workload.policy) for w in config.workloads] == [
        ("acme-alpha-2025-06-01", "chat", Policy()), ("hostco-reasoner", "chat", Policy())]
    check = invoke("check", "--format", "json")
    assert check.exit_code == 0, check.stdout
    doc = json.loads(check.stdout)
    assert [(r["name"], r["status"], r["findings"]) for r in doc["results"]] == [
        ("acme-alpha-2025-06-01", "pass", []), ("hostco-reasoner", "pass", [])]


def test_the_commented_choices_are_every_task_and_every_policy_key(project: Path) -> None:
    assert invoke("init", "--from-scan", "src").exit_code == 0
    text = (project / "modelpick.yaml").read_text()
    comments = " ".join(line.strip().lstrip("#").strip() for line in text.splitlines() if "#" in line)
    for task in load_tasks().profiles:
        assert f" {task}," in comments or comments.endswith(f" {task}") or f" {task} " in comments
    for key in Policy.model_fields:
        assert f"\n  #   {key}: " in text
    # Uncommented as written, the policy and the task are a valid config.
    chosen = text.replace("  # policy:", "  policy:").replace("  #   max", "    max").replace(
        "  #   re", "    re").replace('    # task: "chat"', '    task: "coding"')
    (project / "modelpick.yaml").write_text(chosen)
    config = load_config(None)
    assert config.workloads[0].workload.task == "coding"
    assert config.workloads[0].workload.policy == Policy(max_cost_ratio=2.0, max_rank=10, require_snapshot=True,
                                                         max_monthly_cost_usd=500, max_cost_increase=0.1)


def test_explicit_task_is_written_with_its_token_counts(project: Path) -> None:
    result = invoke("init", "--model", "acme-alpha-2025-06-01", "--task", "classification")
    assert result.exit_code == 0, result.stderr
    example = load_tasks().profiles["classification"].example
    assert (project / "modelpick.yaml").read_text() == HEAD + (
        '  - name: "acme-alpha-2025-06-01"\n'
        '    model: "acme/acme-alpha-2025-06-01"\n'
        '    task: "classification"  # `modelpick tasks` lists them\n'
        f'    input_tokens: {example["input_tokens"]}\n'
        f'    output_tokens: {example["output_tokens"]}\n')
    assert invoke("check").exit_code == 0


@pytest.mark.skipif(os.name == "nt", reason="no line break in a Windows file name")
def test_names_and_found_paths_cannot_break_the_file(project: Path) -> None:
    odd = project / "src" / 'we"ird\nname.py'
    odd.write_text('M = "acme-alpha"\n')
    result = invoke("init", "--from-scan", "src/" + odd.name, "--name", 'a: "b"\n- c')
    assert result.exit_code == 0, result.stderr
    text = (project / "modelpick.yaml").read_text()
    assert '  - name: "a: \\"b\\"\\n- c"\n    model: "acme/acme-alpha"  # found at src/we\\"ird\\nname.py:1\n' in text
    assert yaml.safe_load(text)["workloads"] == [{"name": 'a: "b"\n- c', "model": "acme/acme-alpha"}]
    assert invoke("check").exit_code == 0


def test_unknown_task_is_refused(project: Path) -> None:
    result = invoke("init", "--model", "acme-alpha", "--task", "chatt")
    assert result.exit_code == 2
    assert result.stderr.startswith("modelpick: error: --task: unknown task 'chatt'")
    assert not (project / "modelpick.yaml").exists()


def test_a_name_yaml_reads_as_a_boolean_is_quoted(project: Path) -> None:
    result = invoke("init", "--model", "acme-alpha-2025-06-01", "--name", "yes")
    assert result.exit_code == 0, result.stderr
    assert '  - name: "yes"\n' in (project / "modelpick.yaml").read_text()
    assert [w.name for w in load_config(None).workloads] == ["yes"]
    assert invoke("check").exit_code == 0


def test_a_broken_symlink_is_not_written_through_without_force(project: Path) -> None:
    os.symlink("elsewhere.yaml", project / "modelpick.yaml")
    result = invoke("init", "--model", "acme-alpha-2025-06-01")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "modelpick: error: modelpick.yaml: a broken symlink (it leads nowhere); --force replaces the link\n")
    assert not (project / "elsewhere.yaml").exists()
    assert invoke("init", "--model", "acme-alpha-2025-06-01", "--force").exit_code == 0
    assert not (project / "modelpick.yaml").is_symlink()
    assert not (project / "elsewhere.yaml").exists()


@pytest.mark.parametrize("case", ["read-only", "disk-full", "symlink-loop", "dev-full"])
def test_write_failures_are_one_line_errors(project: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    path, expected = "modelpick.yaml", {
        "read-only": "modelpick.yaml: cannot write: Permission denied",
        "disk-full": "modelpick.yaml: cannot write: No space left on device",
        "symlink-loop": "loop/modelpick.yaml: cannot write: loop is a symlink loop (it leads back to itself)",
        "dev-full": "/dev/full/modelpick.yaml: cannot write: /dev/full is not a folder"}[case]
    if case == "read-only":  # simulated, so that the test means something under root too
        def denied(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr("tempfile.mkstemp", denied)
    elif case == "disk-full":
        def full(*args: object) -> None:
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(os, "fsync", full)
    elif case == "symlink-loop":
        os.symlink("loop2", "loop")
        os.symlink("loop", "loop2")
        path = "loop/modelpick.yaml"
    elif not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    else:
        path = "/dev/full/modelpick.yaml"
    result = invoke("init", "--model", "acme-alpha-2025-06-01", "--path", path)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"modelpick: error: {expected}\n")
    assert sorted(p.name for p in project.iterdir()) == sorted(["src", *(["loop", "loop2"] * (case == "symlink-loop"))])


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permissions (simulated above)")
def test_a_read_only_folder(project: Path) -> None:
    project.chmod(0o555)
    try:
        result = invoke("init", "--model", "acme-alpha-2025-06-01")
    finally:
        project.chmod(0o755)
    assert (result.exit_code, result.stderr) == (2, "modelpick: error: modelpick.yaml: cannot write: "
                                                    "Permission denied\n")
