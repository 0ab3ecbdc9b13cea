"""Typed errors. Only the CLI turns them into a message and an exit code."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


class ModelpickError(Exception):
    """A user-facing error: the input is wrong (exit 2)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(ModelpickError):
    """A file or option holds an invalid value. Names the file, key path and line where known. `argument`: the
    key path names an argument of the call (a workload override, a parameter), not a key inside a file, so the
    command line names the option that gave it instead."""

    def __init__(self, message: str, *, file: str | None = None, path: str | None = None,
                 line: int | None = None, argument: bool = False) -> None:
        where = ""
        if file:
            where = f"{file}:{line}: " if line else f"{file}: "
        key = f"{path}: " if path else ""
        super().__init__(f"{where}{key}{message}")
        self.file, self.path, self.line, self.argument = file, path, line, argument
        self.detail = message  # the words alone, without file, line and key path

    def at(self, path: str) -> InputError:
        """The same error, blamed on `path` instead (the command line names the option a key path came from)."""
        return InputError(self.detail, file=self.file, path=path, line=self.line)


class WriteError(ModelpickError):
    """A file or folder the user asked for cannot be written (a read-only folder, a full disk, a folder or a
    symlink loop in the way). Names the path; what was there before is left as it was."""

    def __init__(self, message: str, *, file: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file, self.detail = file, message


def _abbreviates(name: str, known: str) -> bool:
    """`aider` for `aider_polyglot`, `polyglot` too: a prefix, or whole `_`/`-`-separated parts in a row."""
    name, known = name.casefold(), known.casefold()
    if known.startswith(name):
        return True
    parts, wanted = re.split(r"[_-]", known), re.split(r"[_-]", name)
    return any(parts[i:i + len(wanted)] == wanted for i in range(len(parts) - len(wanted) + 1))


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    known = sorted(set(choices))
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    # difflib scores an abbreviation low (`aider` against `aider_polyglot`: 0.53, under the cutoff), so names
    # it abbreviates fill the places left, the shortest (the least left to guess) first.
    if name:
        close += sorted((k for k in known if k not in close and _abbreviates(name, k)), key=len)[:3 - len(close)]
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


class UnknownModelError(ModelpickError):
    def __init__(self, name: str, known: Iterable[str]) -> None:
        super().__init__(f"unknown model {name!r}{did_you_mean(name, known)}; `modelpick models` lists them")
        self.name = name


class AmbiguousModelError(ModelpickError):
    def __init__(self, name: str, keys: list[str]) -> None:
        super().__init__(f"{name!r} is served by several providers; name one of: {', '.join(keys)}")
        self.name, self.keys = name, keys


class UnknownTaskError(InputError):
    def __init__(self, name: str, known: Iterable[str], *, file: str | None = None, line: int | None = None,
                 path: str | None = None) -> None:
        super().__init__(f"unknown task {name!r}{did_you_mean(name, known)}; `modelpick tasks` lists them",
                         file=file, path=path or ("task" if file else None), line=line, argument=path is not None)
        self.name = name
