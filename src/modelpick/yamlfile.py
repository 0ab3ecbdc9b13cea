"""Safe YAML reading that remembers where each key is, so errors can name file, key path and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from modelpick.errors import InputError

KeyPath = tuple[str | int, ...]

# libyaml's parser when present (10x faster on the registry); both construct with SafeConstructor only.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _raise_duplicate(message: str, file: str, path: KeyPath, line: int) -> None:
    # PyYAML silently keeps the last duplicate; a silently lost value is worse than an error.
    raise InputError(message, file=file, path=format_path(path), line=line)


def _locate(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], file: str, on_duplicate: Any) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            here = key_node.start_mark.line + 1
            if key in seen:
                on_duplicate(f"duplicate key {key!r} (first at line {seen[key]})", file, (*path, key), here)
            seen[key] = here
            lines[(*path, key)] = here
            _locate(value_node, (*path, key), lines, file, on_duplicate)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(item, (*path, index), lines, file, on_duplicate)


def parse_yaml(text: str, file: str, on_duplicate: Any = _raise_duplicate) -> LocatedYaml:
    """Parse one YAML document. A duplicate key raises, unless `on_duplicate(message, file, path, line)`
    is given to collect them (the last value is kept then, as PyYAML does)."""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("the file is empty", file=file)
        lines: dict[KeyPath, int] = {}
        _locate(node, (), lines, file, on_duplicate)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file=file) from None
    finally:
        loader.dispose()
    return LocatedYaml(data, lines, file)


def read_yaml(path: Path, display: str | None = None, on_duplicate: Any = _raise_duplicate) -> LocatedYaml:
    name = display or str(path)
    if path.is_dir():
        raise InputError("is a folder, expected a YAML file", file=name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})", file=name) from None
    return parse_yaml(text, name, on_duplicate)


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


def validation_error(doc: LocatedYaml, exc: Any, prefix: KeyPath = (), model: Any = None) -> InputError:
    """The first pydantic error as one line naming the key path and its line."""
    err = exc.errors()[0]
    loc = error_location(err, prefix)
    msg = describe_error(err, loc[len(prefix):], model)
    count = len(exc.errors())
    more = f" (and {count - 1} more error{'s' if count > 2 else ''})" if count > 1 else ""
    return doc.error(f"{msg}{more}", loc)
