"""A folder, a missing path, a device, a symlink that loops or leads nowhere, or a file over the size limit
where a file belongs: exit 2, one line naming the path, and nothing read past the limit."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_support import PROVIDER, READERS, run, user_error, write

KINDS = sorted(READERS)
WHAT = {"workload": "a workload file", "config": "a config file", "registry": "a registry file"}
LIMIT = {"workload": "1.0 MiB", "config": "1.0 MiB", "registry": "50.0 MiB"}


@pytest.mark.parametrize("kind", ["config", "workload"])  # a folder is a valid --registry: all its files
def test_a_folder(kind: str) -> None:
    Path("input.yaml").mkdir()
    assert user_error(*READERS[kind]) == f"input.yaml: is a folder, expected {WHAT[kind]}"


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_file(kind: str) -> None:
    message = user_error(*READERS[kind])
    assert message == ("input.yaml: no such file or folder" if kind == "registry" else "input.yaml: no such file")


@pytest.mark.parametrize("kind", KINDS)
def test_a_symlink_loop(kind: str) -> None:
    os.symlink("other.yaml", "input.yaml")
    os.symlink("input.yaml", "other.yaml")
    assert user_error(*READERS[kind]) == "input.yaml: a symlink loop (it leads back to itself)"


@pytest.mark.parametrize("kind", KINDS)
def test_a_broken_symlink(kind: str) -> None:
    os.symlink("nowhere.yaml", "input.yaml")
    assert user_error(*READERS[kind]) == "input.yaml: a broken symlink (it leads nowhere)"


@pytest.mark.parametrize("kind", KINDS)
def test_one_byte_over_the_size_limit(kind: str) -> None:
    limit = {"workload": 1, "config": 1, "registry": 50}[kind] * 1024 * 1024
    with open("input.yaml", "wb") as handle:  # sparse: the size is what counts, and nothing is read
        handle.truncate(limit + 1)
    assert user_error(*READERS[kind]) == (
        f"input.yaml: is {(limit + 1) / 1024 / 1024:.1f} MiB, over the {LIMIT[kind]} limit for {WHAT[kind]}")


def test_exactly_at_the_size_limit_is_read() -> None:
    """The limit is inclusive: a 1 MiB workload of comments and one key is read (and found to be fine)."""
    text = "task: chat\n"
    write("input.yaml", text + "#" * (1024 * 1024 - len(text) - 1) + "\n")
    assert run(*READERS["workload"]).exit_code == 0


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("kind", KINDS)
def test_an_endless_device_is_refused_unread(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """/dev/zero reports size 0 and never ends: only regular files are read."""
    os.symlink("/dev/zero", "input.yaml")  # with the cache on: its key never reads a file that is not regular
    assert user_error(*READERS[kind]) == (
        f"input.yaml: not a regular file (a character device), expected {WHAT[kind]}")


@pytest.fixture
def fifo(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """input.yaml as a named pipe nobody writes to: opening it to read blocks. Should a reader block anyway,
    a writer opens it after 5 s, so the test fails (an empty file) instead of hanging the suite."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs os.mkfifo")
    monkeypatch.setenv("MODELPICK_NO_CACHE", "1")  # see test_a_named_pipe_as_registry_with_the_cache_on
    path = Path("input.yaml").absolute()
    os.mkfifo(path)
    done = threading.Event()

    def unblock() -> None:
        if done.wait(5):
            return
        while not done.is_set():
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # fails until a reader has it open
            except OSError:
                time.sleep(0.05)

    thread = threading.Thread(target=unblock, daemon=True)
    thread.start()
    yield path
    done.set()


@pytest.mark.parametrize("kind", KINDS)
def test_a_named_pipe_is_refused_unopened(kind: str, fifo: Path) -> None:
    assert user_error(*READERS[kind]) == f"input.yaml: not a regular file (a named pipe), expected {WHAT[kind]}"


def test_a_named_pipe_as_import_input(fifo: Path) -> None:
    assert user_error("registry", "import", "--from", "litellm", "input.yaml", "-o", "out") == (
        "input.yaml: not a regular file (a named pipe), expected a JSON registry file")
    assert not Path("out").exists()


def test_a_named_pipe_inside_a_registry_folder_is_not_a_registry_file(fifo: Path) -> None:
    write("reg/hostileco.yaml", PROVIDER)
    os.rename("input.yaml", "reg/pipe.yaml")
    result = run("models", "--registry", "reg", "--provider", "hostileco", "--format", "plain")
    assert result.exit_code == 0, result.stderr
    assert "h-1" in result.stdout


def test_a_named_pipe_as_registry_with_the_cache_on(fifo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODELPICK_NO_CACHE")
    start = time.monotonic()
    assert user_error(*READERS["registry"]) == (
        "input.yaml: not a regular file (a named pipe), expected a registry file")
    assert time.monotonic() - start < 4, "blocked until the fixture's writer came"


def test_symlink_loop_inside_a_registry_folder() -> None:
    write("reg/hostileco.yaml", PROVIDER)
    Path("reg/sub").mkdir()
    os.symlink("..", "reg/sub/up")
    message = user_error("recommend", "--registry", "reg", "--format", "json")
    assert message == "reg/sub/up: a symlink loop (it leads back to a folder that contains it)"


def test_symlinked_file_loop_inside_a_registry_folder() -> None:
    write("reg/hostileco.yaml", PROVIDER)
    os.symlink("b.yaml", "reg/a.yaml")
    os.symlink("a.yaml", "reg/b.yaml")
    message = user_error("recommend", "--registry", "reg", "--format", "json")
    assert message == "reg/a.yaml: a symlink loop (it leads back to itself)"


def test_broken_symlink_inside_a_registry_folder() -> None:
    write("reg/hostileco.yaml", PROVIDER)
    os.symlink("gone.yaml", "reg/extra.yaml")
    message = user_error("recommend", "--registry", "reg", "--format", "json")
    assert message == "reg/extra.yaml: a broken symlink (it leads nowhere)"


def test_two_links_to_one_registry_folder_read_it_once() -> None:
    """Not a loop: a folder reached twice is read once, so its entries are not duplicates of themselves."""
    write("shared/hostileco.yaml", PROVIDER)
    Path("reg").mkdir()
    os.symlink("../shared", "reg/one")
    os.symlink("../shared", "reg/two")
    result = run("models", "--registry", "reg", "--provider", "hostileco", "--format", "plain")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("h-1") == 1
