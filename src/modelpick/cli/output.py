"""What a command writes and how it ends: a result rendered to stdout, one line on stderr for every error,
and the exit codes.

Exit codes: 0 done; 1 the answer is negative (no entry fits, a check fails); 2 the input is wrong (a bad
option or value, an unreadable file, an unknown model), and a write to stdout that fails (a full disk)."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import sys
from collections.abc import Iterator
from enum import Enum
from typing import Any, Callable

import typer
from typer import _click as click
from typer._click.exceptions import NoArgsIsHelpError
from typer.core import TyperGroup

from modelpick.cli.options import flag_for
from modelpick.errors import InputError, ModelpickError

# Set by the top-level --debug: errors keep their traceback.
STATE = {"debug": False}

# stdout could not take the output. A closed pipe ends quietly; anything else (a full disk, /dev/full) is one
# line on stderr and exit 2.
WRITE_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


class OneLineErrors(TyperGroup):
    """Usage errors (unknown option, bad value) as one line on stderr, like every other error."""

    def _one_line(self, exc: click.ClickException) -> typer.Exit:
        sys.stderr.write(f"modelpick: error: {' '.join(exc.format_message().split())}\n")
        return typer.Exit(exc.exit_code)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except NoArgsIsHelpError:
            raise
        except click.ClickException as exc:
            raise self._one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except click.ClickException as exc:
            raise self._one_line(exc) from None


def warn(message: str) -> None:
    sys.stderr.write(f"modelpick: {message}\n")


def _width(chosen: str, stdout_tty: bool) -> int | None:
    """The width table and plain text fit: the terminal's; when piped, COLUMNS if set (COLUMNS=80 modelpick
    ... | less), else a width that reads well: a table as on a wide terminal, plain text within 100."""
    if chosen not in ("table", "plain"):
        return None
    columns = os.environ.get("COLUMNS", "")
    default = 120 if chosen == "table" else 100
    if stdout_tty:
        return shutil.get_terminal_size((default, 24)).columns
    return int(columns) if columns.isdigit() and int(columns) > 0 else default


def emit(result: Any, fmt: Enum | None, *, show_excluded: bool = False) -> None:
    """Render a result in the format chosen (default: table on a terminal, plain when piped) to stdout."""
    from modelpick.render import render

    stdout_tty = sys.stdout.isatty()
    chosen = fmt.value if fmt else ("table" if stdout_tty else "plain")
    color = stdout_tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    write(render(result, chosen, show_excluded=show_excluded, width=_width(chosen, stdout_tty), color=color))


def emit_verdict(result: Any, fmt: Enum | None) -> None:
    """`emit`, then exit 1 when the result fails (check, scan, registry validate and audit: a CI job's gate)."""
    emit(result, fmt)
    if result.failing:
        raise typer.Exit(1)


def write(text: str) -> None:
    """Text to stdout, flushed here, not at exit: a full disk is reported like any other error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise  # a reader that closed early (`| head`): click ends quietly
        raise typer.Exit(output_failed(exc)) from None


def output_failed(exc: OSError) -> int:
    """The exit code for a write to stdout that failed, said on stderr unless the reader just left."""
    # Whatever is still buffered goes nowhere, so the interpreter's last flush cannot fail again.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    if exc.errno == errno.EPIPE:
        return 1  # as click ends a closed pipe
    warn(f"error: cannot write the output: {exc.strerror or exc}")
    return 2


def guarded(func: Callable[..., None]) -> Callable[..., None]:
    """modelpick's errors become one line on stderr and exit 2; a traceback only with --debug."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except ModelpickError as exc:
            if STATE["debug"]:
                raise
            flag = flag_for(exc.path) if isinstance(exc, InputError) and exc.argument and exc.path else None
            if flag:
                exc = exc.at(flag)  # type: ignore[union-attr]
            # One line, always: CI annotations and log scrapers read errors line by line.
            warn("error: " + " ".join(exc.message.splitlines()))
            raise typer.Exit(exc.exit_code) from None

    return wrapper


ProgressBar = Callable[[int, int], None]


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[ProgressBar | None]:
    """A progress bar on stderr for large inputs, only when stderr is a terminal (never in CI logs)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
