"""Reading a usage log: the format told from its first row (or named), rows parsed by the format's reader
into Usage tuples, streamed, with every bad row counted."""


from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from modelpick.errors import InputError
from modelpick.replay import LOG_FORMATS
from modelpick.replay.rows import BadValue, Progress, Usage, container_of, first_keys, iter_rows

# Each format's reader module (`detect(keys)`, `parse(row)`), from the names in LOG_FORMATS.
READERS: dict[str, ModuleType] = {name: importlib.import_module(f"modelpick.replay.{module}")
                                  for name, module in LOG_FORMATS.items()}
BAD_LINES_LISTED = 10  # the first bad lines listed by number; every one is counted


@dataclass
class LogStats:
    """What reading a log met: rows read, bad rows (all counted, the first BAD_LINES_LISTED listed)."""

    rows: int = 0
    bad: int = 0
    first_bad: list[tuple[int, str]] = field(default_factory=list)


def detect_format(path: Path, container: str) -> str:
    keys = first_keys(path, container)
    for name, reader in READERS.items():
        if reader.detect(keys):
            return name
    shown = ", ".join(sorted(keys)[:12]) or "none"
    raise InputError(f"cannot tell the log's format from its first row (keys: {shown}); name it with --from "
                     f"{'|'.join(READERS)}", file=str(path))


def read_usage(path: Path, fmt: str | None = None,
               progress: Progress | None = None) -> tuple[str, Iterator[Usage], LogStats]:
    """(format, the log's Usage tuples as a stream, the stats the stream fills in). After the stream ends,
    a log whose every row is bad is an InputError."""
    if fmt is not None and fmt not in READERS:
        raise InputError(f"unknown log format {fmt!r}; one of {', '.join(READERS)}", path="log_format", argument=True)
    container = container_of(path)
    fmt = fmt or detect_format(path, container)
    stats = LogStats()
    return fmt, _stream(path, container, READERS[fmt].parse, stats, progress), stats


def _stream(path: Path, container: str, parse: object, stats: LogStats,
            progress: Progress | None) -> Iterator[Usage]:
    first_bad, listed = stats.first_bad, BAD_LINES_LISTED
    rows = bad = 0
    for number, row in iter_rows(path, container, progress):
        rows += 1
        try:
            if isinstance(row, BadValue):
                raise row
            item = parse(row)  # type: ignore[operator]
        except (BadValue, TypeError, AttributeError) as exc:
            bad += 1
            if len(first_bad) < listed:
                first_bad.append((number, str(exc) if isinstance(exc, BadValue) else "unreadable row"))
            continue
        yield item
    stats.rows, stats.bad = rows, bad
    if rows and bad == rows:
        where = "; ".join(f"line {n}: {reason}" for n, reason in first_bad[:3])
        raise InputError(f"no line could be read: {bad} bad line{'s' if bad != 1 else ''} ({where})", file=str(path))
