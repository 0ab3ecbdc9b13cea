"""Load the registry: the bundled data/ inside the package, then the layers above it (see layers.py)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from modelpick.cachefile import caching, read_snapshot, snapshot_path, write_snapshot
from modelpick.errors import AmbiguousModelError, InputError, UnknownModelError, UnknownTaskError
from modelpick.files import REGISTRY_FILE, decode_utf8, read_limited
from modelpick.registry.paths import BUNDLED, LayerPath, Origin, bundled_layer, layer_paths, yaml_files
from modelpick.registry.schema import Cited, ModelEntry, ProviderFile, Source, TaskFile, TaskProfile
from modelpick.registry.snapshot import (
    STORED,
    LayerBytes,
    LazyOrigins,
    OriginTable,
    Stored,
    displayed,
    encode_origins,
    holds_only_placeholders,
    read_layers,
    snapshot_key,
    with_displays,
)

if TYPE_CHECKING:
    from modelpick.yamlfile import LocatedYaml

# The YAML reader (and the merge, which needs it) is imported only when a file is parsed: a run that finds its
# snapshot never loads yaml.


def bundled_data() -> Path:
    return Path(str(resources.files("modelpick.data")))


@dataclass(frozen=True)
class Entry:
    """One model as served by one provider."""

    provider: str
    provider_name: str
    model: ModelEntry
    sources: dict[str, Source]
    file: str
    # key path ("pricing.input") -> where the value was set; empty for entries built in code. From a snapshot,
    # read when first asked for.
    origins: Mapping[str, Origin] = field(default_factory=dict, compare=False)

    def origin(self, path: str) -> Origin | None:
        """Where the value at `path` (or, for a block, its first value) was set."""
        if path in self.origins:
            return self.origins[path]
        return next((o for p, o in self.origins.items() if p.startswith(f"{path}.")), None)

    @functools.cached_property
    def key(self) -> str:
        # asked for hundreds of thousands of times in a 1,000-workload check; the entry is frozen
        return f"{self.provider}/{self.model.id}"

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def first_party(self) -> bool:
        return self.model.creator == self.provider

    def cite(self, cited: Cited) -> dict[str, str | None]:
        """The URL (or data set) and read date behind a citation."""
        found = self.cite_source(cited.source)
        if found["read"] is None and cited.read is not None:
            found["read"] = cited.read.isoformat()
        return found

    def cite_source(self, source: str) -> dict[str, str | None]:
        """A source name resolved through the entry's sources table; a name not in it is a URL or data set."""
        named = self.sources.get(source)
        if named is not None:
            return {"source": source, "url": named.url, "read": named.read.isoformat()}
        return {"source": source, "url": source, "read": None}


class Registry:
    def __init__(self, entries: list[Entry]) -> None:
        # Sorted once so that every listing and every tie-break is deterministic.
        self.entries = sorted(entries, key=lambda e: (e.provider, e.model.id))
        # One entry per (name, provider): an entry's own id beats another entry's snapshot or alias, so an
        # upper layer may add an entry under a name a lower layer used as an alias (`registry validate`
        # reports names that stay ambiguous).
        named: dict[tuple[str, str], Entry] = {}
        for entry in self.entries:
            for name in {*entry.model.snapshots, *entry.model.aliases}:
                named.setdefault((name, entry.provider), entry)
        for entry in self.entries:
            named[(entry.model.id, entry.provider)] = entry
        self._names: dict[str, list[Entry]] = {}
        for (name, _), entry in sorted(named.items(), key=lambda item: item[1].key):
            self._names.setdefault(name, []).append(entry)
        self._keys = {e.key: e for e in self.entries}
        self.providers = sorted({e.provider for e in self.entries})

    def names(self) -> list[str]:
        return sorted({*self._names, *self._keys})

    def get(self, name: str) -> Entry:
        """Resolve MODEL or PROVIDER/MODEL (id, snapshot or alias) to one entry."""
        if name in self._keys:
            return self._keys[name]
        provider, _, model = name.partition("/")
        if model and provider in self.providers:
            matches = [e for e in self._names.get(model, []) if e.provider == provider]
            if matches:
                return matches[0]
            if name not in self._names:  # else a bare id with a slash, e.g. openai/gpt-oss-120b on a host
                served = [f"{provider}/{n}" for n, entries in self._names.items()
                          if any(e.provider == provider for e in entries)]
                raise UnknownModelError(name, served)
        matches = self._names.get(name, [])
        if not matches:
            raise UnknownModelError(name, self.names())
        if len(matches) == 1:
            return matches[0]
        first_party = [e for e in matches if e.first_party]
        if len(first_party) == 1:
            return first_party[0]
        raise AmbiguousModelError(name, [e.key for e in matches])


def load_provider_file(path: Path, display: str | None = None) -> ProviderFile:
    from modelpick.yamlfile import read_yaml, validation_error

    doc = read_yaml(path, display, kind=REGISTRY_FILE)
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping with provider:, name:, sources: and models:")
    try:
        return ProviderFile.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc, model=ProviderFile) from None


def _parse(layers: list[LayerBytes]) -> list[tuple[LayerPath, LocatedYaml]]:
    """The layer files parsed from the very bytes that were hashed for the snapshot's key."""
    from modelpick.yamlfile import parse_yaml

    return [(item.file, parse_yaml(decode_utf8(item.data, item.file.display), item.file.display))
            for item in layers]


