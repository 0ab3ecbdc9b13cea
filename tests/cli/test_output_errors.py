"""stdout that cannot take the output (issue 12, item 8): a full device is exit 2 with one line on stderr; a
reader that closes early (`| head -1`) ends quietly. Both in a child process: the real streams and exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = [["models", "--format", "json"], ["models", "--format", "plain"], ["tasks"],
            ["registry", "export", "--format", "csv"], ["--help"]]


def _modelpick(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MODELPICK_NO_CACHE": "1"}
    return subprocess.Popen([sys.executable, "-m", "modelpick", *args], env=env, **kwargs)  # type: ignore[call-overload]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        child = _modelpick(*args, stdout=full, stderr=subprocess.PIPE)
        _, err = child.communicate(timeout=60)
    assert (child.returncode, err.decode()) == (2, "modelpick: error: cannot write the output: No space left on device\n")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_that_closed_before_the_output_ends_it_quietly(args: list[str]) -> None:
    child = _modelpick(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before the first byte: the write meets a closed pipe
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=60) in (0, 1) and err == b""


def test_a_reader_that_takes_one_line_ends_it_quietly() -> None:
    """`modelpick registry export --format jsonl | head -1`: the output is far larger than a pipe holds."""
    child = _modelpick("registry", "export", "--format", "jsonl", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline().startswith(b"{")
    child.stdout.close()
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=60) in (0, 1) and err == b""
