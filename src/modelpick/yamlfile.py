"""Safe YAML reading that remembers where each key is, so errors can name file, key path and line.

Reading is bounded, because the files come from the internet, scripts and pull requests: the file's size, how
deep it nests and how far its aliases expand are limited, only plain-data tags are accepted, and a value the
constructor cannot build (a 13th month, a 5,000-digit number) is an error, never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelpick import __version__
from modelpick.cachefile import FORMAT, caching, read_snapshot, snapshot_path, write_snapshot
from modelpick.errors import InputError
from modelpick.files import FileKind, decode_utf8, read_limited

if TYPE_CHECKING:
    import yaml

# yaml itself is imported where a file is parsed: a run whose files are all in the cache never loads it.

KeyPath = tuple[str | int, ...]

# The registry nests 7 deep. libyaml's composer recurses in C and crashes the process on a list nested about
# 100,000 deep, so depth is checked on the parser's events before any node is composed.
MAX_DEPTH = 64
# Values visited through aliases: 100,000 plus one per byte of the file, so a generated file that shares
# blocks through anchors still loads, while a "billion laughs" file (9 aliases, 10^9 values) stops at once.
MAX_ALIAS_EXPANSION = 100_000
_CORE = "tag:yaml.org,2002:"
PLAIN_TAGS = frozenset(_CORE + t for t in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map",
                                          "merge")) | {"!"}


class LocatedYaml:
    """A parsed YAML document and the line (1-based) of every key path in it."""

    def __init__(self, data: Any, lines: dict[KeyPath, int], file: str) -> None:
        self.data, self.lines, self.file = data, lines, file

    def line_of(self, path: KeyPath) -> int | None:
        # Walk up until a located ancestor: pydantic may point at a key that is missing.
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def error(self, message: str, path: KeyPath = ()) -> InputError:
        return InputError(message, file=self.file, path=format_path(path) or None, line=self.line_of(path))


def format_path(path: KeyPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part.isprintable() or not part or part != part.strip():
            out += f"[{part!r}]"  # a key with a newline (or only spaces) must not break the one-line message
        else:
            out += f".{part}" if out else part
    return out


def _raise_duplicate(message: str, file: str, path: KeyPath, line: int) -> None:
    # PyYAML silently keeps the last duplicate; a silently lost value is worse than an error.
    raise InputError(message, file=file, path=format_path(path), line=line)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _check_events(text: str, file: str) -> None:
    """Nesting depth and tags, checked on the parser's event stream (which nests without recursion)."""
    # One frame per open collection: [is_mapping, key or index of the current child, next node is a key].
    import yaml

    stack: list[list[Any]] = []
    for event in yaml.parse(text, Loader=_safe_loader()):
        if not isinstance(event, yaml.NodeEvent):
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
            continue
        if stack:
            frame = stack[-1]
            if not frame[0]:
                frame[1] += 1
            elif frame[2]:
                frame[1] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
            if frame[0]:
                frame[2] = not frame[2]
        line = event.start_mark.line + 1
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in PLAIN_TAGS:
            path = tuple(f[1] for f in stack)
            raise InputError(f"the tag {_short_tag(tag)} is not allowed: modelpick reads plain YAML data only",
                             file=file, path=format_path(path) or None, line=line)
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                path = tuple(f[1] for f in stack[:3])
                raise InputError(f"nested more than {MAX_DEPTH} levels deep", file=file,
                                 path=(format_path(path) + "...") if path else None, line=line)
            stack.append([isinstance(event, yaml.MappingStartEvent), -1, True])


