"""Reading a usage log line by line: the container (CSV or JSON Lines), the values in it, and bad lines.

A log is never loaded whole: JSON Lines are read one line at a time (json.loads of the line's bytes), CSV one
row at a time (csv.reader over the decoded stream), so memory stays flat however long the log is.

Every reader turns one row (a mapping: a CSV row by its header, or a JSON object) into one Usage tuple:

    (model as logged, day "YYYY-MM-DD", input tokens (cached and cache writes included), cached tokens,
     cache-write tokens, output tokens (visible), reasoning tokens, requests)

and raises BadValue, naming the column, for a row it cannot read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from modelpick.errors import InputError
from modelpick.files import unreadable_reason

Usage = tuple[str, str, int, int, int, int, int, int]
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 65536  # rows between two progress updates


class BadValue(ValueError):
    """A row the reader cannot use; the message says which column and why."""


def container_of(path: Path) -> str:
    """`csv` or `jsonl`: by the file's extension, else by its first character that is not blank (`{`)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    with open_log(path) as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "jsonl" if head[:1] == b"{" else "csv"


def open_log(path: Path) -> Any:
    try:
        if path.is_dir():
            raise InputError("is a folder, expected a usage log (CSV or JSON Lines)", file=str(path))
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise InputError(unreadable_reason(path, exc), file=str(path)) from None


def iter_rows(path: Path, container: str, progress: Progress | None = None) -> Iterator[tuple[int, Any]]:
    """(line number, row) for every row: a dict for JSON Lines (or a BadValue for a line that is not a JSON
    object), a dict by header for CSV. Blank lines are not rows."""
    size = os.stat(path).st_size if progress else 0
    with open_log(path) as raw:
        if container == "jsonl":
            yield from _jsonl(raw, size, progress)
        else:
            yield from _csv(raw, path, size, progress)
    if progress:
        progress(size, size)


def _jsonl(raw: Any, size: int, progress: Progress | None) -> Iterator[tuple[int, Any]]:
    loads = json.loads
    for number, line in enumerate(raw, 1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if progress and number % PROGRESS_EVERY == 0:
            progress(raw.tell(), size)
        try:
            row = loads(line)
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
            if not line.strip():
                continue
            yield number, BadValue(f"not valid JSON ({str(exc).split(':')[0]})")
            continue
        yield number, row if isinstance(row, dict) else BadValue("not a JSON object")


def _csv(raw: Any, path: Path, size: int, progress: Progress | None) -> Iterator[tuple[int, Any]]:
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        header = [h.strip() for h in next(reader, [])]
        count = 0
        for row in reader:
            count += 1
            if progress and count % PROGRESS_EVERY == 0:
                progress(raw.tell(), size)
            if not row:
                continue
            if len(row) != len(header):
                yield reader.line_num, BadValue(f"{len(row)} fields where the header has {len(header)}")
                continue
            yield reader.line_num, dict(zip(header, row, strict=True))
    except UnicodeDecodeError:
        raise InputError("not valid UTF-8", file=str(path), line=reader.line_num + 1) from None
    except csv.Error as exc:
        raise InputError(f"not valid CSV: {exc}", file=str(path), line=reader.line_num) from None
    finally:
        text.detach()


def first_keys(path: Path, container: str) -> set[str]:
    """The keys of the log's first row (a CSV header; a JSON object's keys, with those of a nested `usage`
    and `metadata` object), for telling its format."""
    if container == "csv":
        with open_log(path) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            try:
                return {h.strip() for h in next(csv.reader(text), [])}
            except (UnicodeDecodeError, csv.Error):
                return set()
            finally:
                text.detach()
    for _number, row in iter_rows(path, container):
        if isinstance(row, BadValue):
            continue
        keys = set(row)
        for nested in ("usage", "metadata"):
            if isinstance(row.get(nested), Mapping):
                keys |= set(row[nested])
        return keys
    return set()


def tokens(row: Mapping[str, Any], *names: str, required: bool = True) -> int:
    """A token count from the first of `names` the row has (an empty CSV cell is absent): a whole number,
    0 or more. Absent and not required: 0."""
    for name in names:
        value = row.get(name)
        if value is None or value == "":
            continue
        if type(value) is int:
            if value < 0:
                raise BadValue(f"{name}: {value} is negative")
            return value
        try:
            number = int(value) if isinstance(value, str) else int(value) if float(value).is_integer() else None
        except (TypeError, ValueError):
            number = None
        if number is None or isinstance(value, bool):
            raise BadValue(f"{name}: {str(value)[:40]!r} is not a whole number")
        if number < 0:
            raise BadValue(f"{name}: {number} is negative")
        return number
    if required:
        raise BadValue(f"no {' or '.join(names)}")
    return 0


def text(row: Mapping[str, Any], *names: str) -> str:
    for name in names:
        value = row.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    raise BadValue(f"no {' or '.join(names)}")


_DAYS: dict[str, str] = {}


def day(row: Mapping[str, Any], *names: str) -> str:
    """The day of a timestamp: ISO 8601 text (its date as written, `2025-06-01T23:30:00-05:00` is
    2025-06-01) or Unix seconds (a UTC day)."""
    for name in names:
        value = row.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            head = value.strip()[:10]
            known = _DAYS.get(head)
            if known is not None:
                return known
            try:
                parsed = dt.date.fromisoformat(head).isoformat()
            except ValueError:
                raise BadValue(f"{name}: {value[:40]!r} is not an ISO 8601 date or time") from None
            if len(_DAYS) < 100_000:
                _DAYS[head] = parsed
            return parsed
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                return dt.datetime.fromtimestamp(value, dt.timezone.utc).date().isoformat()
            except (OverflowError, OSError, ValueError):
                raise BadValue(f"{name}: {value} is not a Unix time in seconds") from None
        raise BadValue(f"{name}: {str(value)[:40]!r} is not a timestamp")
    raise BadValue(f"no {' or '.join(names)}")


def usage(model: str, when: str, input_tokens: int, cached: int, written: int, output: int, reasoning: int,
          requests: int = 1) -> Usage:
    """One Usage, checked: the cached and cache-write tokens are part of the input tokens."""
    if cached + written > input_tokens:
        raise BadValue(f"cached ({cached}) and cache-write ({written}) tokens exceed the input tokens "
                       f"({input_tokens}) that include them")
    if requests < 1:
        raise BadValue(f"{requests} requests")
    return (model, when, input_tokens, cached, written, output, reasoning, requests)


def nested(row: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """A nested object of a JSON row, or the JSON text of a CSV cell; empty when absent or unreadable."""
    value = row.get(key)
    if isinstance(value, str) and value.startswith("{"):
        try:
            value = json.loads(value)
        except ValueError:
            raise BadValue(f"{key}: not valid JSON") from None
    return value if isinstance(value, Mapping) else {}
