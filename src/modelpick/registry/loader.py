"""Load registry files: the bundled data/ inside the package, then each --registry file or folder."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from modelpick import __version__
from modelpick.atomic import write_atomically
from modelpick.errors import AmbiguousModelError, InputError, UnknownModelError, UnknownTaskError
from modelpick.registry.schema import Cited, ModelEntry, ProviderFile, Source, TaskFile, TaskProfile
from modelpick.yamlfile import read_yaml, validation_error


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
        named = self.sources.get(cited.source)
        if named is not None:
            return {"source": cited.source, "url": named.url, "read": named.read.isoformat()}
        return {"source": cited.source, "url": cited.source,
                "read": cited.read.isoformat() if cited.read else None}


class Registry:
    def __init__(self, entries: list[Entry]) -> None:
        # Sorted once so that every listing and every tie-break is deterministic.
        self.entries = sorted(entries, key=lambda e: (e.provider, e.model.id))
        self._names: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for name in {entry.model.id, *entry.model.snapshots, *entry.model.aliases}:
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


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*.y*ml") if p.is_file() and p.suffix in (".yaml", ".yml"))
    if not path.exists():
        raise InputError("no such file or folder", file=str(path))
    return [path]


def load_provider_file(path: Path, display: str | None = None) -> ProviderFile:
    doc = read_yaml(path, display)
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping with provider:, name:, sources: and models:")
    try:
        return ProviderFile.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc, model=ProviderFile) from None


def _cache_file(contents: list[bytes]) -> Path | None:
    """Where the validated form of exactly these file contents is cached, or None when caching is off."""
    if os.environ.get("MODELPICK_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    digest = hashlib.sha256(__version__.encode())
    for content in contents:
        digest.update(hashlib.sha256(content).digest())
    return Path(base) / "modelpick" / f"registry-{digest.hexdigest()[:32]}.json"


def _parse_all(files: list[tuple[Path, str]]) -> list[tuple[str, ProviderFile]]:
    """Parse and validate every file; reuse a cache keyed by the files' contents, since parsing YAML is
    most of modelpick's start-up time and the validated result only changes when the bytes do."""
    try:
        contents = [path.read_bytes() for path, _ in files]
    except OSError:
        contents = []
    cache = _cache_file(contents) if contents else None
    if cache is not None and cache.is_file():
        with contextlib.suppress(OSError, ValueError):  # a damaged cache is rebuilt below
            cached = json.loads(cache.read_text(encoding="utf-8"))
            return [(display, ProviderFile.model_validate_json(text)) for display, text in cached]
    parsed = [(display, load_provider_file(path, display)) for path, display in files]
    if cache is not None:
        payload = json.dumps([(display, pf.model_dump_json()) for display, pf in parsed])
        with contextlib.suppress(OSError):  # caching is an optimisation; a read-only home must not fail
            write_atomically(cache, payload)
    return parsed


def load_registry(extra: list[Path] | tuple[Path, ...] = ()) -> Registry:
    """The bundled registry, then each extra file or folder; a later entry with the same
    PROVIDER/MODEL replaces the earlier one."""
    by_key: dict[str, Entry] = {}
    bundled = bundled_data() / "models"
    files = [(p, f"data/models/{p.name}") for p in sorted(bundled.glob("*.yaml"))]
    for path in extra:
        files += [(p, str(p)) for p in _yaml_files(path)]
    for display, parsed in _parse_all(files):
        for model in parsed.models:
            entry = Entry(parsed.provider, parsed.name, model, parsed.sources, display)
            by_key[entry.key] = entry
    return Registry(list(by_key.values()))


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
    doc = read_yaml(path, "data/tasks.yaml" if path.parent == bundled_data() else str(path))
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping with benchmarks: and tasks:")
    try:
        return Tasks(TaskFile.model_validate(doc.data))
    except ValidationError as exc:
        raise validation_error(doc, exc, model=TaskFile) from None
