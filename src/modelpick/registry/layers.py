"""Registry layers, merged field by field.

Layers, lowest first: the bundled data, `$XDG_CONFIG_HOME/modelpick/registry/`, each path of
MODELPICK_REGISTRY (os.pathsep-separated), then each --registry. Every layer file has the provider-file
shape (provider:, sources:, models:); `name:` may be left out where a lower layer names the provider.

An entry (PROVIDER/MODEL, matched by id) seen for the first time must be complete. A later one overrides
field by field: mappings merge key by key, anything else (numbers, dates, lists) replaces. So a file with
only `pricing: {input: 0.08}` for an entry sets its input price (a negotiated price) and keeps the rest.
A cited block (pricing, context_window, ...) that an override changes without naming a `source` is
credited to the override file, so no value looks better sourced than it is. Every value's origin (layer,
file, line, source) is kept for `modelpick show --sources`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from modelpick.errors import InputError
from modelpick.registry.paths import (  # noqa: F401  (the rest re-exported for the merge's callers)
    BUNDLED,
    ENVIRONMENT,
    OPTION,
    USER_CONFIG,
    LayerPath,
    Origin,
    bundled_layer,
    layer_paths,
    user_registry_dir,
    xdg_base,
    yaml_files,
)
from modelpick.registry.schema import LayerFile, ModelEntry, Source, iter_citations
from modelpick.yamlfile import (
    KeyPath,
    LocatedYaml,
    describe_error,
    error_location,
    format_path,
    ordered_errors,
)

_CITATION_KEYS = ("source", "read", "note")
_NOT_VALUES = (*_CITATION_KEYS, "others")  # alternatives keep their own citations; not values in use


Cite = tuple[str | None, str | None]  # (source, read) in force for the values of a block


def _cite_of(block: dict[str, Any], inherited: Cite) -> Cite:
    if isinstance(block.get("source"), str):
        read = block.get("read")
        return block["source"], read.isoformat() if hasattr(read, "isoformat") else None
    return inherited


@dataclass
class MergedEntry:
    provider: str
    provider_name: str | None
    file: str  # the file that defined the entry first
    raw: dict[str, Any]
    sources: dict[str, Source]
    origins: dict[str, Origin]
    places: dict[KeyPath, tuple[LocatedYaml, KeyPath]]  # entry key path -> the file and path that set it last


def _rename_sources(value: Any, renames: dict[str, str]) -> Any:
    if isinstance(value, dict):
        out = {k: _rename_sources(v, renames) for k, v in value.items()}
        if isinstance(out.get("source"), str) and out["source"] in renames:
            out["source"] = renames[out["source"]]
        return out
    if isinstance(value, list):
        return [_rename_sources(v, renames) for v in value]
    return value


class _Layering:
    """Applies one file's entry mapping onto the merged entry, recording where every value came from."""

    def __init__(self, into: MergedEntry, layer: LayerPath, doc: LocatedYaml, at: KeyPath) -> None:
        self.into, self.layer, self.doc, self.at = into, layer, doc, at

    def origin(self, path: KeyPath, cite: Cite) -> Origin:
        return Origin(self.layer.layer, self.layer.display, self.doc.line_of((*self.at, *path)), *cite)

    def record(self, path: KeyPath, value: Any, cite: Cite) -> None:
        self.into.places[path] = (self.doc, (*self.at, *path))
        if isinstance(value, dict):
            cite = _cite_of(value, cite)
            for key, item in value.items():
                if key not in _NOT_VALUES:
                    self.record((*path, key), item, cite)
        else:
            self.into.origins[format_path(path)] = self.origin(path, cite)

    def merge(self, old: dict[str, Any], new: dict[str, Any], path: KeyPath, cite: Cite) -> dict[str, Any]:
        merged = dict(old)
        if "source" in old and "source" not in new:
            # Values set here carry no citation: the block names this file, not the source it no longer matches.
            for key in _CITATION_KEYS:
                merged.pop(key, None)
            merged["source"] = self.layer.display
        elif "source" in new:
            for key in _CITATION_KEYS:
                merged.pop(key, None)
            merged.update((key, new[key]) for key in _CITATION_KEYS if key in new)
        cite = _cite_of(merged, cite)
        self.into.places[path] = (self.doc, (*self.at, *path))
        for key, value in new.items():
            sub = (*path, key)
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = self.merge(merged[key], value, sub, cite)
            else:
                merged[key] = value
                if key not in _NOT_VALUES:
                    self.record(sub, value, cite)
        return merged


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a layer file or merged entry. Loading stops at the first fatal one;
    `registry validate` reports them all."""

    rule: str  # a `registry validate` rule: schema, duplicate, source
    error: InputError
    fatal: bool = True


def _first(problems: list[Problem]) -> InputError | None:
    fatal = [p.error for p in problems if p.fatal]
    if not fatal:
        return None
    more = f" (and {len(fatal) - 1} more error{'s' if len(fatal) > 2 else ''})" if len(fatal) > 1 else ""
    first = fatal[0]
    return InputError(f"{first.detail}{more}", file=first.file, path=first.path, line=first.line)


def file_problems(doc: LocatedYaml) -> tuple[LayerFile | None, list[Problem]]:
    """The file's header, or None when its shape does not allow merging it, and every problem found."""
    if not isinstance(doc.data, dict):
        return None, [Problem("schema", doc.error("expected a mapping with provider:, sources: and models:"))]
    try:
        header = LayerFile.model_validate(doc.data)
    except ValidationError as exc:
        return None, [Problem("schema", doc.error(describe_error(err, loc, LayerFile), loc))
                      for err in ordered_errors(exc) for loc in [error_location(err)]]
    problems = []
    seen: dict[str, int] = {}
    for index, item in enumerate(header.models):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(Problem("schema", doc.error("expected a mapping with id: (a string)", ("models", index))))
        elif item["id"] in seen:
            first = doc.line_of(("models", seen[item["id"]]))
            problems.append(Problem("duplicate", doc.error(
                f"{item['id']!r} is listed twice in this file (first at line {first})", ("models", index, "id"))))
        else:
            seen[item["id"]] = index
    return (None if problems else header), problems


