"""Typed errors. Only the CLI turns them into a message and an exit code."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ModelpickError(Exception):
    """A user-facing error: the input is wrong (exit 2)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(ModelpickError):
    """A file or option holds an invalid value. Names the file, key path and line where known."""

    def __init__(self, message: str, *, file: str | None = None, path: str | None = None,
                 line: int | None = None) -> None:
        where = ""
        if file:
            where = f"{file}:{line}: " if line else f"{file}: "
        key = f"{path}: " if path else ""
        super().__init__(f"{where}{key}{message}")
        self.file, self.path, self.line = file, path, line
        self.detail = message  # the words alone, without file, line and key path


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(set(choices)), n=3, cutoff=0.6)
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


class UnknownTaskError(ModelpickError):
    def __init__(self, name: str, known: Iterable[str], *, file: str | None = None, line: int | None = None,
                 option: str | None = None) -> None:
        if option:
            where = f"{option}: "
        else:
            where = f"{file}:{line}: task: " if file and line else (f"{file}: task: " if file else "")
        super().__init__(f"{where}unknown task {name!r}{did_you_mean(name, known)}; `modelpick tasks` lists them")
        self.name = name