class _Locator:
    """Walks the composed nodes once: the line of every key path, duplicate keys, and the bounds that aliases
    could otherwise escape (a self-referencing alias nests forever; nine nested ones expand a billionfold)."""

    def __init__(self, file: str, on_duplicate: Any, max_expansion: int) -> None:
        self.file, self.on_duplicate, self.max_expansion = file, on_duplicate, max_expansion
        self.lines: dict[KeyPath, int] = {}
        self.paths: dict[int, KeyPath] = {}  # id(node) -> the first key path it was found at
        self.expanded = 0

    def walk(self, node: yaml.Node, path: KeyPath, via_alias: bool = False) -> None:
        import yaml

        if len(path) > MAX_DEPTH:
            raise InputError(f"nested more than {MAX_DEPTH} levels deep (through an alias)", file=self.file,
                             path=format_path(path[:3]) + "...", line=node.start_mark.line + 1)
        if id(node) in self.paths:
            via_alias = True
        else:
            self.paths[id(node)] = path
        if via_alias:
            self.expanded += 1
            if self.expanded > self.max_expansion:
                raise InputError(f"aliases expand to more than {self.max_expansion:,} values",
                                 file=self.file, path=format_path(path) or None, line=node.start_mark.line + 1)
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                here = key_node.start_mark.line + 1
                if key in seen:
                    self.on_duplicate(f"duplicate key {key!r} (first at line {seen[key]})", self.file,
                                      (*path, key), here)
                seen[key] = here
                self.lines[(*path, key)] = here
                self.walk(value_node, (*path, key), via_alias)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*path, index), via_alias)


class _UnbuildableValue(Exception):
    def __init__(self, node: yaml.Node, reason: str) -> None:
        super().__init__(reason)
        self.node, self.reason = node, reason


@functools.cache
def _safe_loader() -> type:
    """libyaml's safe loader when present (10x faster on the registry), else PyYAML's: both construct with
    SafeConstructor only."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _plain_data_loader() -> type:
    """The safe loader, with a value it cannot build (2024-13-45, a 5,000-digit integer) reported with the node
    it came from instead of escaping as a ValueError."""

    class PlainDataLoader(_safe_loader()):  # type: ignore[misc]
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, OverflowError) as exc:
                kind = {"timestamp": "date", "int": "integer", "float": "number"}.get(
                    node.tag.removeprefix(_CORE), "value")
                reason = f"invalid {kind}" if kind != "integer" else "integer too large"
                if kind == "date":
                    reason += f" ({exc})"
                raise _UnbuildableValue(node, reason) from None

    return PlainDataLoader


def _yaml_error(exc: yaml.YAMLError, text: str, file: str) -> InputError:
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        return InputError(f"invalid YAML: the character U+{exc.character:04X} is not allowed", file=file,
                          line=line)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None and text[mark.index:mark.index + 1] == "\t":
            problem = "a tab where YAML expects spaces (YAML indents with spaces only)"
        return InputError(f"invalid YAML: {problem}", file=file, line=line)
    return InputError(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", file=file)


def parse_yaml(text: str, file: str, on_duplicate: Any = _raise_duplicate) -> LocatedYaml:
    """Parse one YAML document. A duplicate key raises, unless `on_duplicate(message, file, path, line)`
    is given to collect them (the last value is kept then, as PyYAML does)."""
    import yaml

    try:
        _check_events(text, file)
        loader = _plain_data_loader()(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise InputError("the file is empty", file=file)
            locator = _Locator(file, on_duplicate, MAX_ALIAS_EXPANSION + len(text))
            locator.walk(node, ())
            try:
                data = loader.construct_document(node)
            except _UnbuildableValue as exc:
                path = locator.paths.get(id(exc.node), ())
                raise InputError(exc.reason, file=file, path=format_path(path) or None,
                                 line=exc.node.start_mark.line + 1) from None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, file) from None
    return LocatedYaml(data, locator.lines, file)


def read_yaml(path: Path, display: str | None = None, on_duplicate: Any = _raise_duplicate, *,
              kind: FileKind) -> LocatedYaml:
    """Read and parse a YAML file within the size limit of its kind (files.WORKLOAD_FILE, ...). A workload or
    config file parsed before is read from the cache, keyed by its exact bytes."""
    name = display or str(path)
    data = read_limited(path, name, kind)
    if not kind.cache_parse or on_duplicate is not _raise_duplicate or not caching():
        return parse_yaml(decode_utf8(data, name), name, on_duplicate)
    key = hashlib.sha256(f"yaml {__version__} {FORMAT}\0".encode() + data).hexdigest()
    cached = snapshot_path("yaml", key)
    parts = read_snapshot(cached, key)
    # a damaged part with a matching hash is parsed again, and rewritten
    with contextlib.suppress(ValueError, TypeError, KeyError, IndexError, RecursionError):
        if parts is not None and len(parts) == 1:
            return _decode_parsed(parts[0], name)
    doc = parse_yaml(decode_utf8(data, name), name)
    dates: list[list[Any]] = []
    try:
        plain = _plain(doc.data, (), dates)
    except TypeError:  # a value JSON cannot hold (a non-string key): not cached
        return doc
    lines = [[list(p), line] for p, line in doc.lines.items()]
    write_snapshot(cached, key, [json.dumps({"data": plain, "dates": dates, "lines": lines}).encode()])
    return doc


def _plain(value: Any, path: KeyPath, dates: list[list[Any]]) -> Any:
    """The data as JSON holds it: each date (or date and time) is noted in `dates` as [its key path, whether it
    has a time, its ISO text], so it comes back as a date. TypeError for anything else JSON would not give back."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if type(value) is list:
        return [_plain(item, (*path, i), dates) for i, item in enumerate(value)]
    if type(value) is dict and all(type(k) is str for k in value):
        return {k: _plain(v, (*path, k), dates) for k, v in value.items()}
    if type(value) in (dt.date, dt.datetime):
        dates.append([list(path), type(value) is dt.datetime, value.isoformat()])
        return None
    raise TypeError(f"not plain data: {type(value).__name__}")


