"""Which files a scan reads, and reading one: the folder walk (skipped folders, .gitignore files), what
cannot be read, and the bounds on a file (see `modelpick.scanner`'s docstring, "Which files")."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from modelpick.files import unreadable_reason

MAX_FILE_BYTES = 5 * 1024 * 1024
BINARY_PROBE_BYTES = 8192
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__",
                       ".venv", "venv", "env", ".tox", ".nox"})


class Ignores:
    """The .gitignore files that apply to one folder: (folder relative to the top, spec), shallowest first.
    Paths given to `ignored` are relative to the top (the git work tree, else the scanned folder)."""

    def __init__(self, layers: tuple[tuple[str, object], ...] = ()) -> None:
        self.layers = layers

    def with_file(self, folder: str, gitignore: Path) -> Ignores:
        from pathspec import GitIgnoreSpec

        try:
            with gitignore.open("rb") as handle:  # bounded, like every file modelpick reads
                lines = handle.read(MAX_FILE_BYTES).decode("utf-8", errors="replace").splitlines()
        except OSError:
            return self
        spec = GitIgnoreSpec.from_lines(lines)
        if not spec.patterns:
            return self
        return Ignores((*self.layers, (folder, spec)))

    def ignored(self, path: str, is_dir: bool) -> bool:
        probe_suffix = "/" if is_dir else ""
        for folder, spec in reversed(self.layers):  # the deepest .gitignore that has a say decides
            result = spec.check_file(path[len(folder):] + probe_suffix)  # type: ignore[attr-defined]
            if result.include is not None:
                return bool(result.include)
        return False


def _git_top(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _root_ignores(root: Path) -> tuple[Ignores, str]:
    """The .gitignore files above the scanned folder (up to the git work tree's top) and the folder's path
    relative to that top ("" or ending in "/")."""
    try:
        resolved = root.resolve()
    except OSError:
        return Ignores(), ""
    top = _git_top(resolved)
    if top is None or top == resolved:
        return Ignores(), ""
    ignores = Ignores()
    parts = resolved.relative_to(top).parts
    for depth in range(len(parts)):
        folder = top.joinpath(*parts[:depth])
        prefix = "".join(f"{p}/" for p in parts[:depth])
        if (folder / ".gitignore").is_file():
            ignores = ignores.with_file(prefix, folder / ".gitignore")
    return ignores, "".join(f"{p}/" for p in parts)


def walk(root: Path) -> Iterator[tuple[str, str, str | None]]:
    """(path relative to root in POSIX form, OS path, None) of every file to read under root, and
    (path, OS path, reason) of every file or folder that cannot be read (the path "" is root itself)."""
    ignores, top_prefix = _root_ignores(root)
    stack: list[tuple[str, str, Ignores]] = [(str(root), "", ignores)]
    while stack:
        folder, rel, ignores = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:  # unreadable, or a path longer than the system allows
            yield rel.rstrip("/"), folder, f"cannot read the folder: {exc.strerror or exc}"
            continue
        names = {e.name for e in entries}
        if rel and "pyvenv.cfg" in names:
            continue  # a virtual environment below the scanned folder
        if ".gitignore" in names:
            ignores = ignores.with_file(top_prefix + rel, Path(folder, ".gitignore"))
        subfolders = []
        for entry in entries:
            name = entry.name
            path = rel + name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError as exc:
                yield path, entry.path, f"cannot read: {exc.strerror or exc}"
                continue
            if (is_dir and name in SKIP_DIRS) or name == ".git":
                continue
            problem = None if is_dir else _file_problem(entry)
            if problem == "":
                continue  # a link to a folder: not followed
            if ignores.layers and ignores.ignored(top_prefix + path, is_dir):
                continue
            if is_dir:
                subfolders.append((entry.path, path + "/", ignores))
            else:
                yield path, entry.path, problem
        stack.extend(reversed(subfolders))


def _file_problem(entry: os.DirEntry[str]) -> str | None:
    """None for a regular file (or a link to one); "" for a link to a folder (not followed, not reported);
    else why the entry cannot be read. Only stats, never opens: a FIFO cannot block the walk."""
    try:
        if entry.is_file(follow_symlinks=False):  # the folder listing says so: no system call
            return None
        info = entry.stat()  # follows a link
    except OSError as exc:
        return unreadable_reason(Path(entry.path), exc)
    if stat.S_ISREG(info.st_mode):
        return None
    return "" if stat.S_ISDIR(info.st_mode) else "not a regular file"


# O_NONBLOCK: opening a FIFO does not wait for a writer (the fstat below then refuses it); O_NOCTTY: a
# terminal device named as a PATH does not become the controlling terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def read_text(os_path: str) -> tuple[str | None, str | None]:
    """(text, None) for a file to scan; (None, None) for one skipped by design (over MAX_FILE_BYTES, binary,
    not UTF-8); (None, reason) for one that cannot be read or is not a regular file (a FIFO, a device)."""
    try:
        fd = os.open(os_path, _OPEN_FLAGS)
    except OSError as exc:
        return None, unreadable_reason(Path(os_path), exc)
    with open(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None, "not a regular file"
            if info.st_size > MAX_FILE_BYTES:
                return None, None
            data = handle.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows while read
        except OSError as exc:
            return None, f"cannot read: {exc.strerror or exc}"
    if len(data) > MAX_FILE_BYTES or b"\0" in data[:BINARY_PROBE_BYTES]:
        return None, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, None