def merged_entries(docs: list[tuple[LayerPath, LocatedYaml]]) -> list[Entry]:
    """Parsed layer files, merged field by field and validated."""
    from modelpick.registry.layers import merge_layers, validate_entry

    return [Entry(m.provider, m.provider_name or m.provider, validate_entry(m), m.sources, m.file, m.origins)
            for m in merge_layers(docs)]


def _encode(entries: list[Entry]) -> list[bytes]:
    tables: dict[str, int] = {}
    rows = []
    for entry in entries:
        table = repr(sorted(entry.sources.items()))
        rows.append((entry.provider, entry.provider_name, entry.file, tables.setdefault(table, len(tables))))
    firsts = {tables[repr(sorted(e.sources.items()))]: e.sources for e in reversed(entries)}
    stored = Stored(entries=rows, sources=[firsts[i] for i in range(len(tables))], models=[e.model for e in entries])
    return [STORED.dump_json(stored), encode_origins([e.origins for e in entries])]


def _decode(parts: list[bytes], layers: list[LayerBytes]) -> list[Entry]:
    """Entries from a snapshot's parts, each display placeholder replaced by this run's spelling; a part that
    does not decode raises ValueError."""
    files = [item.file for item in layers]
    stored = STORED.validate_json(with_displays(parts[0], files))
    table = OriginTable(parts[1], files, len(stored.entries),
                        lambda: [dict(e.origins) for e in merged_entries(_parse(layers))])
    rows = zip(stored.entries, stored.models, strict=True)  # as many: checked by Stored
    return [Entry(provider, name, model, dict(stored.sources[sources]), file, LazyOrigins(table, index))
            for index, ((provider, name, file, sources), model) in enumerate(rows)]


def load_entries(files: list[LayerPath]) -> list[Entry]:
    """Parse, merge and validate the layer files, or read the snapshot built from exactly their bytes: parsing
    YAML is most of modelpick's start-up time, and the merged result only changes when the bytes do."""
    layers = read_layers(files)
    if not caching():
        return merged_entries(_parse(layers))
    key = snapshot_key("registry", layers)
    path = snapshot_path("registry", key)
    parts = read_snapshot(path, key)
    if parts is None and all(f.layer == BUNDLED for f in files):
        parts = read_snapshot(shipped_snapshot("registry"), key)
    if parts is not None and len(parts) == 2:
        with contextlib.suppress(ValueError):  # a snapshot of the right key that does not decode is rebuilt
            return _decode(parts, layers)
    docs = _parse(layers)
    try:
        built = merged_entries([(shown, doc) for shown, (_, doc) in zip(displayed(files), docs, strict=True)])
    except InputError:
        return merged_entries(docs)  # the error as this run names the files
    parts = _encode(built)
    if not all(holds_only_placeholders(part, files) for part in parts):
        return merged_entries(docs)  # a NUL in the files' own text: not stored in the display-free form
    write_snapshot(path, key, parts)
    return _decode(parts, layers)


def shipped_snapshot(kind: str) -> Path:
    """The snapshot of the bundled data shipped in the package (scripts/build_snapshots.py writes it): read
    like any other, by key, so it is used only while it was built from exactly the bundled bytes."""
    return bundled_data() / "snapshots" / f"{kind}.json"


def load_registry(extra: list[Path] | tuple[Path, ...] = ()) -> Registry:
    """The bundled registry with every layer above it (user config folder, MODELPICK_REGISTRY, each
    --registry path), merged field by field."""
    return Registry(load_entries(layer_paths(bundled_data() / "models", extra)))


def load_standalone(spec: str) -> Registry:
    """A registry file or folder on its own, not layered over the bundled data; `bundled` is the data
    modelpick ships."""
    files = (bundled_layer(bundled_data() / "models") if spec == "bundled"
             else [LayerPath(spec, p, str(p)) for p in yaml_files(Path(spec))])
    return Registry(load_entries(files))


class Tasks:
    def __init__(self, parsed: TaskFile) -> None:
        self.benchmarks = parsed.benchmarks
        self.profiles = parsed.tasks

    def get(self, task_id: str) -> TaskProfile:
        try:
            return self.profiles[task_id]
        except KeyError:
            raise UnknownTaskError(task_id, self.profiles) from None


def _parse_tasks(data: bytes, display: str) -> TaskFile:
    from modelpick.yamlfile import parse_yaml, validation_error

    doc = parse_yaml(decode_utf8(data, display), display)
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping with benchmarks: and tasks:")
    try:
        return TaskFile.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc, model=TaskFile) from None


def load_tasks(path: Path | None = None) -> Tasks:
    """The task profiles; from a snapshot keyed by the file's bytes when one is there."""
    path = path or bundled_data() / "tasks.yaml"
    bundled = path.parent == bundled_data()
    display = "data/tasks.yaml" if bundled else str(path)
    data = read_limited(path, display, REGISTRY_FILE)
    if not caching():
        return Tasks(_parse_tasks(data, display))
    key = snapshot_key("tasks", [LayerBytes(LayerPath(BUNDLED if bundled else "tasks", path, display), data)])
    snapshot = snapshot_path("tasks", key)
    parts = read_snapshot(snapshot, key)
    if parts is None and bundled:
        parts = read_snapshot(shipped_snapshot("tasks"), key)
    if parts is not None and len(parts) == 1:
        with contextlib.suppress(ValueError):
            return Tasks(TaskFile.model_validate_json(parts[0]))
    part = _parse_tasks(data, display).model_dump_json().encode()
    write_snapshot(snapshot, key, [part])
    return Tasks(TaskFile.model_validate_json(part))  # as a run that reads the snapshot sees it
