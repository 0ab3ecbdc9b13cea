"""Nothing lost: every file modelpick writes (-o, init, registry import, caches) appears whole or not at
all, keeps the usual permissions, and never replaces a file the same command reads."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.errors import WriteError
from modelpick.files import (
    FOLDER_TEMP_PREFIX,
    _umask,
    is_regular_file,
    write_atomically,
    write_file,
    write_folder,
)
from modelpick.upkeep import foreign

runner = CliRunner()
FOREIGN = Path(__file__).resolve().parent / "fixtures" / "foreign"
REGISTRY_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "registry"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.yaml", "a: 1\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644  # not mkstemp's 0600


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "private.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomically(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("failure", ["disk-full", "rename-fails", "interrupted"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           failure: str) -> None:
    target = tmp_path / "config.yaml"
    target.write_text("old\n")
    error: BaseException = {"disk-full": OSError(errno.ENOSPC, "No space left on device"),
                            "rename-fails": OSError(errno.EXDEV, "Invalid cross-device link"),
                            "interrupted": KeyboardInterrupt()}[failure]

    def fail(*args: Any) -> None:
        raise error

    monkeypatch.setattr(os, "replace" if failure == "rename-fails" else "fsync", fail)
    with pytest.raises(type(error)):
        write_atomically(target, "new\n" * 1000)
    assert target.read_text() == "old\n"
    assert leftovers(tmp_path) == []


def test_import_writes_nothing_when_one_provider_file_fails(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every provider file is rendered before the first is written: a failure on the second leaves none."""
    real = foreign.render_provider_file
    rendered: list[str] = []

    def fail_on_second(data: Any, provider: str) -> str:
        rendered.append(provider)
        if len(rendered) == 2:
            raise RuntimeError("rendering failed")
        return real(data, provider)

    monkeypatch.setattr(foreign, "render_provider_file", fail_on_second)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        runner.invoke(app, ["--debug", "registry", "import", "--from", "litellm",
                            str(FOREIGN / "litellm-model-prices.json"), "-o", str(out)], catch_exceptions=False)
    assert len(rendered) == 2
    assert not out.exists() or list(out.iterdir()) == []


def test_import_never_overwrites_its_input_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "openai.yaml"  # a LiteLLM map, oddly named: importing it would write openai.yaml
    source.write_bytes((FOREIGN / "litellm-model-prices.json").read_bytes())
    before = source.read_bytes()
    result = runner.invoke(app, ["registry", "import", "--from", "litellm", str(source), "-o", str(tmp_path),
                                 "--force"])
    assert result.exit_code == 2
    assert result.stderr == (f"modelpick: error: --output: {source} would overwrite the input file {source}; "
                             "write somewhere else\n")
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["openai.yaml"]


def test_init_never_overwrites_its_input_even_with_force(tmp_path: Path) -> None:
    registry_file = tmp_path / "acme.yaml"
    registry_file.write_bytes((REGISTRY_FIXTURES / "acme.yaml").read_bytes())
    before = registry_file.read_bytes()
    result = runner.invoke(app, ["init", "--registry", str(registry_file), "--model", "acme-alpha-2025-06-01",
                                 "--path", str(registry_file), "--force"])
    assert result.exit_code == 2
    assert result.stderr == (f"modelpick: error: --path: {registry_file} would overwrite the input file "
                             f"{registry_file}; write somewhere else\n")
    assert registry_file.read_bytes() == before


def test_init_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "modelpick.yaml"
    target.write_text("mine\n")
    result = runner.invoke(app, ["init", "--registry", str(REGISTRY_FIXTURES), "--model",
                                 "acme-alpha-2025-06-01", "--path", str(target)])
    assert result.exit_code == 2
    assert result.stderr == f"modelpick: error: {target}: already exists; --force overwrites it\n"
    assert target.read_text() == "mine\n"
    assert leftovers(tmp_path) == []


def test_is_regular_file_never_opens(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x\n")
    (tmp_path / "folder").mkdir()
    os.symlink("a.py", tmp_path / "link.py")
    os.symlink("gone.py", tmp_path / "broken.py")
    cases = {"a.py": True, "link.py": True, "folder": False, "broken.py": False, "missing.py": False}
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.py")  # opening it would block this test
        cases["pipe.py"] = False
    assert {name: is_regular_file(tmp_path / name) for name in cases} == cases
    if Path("/dev/zero").exists():
        assert not is_regular_file("/dev/zero")


@pytest.mark.parametrize("failure", ["disk-full", "read-only", "symlink-loop", "not-a-folder"])
def test_write_file_failures_are_write_errors_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              failure: str) -> None:
    target = tmp_path / "config.yaml"
    expected = {"disk-full": "cannot write: No space left on device",
                "read-only": "cannot write: Permission denied",
                "symlink-loop": f"cannot write: {tmp_path}/loop is a symlink loop (it leads back to itself)",
                "not-a-folder": f"cannot write: {tmp_path}/file is not a folder"}[failure]
    if failure == "disk-full":
        def full(*args: Any) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(os, "fsync", full)
    elif failure == "read-only":  # simulated: root ignores a folder's permissions
        def denied(*args: Any, **kwargs: Any) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")
        monkeypatch.setattr("tempfile.mkstemp", denied)
    elif failure == "symlink-loop":
        os.symlink("loop2", tmp_path / "loop")
        os.symlink("loop", tmp_path / "loop2")
        target = tmp_path / "loop" / "config.yaml"
    else:
        (tmp_path / "file").write_text("x\n")
        target = tmp_path / "file" / "config.yaml"
    with pytest.raises(WriteError) as caught:
        write_file(target, "new\n", "shown.yaml")
    assert caught.value.message == f"shown.yaml: {expected}"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permissions (simulated above)")
def test_write_file_into_a_read_only_folder(tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(WriteError) as caught:
            write_file(tmp_path / "config.yaml", "new\n")
    finally:
        tmp_path.chmod(0o755)
    assert caught.value.message == f"{tmp_path}/config.yaml: cannot write: Permission denied"


def test_write_folder_removes_only_stale_temporaries(tmp_path: Path) -> None:
    """A killed run's temporary folder goes; one of a run still going (this process's parent) stays."""
    stale = tmp_path / f"{FOLDER_TEMP_PREFIX}4194304999-abc"
    running = tmp_path / f"{FOLDER_TEMP_PREFIX}{os.getppid()}-abc"
    stale.mkdir()
    running.mkdir()
    assert write_folder(tmp_path / "out", {"a.yaml": "a: 1\n"}) == [tmp_path / "out" / "a.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, "out"])
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o777 & ~_umask()
