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
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from modelpick.errors import InputError
from modelpick.registry.schema import LayerFile, ModelEntry, Source, iter_citations
from modelpick.yamlfile import KeyPath, LocatedYaml, format_path, validation_error

BUNDLED = "bundled"
USER_CONFIG = "user config"
ENVIRONMENT = "MODELPICK_REGISTRY"
OPTION = "--registry"
_CITATION_KEYS = ("source", "read", "note")
_NOT_VALUES = (*_CITATION_KEYS, "others")  # alternatives keep their own citations; not values in use


@dataclass(frozen=True)
class LayerPath:
    layer: str
    path: Path
    display: str


@dataclass(frozen=True)
class Origin:
    """Where one value of a merged entry was set."""

    layer: str
    file: str
    line: int | None
    source: str | None  # the citation in force for the value (a key of the entry's sources, or a URL)
    read: str | None = None  # the citation's own read date, where it gives one


Cite = tuple[str | None, str | None]  # (source, read) in force for the values of a block


def _cite_of(block: dict[str, Any], inherited: Cite) -> Cite:
    if isinstance(block.get("source"), str):
        read = block.get("read")
        return block["source"], read.isoformat() if hasattr(read, "isoformat") else None
    return inherited


def user_registry_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "modelpick" / "registry"


def yaml_files(path: Path, named_by: str | None = None) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
    if not path.exists():
        raise InputError(f"no such file or folder{f' (named by {named_by})' if named_by else ''}",
                         file=str(path))
    return [path]


def layer_paths(bundled: Path, extra: Sequence[Path] = ()) -> list[LayerPath]:
    """Every registry file in layer order."""
    files = [LayerPath(BUNDLED, p, f"data/models/{p.name}") for p in sorted(bundled.glob("*.yaml"))]
    user = user_registry_dir()
    if user.is_dir():
        files += [LayerPath(USER_CONFIG, p, str(p)) for p in yaml_files(user)]
    for item in os.environ.get(ENVIRONMENT, "").split(os.pathsep):
        if item:
            files += [LayerPath(ENVIRONMENT, p, str(p)) for p in yaml_files(Path(item), ENVIRONMENT)]
    for path in extra:
        files += [LayerPath(OPTION, p, str(p)) for p in yaml_files(path)]
    return files


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


def _header(doc: LocatedYaml) -> LayerFile:
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping with provider:, sources: and models:")
    try:
        header = LayerFile.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc, model=LayerFile) from None
    for index, item in enumerate(header.models):
        if not isinstance(item, dict):
            raise doc.error("expected a mapping with id:", ("models", index))
        if not isinstance(item.get("id"), str):
            raise doc.error("required key is missing" if "id" not in item else "expected a string",
                            ("models", index, "id"))
    return header


def merge_layers(files: Sequence[tuple[LayerPath, LocatedYaml]]) -> list[MergedEntry]:
    merged: dict[str, MergedEntry] = {}
    names: dict[str, str] = {}
    for layer, doc in files:
        header = _header(doc)
        if header.name:
            names.setdefault(header.provider, header.name)
        seen: dict[str, int] = {}
        for index, item in enumerate(header.models):
            model_id = item["id"]
            at: KeyPath = ("models", index)
            if model_id in seen:
                raise doc.error(f"{model_id!r} is listed twice in this file (first at line "
                                f"{doc.line_of(('models', seen[model_id]))})", (*at, "id"))
            seen[model_id] = index
            key = f"{header.provider}/{model_id}"
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


class _EntryLocations(LocatedYaml):
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


def entry_locations(entry: MergedEntry) -> LocatedYaml:
    """Line lookup for a merged entry's key paths, each in the file that set it last."""
    return _EntryLocations(entry)


def validate_entry(entry: MergedEntry) -> ModelEntry:
    """The merged entry as a ModelEntry; an error names the file, key path and line that caused it."""
    locations = _EntryLocations(entry)
    try:
        model = ModelEntry.model_validate(entry.raw)
    except ValidationError as exc:
        raise validation_error(locations, exc, model=ModelEntry) from None
    for path, cited in iter_citations(model):
        if cited.source in entry.sources or cited.read is not None:
            continue
        if any(o.file == cited.source for o in entry.origins.values()):
            continue  # an override without a citation: credited to its own file
        where = tuple(int(p) if p.isdigit() else p for p in f"{path}.source".split("."))
        raise locations.error(f"{cited.source!r} is not in this file's sources: table, so it needs its own "
                              "`read` date", where)
    return model
