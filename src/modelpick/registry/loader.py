"""Load the registry: the bundled data/ inside the package, then the layers above it (see layers.py)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from modelpick import __version__
from modelpick.errors import AmbiguousModelError, UnknownModelError, UnknownTaskError
from modelpick.files import REGISTRY_FILE, is_regular_file, write_atomically
from modelpick.registry.layers import (
    LayerPath,
    Origin,
    bundled_layer,
    layer_paths,
    merge_layers,
    validate_entry,
    xdg_base,
    yaml_files,
)
from modelpick.registry.schema import Cited, ModelEntry, ProviderFile, Source, TaskFile, TaskProfile
from modelpick.yamlfile import LocatedYaml, read_yaml, validation_error


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
    # key path ("pricing.input") -> where the value was set; empty for entries built in code
    origins: dict[str, Origin] = field(default_factory=dict, compare=False)

    def origin(self, path: str) -> Origin | None:
        """Where the value at `path` (or, for a block, its first value) was set."""
        if path in self.origins:
            return self.origins[path]
        return next((o for p, o in self.origins.items() if p.startswith(f"{path}.")), None)

    @property
    def key(self) -> str:
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
    doc = read_yaml(path, display, kind=REGISTRY_FILE)
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping with provider:, name:, sources: and models:")
    try:
        return ProviderFile.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc, model=ProviderFile) from None


_CACHE_FORMAT = 2  # bump when the cached shape changes, so a development checkout never reads a stale cache


def _cache_file(files: list[LayerPath]) -> Path | None:
    """Where the merged registry built from exactly these files (contents, names, layers) is cached, or None
    when caching is off or a file cannot be read (the load then reports it)."""
    if os.environ.get("MODELPICK_NO_CACHE"):
        return None
    digest = hashlib.sha256(f"{__version__} {_CACHE_FORMAT}".encode())
    try:
        for file in files:
            if not is_regular_file(file.path):  # a pipe or device is never read here: the load refuses it
                return None
            digest.update(f"{file.layer}\0{file.display}\0".encode())
            digest.update(hashlib.sha256(file.path.read_bytes()).digest())
    except OSError:
        return None
    return xdg_base("XDG_CACHE_HOME", ".cache") / "modelpick" / f"registry-{digest.hexdigest()[:32]}.json"


def _to_json(entry: Entry) -> dict[str, object]:
    return {"provider": entry.provider, "provider_name": entry.provider_name, "file": entry.file,
            "sources": {k: s.model_dump(mode="json") for k, s in entry.sources.items()},
            "model": entry.model.model_dump_json(),
            "origins": {p: [o.layer, o.file, o.line, o.source, o.read] for p, o in entry.origins.items()}}


def _from_json(data: dict) -> Entry:  # type: ignore[type-arg]
    return Entry(data["provider"], data["provider_name"], ModelEntry.model_validate_json(data["model"]),
                 {k: Source.model_validate(s) for k, s in data["sources"].items()}, data["file"],
                 {p: Origin(*o) for p, o in data["origins"].items()})


def merged_entries(docs: list[tuple[LayerPath, LocatedYaml]]) -> list[Entry]:
    """Parsed layer files, merged field by field and validated."""
    return [Entry(m.provider, m.provider_name or m.provider, validate_entry(m), m.sources, m.file, m.origins)
            for m in merge_layers(docs)]


def load_entries(files: list[LayerPath]) -> list[Entry]:
    """Parse, merge and validate the layer files; reuse a cache keyed by their contents, since parsing YAML
    is most of modelpick's start-up time and the merged result only changes when the bytes do."""
    cache = _cache_file(files)
    if cache is not None and cache.is_file():
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, RecursionError):  # a damaged cache is rebuilt
            return [_from_json(item) for item in json.loads(cache.read_text(encoding="utf-8"))]
    entries = merged_entries([(file, read_yaml(file.path, file.display, kind=REGISTRY_FILE)) for file in files])
    if cache is not None:
        with contextlib.suppress(OSError):  # caching is an optimisation; a read-only home must not fail
            write_atomically(cache, json.dumps([_to_json(e) for e in entries]))
    return entries


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


def load_tasks(path: Path | None = None) -> Tasks:
    path = path or bundled_data() / "tasks.yaml"
    doc = read_yaml(path, "data/tasks.yaml" if path.parent == bundled_data() else str(path), kind=REGISTRY_FILE)
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping with benchmarks: and tasks:")
    try:
        return Tasks(TaskFile.model_validate(doc.data))
    except ValidationError as exc:
        raise validation_error(doc, exc, model=TaskFile) from None
