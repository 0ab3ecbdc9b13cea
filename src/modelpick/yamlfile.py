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


def _locate(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], file: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            here = key_node.start_mark.line + 1
            if key in seen:
                # PyYAML silently keeps the last duplicate; a silently lost value is worse than an error.
                raise InputError(f"duplicate key {key!r} (first at line {seen[key]})", file=file,
                                 path=format_path((*path, key)), line=here)
            seen[key] = here
            lines[(*path, key)] = here
            _locate(value_node, (*path, key), lines, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(item, (*path, index), lines, file)


def parse_yaml(text: str, file: str) -> LocatedYaml:
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("the file is empty", file=file)
        lines: dict[KeyPath, int] = {}
        _locate(node, (), lines, file)
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


def read_yaml(path: Path, display: str | None = None) -> LocatedYaml:
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
    return parse_yaml(text, name)


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


def validation_error(doc: LocatedYaml, exc: Any, prefix: KeyPath = (), model: Any = None) -> InputError:
    """The first pydantic error as one line naming the key path and its line."""
    from modelpick.errors import did_you_mean

    err = exc.errors()[0]
    loc: KeyPath = (*prefix, *(p for p in err["loc"] if not (isinstance(p, str) and "[" in p)))
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "unknown key"
        if model is not None and loc and isinstance(loc[-1], str):
            msg += did_you_mean(loc[-1], _keys_at(model, loc[len(prefix):-1]))
    elif err["type"] == "missing":
        msg = "required key is missing"
    count = len(exc.errors())
    more = f" (and {count - 1} more error{'s' if count > 2 else ''})" if count > 1 else ""
    return doc.error(f"{msg}{more}", loc)