def merge_layers(files: Sequence[tuple[LayerPath, LocatedYaml]]) -> list[MergedEntry]:
    merged: dict[str, MergedEntry] = {}
    names: dict[str, str] = {}
    for layer, doc in files:
        header, problems = file_problems(doc)
        if header is None:
            raise _first(problems) or doc.error("cannot be read as a registry file")
        if header.name:
            names.setdefault(header.provider, header.name)
        for index, item in enumerate(header.models):
            at: KeyPath = ("models", index)
            key = f"{header.provider}/{item['id']}"
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = MergedEntry(header.provider, None, layer.display, {}, {}, {}, {})
            renames = {k: f"{k} ({layer.display})" for k, s in header.sources.items()
                       if k in entry.sources and entry.sources[k] != s}
            item = _rename_sources(copy.deepcopy(item), renames)
            entry.sources.update({renames.get(k, k): s for k, s in header.sources.items()})
            entry.raw = _Layering(entry, layer, doc, at).merge(entry.raw, item, (), (None, None))
    for entry in merged.values():
        entry.provider_name = names.get(entry.provider, entry.provider)
    return list(merged.values())


class EntryLocations(LocatedYaml):
    """Line lookup for a merged entry: each key path points into the file that set it last."""

    def __init__(self, entry: MergedEntry) -> None:
        super().__init__(entry.raw, {}, entry.file)
        self.entry = entry

    def error(self, message: str, path: KeyPath = ()) -> InputError:
        probe = path
        while probe and probe not in self.entry.places:
            probe = probe[:-1]
        doc, at = self.entry.places.get(probe, (None, ()))
        if doc is None:
            return InputError(message, file=self.entry.file, path=format_path(path) or None)
        full = (*at, *path[len(probe):])
        return InputError(message, file=doc.file, path=format_path(full), line=doc.line_of(full))


def entry_problems(entry: MergedEntry) -> tuple[ModelEntry | None, list[Problem]]:
    """The merged entry as a ModelEntry (None when invalid) and every problem, each at the file, key path
    and line that caused it. A block an override changed without citing a source is a problem for
    `registry validate`, not for loading."""
    locations = EntryLocations(entry)
    try:
        model = ModelEntry.model_validate(entry.raw)
    except ValidationError as exc:
        return None, [Problem("schema", locations.error(describe_error(err, loc, ModelEntry), loc))
                      for err in ordered_errors(exc) for loc in [error_location(err)]]
    problems = []
    override_files = {o.file for o in entry.origins.values()}
    for path, cited in iter_citations(model):
        if cited.source in entry.sources or cited.read is not None:
            continue
        where = (*(int(p) if p.isdigit() else p for p in path.split(".")), "source")
        if cited.source in override_files:  # credited to the override file that set it without a source
            problems.append(Problem("source", locations.error(
                "value without a source: this file sets it with no `source:`", where), fatal=False))
        else:
            problems.append(Problem("source", locations.error(
                f"{cited.source!r} is not in this file's sources: table, so it needs its own `read` date", where)))
    return model, problems


def validate_entry(entry: MergedEntry) -> ModelEntry:
    """The merged entry as a ModelEntry; an error names the file, key path and line that caused it."""
    model, problems = entry_problems(entry)
    error = _first(problems)
    if error is not None or model is None:
        raise error or InputError("invalid entry", file=entry.file)
    return model
