"""`modelpick scan`: findings are bounded per file and per run (and what is cut is said), repeated ids are
judged once, and files or folders that cannot be read (permissions, paths too long, FIFOs, devices) are
reported, not passed over. The bounds are made small here so the tests stay fast."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import modelpick.scan_ids as scan_ids
import modelpick.scanner as scan_module
from modelpick import errors
from modelpick.cli import app
from modelpick.registry import load_registry
from modelpick.scanner import ScanResult, scan

runner = CliRunner()
REGISTRY = Path(__file__).resolve().parent / "fixtures" / "registry"
AS_OF_TEXT = "2025-12-01"
AS_OF = dt.date(2025, 12, 1)
OLD = '"acme/acme-old"'  # deprecated at AS_OF
GONE = '"acme/acme-legacy"'  # retired at AS_OF


def run(*args: str):
    return runner.invoke(app, ["scan", "--registry", str(REGISTRY), "--as-of", AS_OF_TEXT, *args])


def run_scan(*paths: Path, strict: bool = False) -> ScanResult:
    return scan(list(paths), load_registry([REGISTRY]), AS_OF, strict=strict)


@pytest.fixture
def small_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_module, "MAX_FINDINGS_PER_FILE", 3)
    monkeypatch.setattr(scan_module, "MAX_FINDINGS_PER_RUN", 5)


@pytest.fixture
def bounded_tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    root.mkdir()
    (root / "a.py").write_text(f"{OLD}\n" * 5)
    (root / "b.py").write_text(f"{OLD}\n" * 4)
    (root / "c.py").write_text(f"{OLD}\n{OLD}\n{GONE}\n")
    return root


def test_findings_are_bounded_per_file_and_per_run(small_bounds: None, bounded_tree: Path) -> None:
    result = run_scan(bounded_tree)
    # a.py: 3 of 5 (the file's bound); b.py: 2 of 4 (the run's bound of 5 is reached); c.py: only the retired
    # finding, the first of its status, which is shown beyond the bounds so that no status goes unseen.
    assert [(f.path, f.line, f.status) for f in result.findings] == [
        ("a.py", 1, "deprecated"), ("a.py", 2, "deprecated"), ("a.py", 3, "deprecated"),
        ("b.py", 1, "deprecated"), ("b.py", 2, "deprecated"), ("c.py", 3, "retired")]
    assert result.summary == {"ok": 0, "unknown": 0, "deprecated": 11, "retiring": 0, "retired": 1,
                              "unpinned": 0, "files": 3, "skipped": 0, "truncated_files": 3, "findings_cut": 6,
                              "failing": 1}
    assert [(t.path, t.shown, t.not_shown) for t in result.truncated] == [
        ("a.py", 3, 2), ("b.py", 2, 2), ("c.py", 1, 2)]
    assert result.failing == 1 and run_scan(bounded_tree, strict=True).failing == 12


def test_cut_findings_are_said_in_json_and_notes(small_bounds: None, bounded_tree: Path) -> None:
    result = run(str(bounded_tree), "--format", "json")
    assert result.exit_code == 1  # the retired id is among the findings kept
    doc = json.loads(result.stdout)
    assert doc["truncated"][0] == {"path": "a.py", "shown": 3, "not_shown": 2}
    assert (doc["summary"]["truncated_files"], doc["summary"]["findings_cut"]) == (3, 6)
    assert len(doc["findings"]) == 6
    plain = run(str(bounded_tree), "--format", "plain").stdout
    for note in ("3 findings shown for a.py; 2 more not shown", "2 findings shown for b.py; 2 more not shown",
                 "1 finding shown for c.py; 2 more not shown"):
        assert note in plain


def test_note_names_a_few_files_then_counts_the_rest(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(scan_module, "MAX_FINDINGS_PER_FILE", 1)
    for i in range(12):
        (tmp_path / f"f{i:02}.py").write_text(f"{OLD}\n" * 2)
    plain = run(str(tmp_path), "--format", "plain").stdout
    assert "1 finding shown for f09.py; 1 more not shown" in plain and "shown for f10.py" not in plain
    assert "2 more files with findings not shown (12 findings not shown in all)" in plain


def test_big_file_stays_bounded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    big = Path("big.py")
    big.write_text(("x = [" + f"{OLD}, " * 50 + "]\n") * 100)  # 5,000 ids
    result = run(str(big), "--format", "json")
    doc = json.loads(result.stdout)
    assert len(doc["findings"]) == scan_module.MAX_FINDINGS_PER_FILE == 1_000
    assert doc["summary"]["deprecated"] == 5_000 and doc["summary"]["findings_cut"] == 4_000
    assert "1,000 findings shown for big.py; 4,000 more not shown" in run("big.py", "--format", "plain").stdout


def test_repeated_ids_are_judged_once(small_bounds: None, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    judged: list[str] = []
    suggested: list[str] = []
    judge = scan_ids.Judge._judge
    did_you_mean = errors.did_you_mean
    monkeypatch.setattr(scan_ids.Judge, "_judge", lambda self, text: judged.append(text) or judge(self, text))
    monkeypatch.setattr(scan_ids, "did_you_mean", lambda *a: suggested.append(a[0]) or did_you_mean(*a))
    (tmp_path / "a.py").write_text('"gpt-9x" "acme/acme-old"\n' * 500)
    result = run_scan(tmp_path / "a.py")
    assert result.summary["unknown"] == 500 and result.summary["deprecated"] == 500
    assert sorted(judged) == ["acme/acme-old", "gpt-9x"]
    assert suggested == ["gpt-9x"]  # the "did you mean" is worked out once, and only for findings shown


def test_memo_of_distinct_texts_is_bounded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(scan_ids, "MAX_JUDGED_TEXTS", 4)
    (tmp_path / "a.py").write_text(" ".join(f'"gpt-9{i}"' for i in range(20)) + f" {OLD}\n")
    result = run_scan(tmp_path / "a.py")
    assert result.summary["unknown"] == 20 and result.summary["deprecated"] == 1
    assert result.findings[0].message.startswith("unknown model 'gpt-90'")


# --- what cannot be read is reported ---------------------------------------------------------------------

def _deny(monkeypatch: pytest.MonkeyPatch, path: Path, function: str) -> None:
    """Make `path` unreadable: chmod 0, or, as root (who reads everything), `os.<function>` failing on it."""
    if os.geteuid() != 0:
        path.chmod(0)
        return
    real = getattr(os, function)

    def denied(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", os.fspath(name))
        return real(name, *args, **kwargs)

    monkeypatch.setattr(os, function, denied)


def _assert_reported(tree: Path, skipped: list[dict[str, str]]) -> None:
    result = run(str(tree), "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["skipped"] == skipped
    assert doc["summary"]["skipped"] == len(skipped)
    assert [f["path"] for f in doc["findings"]] == ["ok.py"]  # the rest is read all the same
    plain = run(str(tree), "--format", "plain").stdout
    for item in skipped:
        assert f"skipped {item['path']}: {item['reason']}" in plain
    assert run_scan(tree, strict=True).failing and not run_scan(tree).failing


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    root.mkdir()
    (root / "ok.py").write_text('"acme-alpha-2025-06-01"\n')
    return root


def test_unreadable_file_is_reported(monkeypatch: pytest.MonkeyPatch, tree: Path) -> None:
    (tree / "secret.py").write_text(GONE)
    _deny(monkeypatch, tree / "secret.py", "open")
    _assert_reported(tree, [{"path": "secret.py", "reason": "cannot read: Permission denied"}])


def test_unreadable_folder_is_reported(monkeypatch: pytest.MonkeyPatch, tree: Path) -> None:
    (tree / "private").mkdir()
    (tree / "private" / "x.py").write_text(GONE)
    _deny(monkeypatch, tree / "private", "scandir")
    try:
        _assert_reported(tree, [{"path": "private", "reason": "cannot read the folder: Permission denied"}])
    finally:
        (tree / "private").chmod(0o755)


def _path_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_PATH_MAX")
    except (OSError, ValueError, AttributeError):
        return 4096


def test_folder_past_path_max_is_reported(tree: Path) -> None:
    # Folders made one level at a time, relative to an open folder, so no call here sees the whole path.
    name = "d" * 200
    depth = _path_max(tree) // (len(name) + 1) + 1
    fd = os.open(tree, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("deep.py", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)
    result = run(str(tree), "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["summary"]["skipped"] == 1
    assert doc["skipped"][0]["reason"] == "cannot read the folder: File name too long"
    assert doc["skipped"][0]["path"].startswith(name + "/") and len(doc["skipped"][0]["path"]) > 3000


def test_file_path_past_path_max_is_reported(tree: Path) -> None:
    long = tree / (("x" * 200 + "/") * (_path_max(tree) // 201 + 1)) / "a.py"
    result = run_scan(tree / "ok.py", long)
    assert result.summary["skipped"] == 1
    assert [(s.path, s.reason) for s in result.skipped] == [(long.as_posix(), "cannot read: File name too long")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_a_folder_is_reported(tree: Path) -> None:
    os.mkfifo(tree / "pipe.py")
    _assert_reported(tree, [{"path": "pipe.py", "reason": "not a regular file"}])


def _scan_in_a_child(*paths: str) -> subprocess.CompletedProcess[str]:
    """Run in a child process with a timeout: before the fix, these paths blocked or read without end."""
    return subprocess.run([sys.executable, "-m", "modelpick", "scan", "--registry", str(REGISTRY), "--as-of",
                           AS_OF_TEXT, "--format", "json", *paths], capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_given_is_reported_without_blocking(tree: Path) -> None:
    os.mkfifo(tree / "pipe")
    done = _scan_in_a_child(str(tree / "pipe"), str(tree / "ok.py"))
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["skipped"] == [{"path": (tree / "pipe").as_posix(), "reason": "not a regular file"}]
    assert doc["summary"]["files"] == 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_skipped_promptly() -> None:
    done = _scan_in_a_child("/dev/zero")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["skipped"] == [{"path": "/dev/zero", "reason": "not a regular file"}]
    assert doc["summary"]["skipped"] == 1 and doc["summary"]["files"] == 0


# The exit code comes from the result's failing count, which counts skipped paths under --strict.
def test_skips_fail_with_strict(tree: Path) -> None:
    Path(tree / "gone").symlink_to(tree / "nowhere")
    assert run(str(tree)).exit_code == 0
    assert run(str(tree), "--strict").exit_code == 1


def test_skips_are_counted_by_failing_with_strict(tree: Path) -> None:
    Path(tree / "gone").symlink_to(tree / "nowhere")
    result = run_scan(tree)
    assert [(s.path, s.reason) for s in result.skipped] == [("gone", "a broken symlink (it leads nowhere)")]
    assert (result.failing, run_scan(tree, strict=True).failing) == (0, 1)