def _decode_parsed(part: bytes, file: str) -> LocatedYaml:
    stored = json.loads(part)
    data = stored["data"]
    for path, timed, text in stored["dates"]:
        *parents, last = path
        parent = data
        for step in parents:
            parent = parent[step]
        parent[last] = dt.datetime.fromisoformat(text) if timed else dt.date.fromisoformat(text)
    lines = {}
    for path, line in stored["lines"]:
        if type(line) is not int or not all(type(p) in (str, int) for p in path):
            raise ValueError("not a key path and a line")
        lines[tuple(path)] = line
    return LocatedYaml(data, lines, file)


def _keys_at(model: Any, loc: KeyPath) -> list[str]:
    """The keys a pydantic model accepts at a location, for "did you mean" on an unknown key."""
    from typing import get_args

    from pydantic import BaseModel

    def models_in(annotation: Any) -> list[type[BaseModel]]:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [annotation]
        return [m for arg in get_args(annotation) for m in models_in(arg)]

    current = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        found = []
        for m in current:
            field = m.model_fields.get(part)
            if field is not None:
                found += models_in(field.annotation)
            else:  # a dict key (benchmarks.<key>, tasks.<id>): stay on the dict's value model
                found.append(m)
        current = found
    return sorted({name for m in current for name in m.model_fields})


def describe_error(err: Any, loc: KeyPath, model: Any = None) -> str:
    """One pydantic error in words; an unknown key gets a "did you mean" from the keys `model` accepts there."""
    from modelpick.errors import did_you_mean

    if err["type"] == "extra_forbidden":
        msg = "unknown key"
        if model is not None and loc and isinstance(loc[-1], str):
            msg += did_you_mean(loc[-1], _keys_at(model, loc[:-1]))
        return msg
    if err["type"] == "missing":
        return "required key is missing"
    return str(err["msg"])


def error_location(err: Any, prefix: KeyPath = ()) -> KeyPath:
    # pydantic adds union-member names such as "function-after[...]" to loc: they are not keys in the file.
    return (*prefix, *(p for p in err["loc"] if not (isinstance(p, str) and "[" in p)))


def ordered_errors(exc: Any) -> list[Any]:
    """pydantic's errors, the most telling first: a misspelt key before the required key it leaves missing,
    and, for a value that may take several shapes (`prefer: cost` or `prefer: {weights}`), the error about
    the shape the file used before the complaints that it is not one of the other shapes."""
    def rank(item: tuple[int, Any]) -> tuple[bool, bool, int]:
        index, err = item
        wrong_shape = err["type"] == "literal_error" or err["type"].endswith("_type")
        return err["type"] != "extra_forbidden", wrong_shape, index

    return [err for _, err in sorted(enumerate(exc.errors()), key=rank)]


def primary_error(exc: Any) -> Any:
    return ordered_errors(exc)[0]


def validation_error(doc: LocatedYaml, exc: Any, prefix: KeyPath = (), model: Any = None) -> InputError:
    """The first pydantic error as one line naming the key path and its line."""
    err = primary_error(exc)
    loc = error_location(err, prefix)
    msg = describe_error(err, loc[len(prefix):], model)
    count = len(exc.errors())
    more = f" (and {count - 1} more error{'s' if count > 2 else ''})" if count > 1 else ""
    return doc.error(f"{msg}{more}", loc)
