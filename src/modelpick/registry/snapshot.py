"""The compiled registry snapshot: the merged, validated registry (and the task profiles) as plain JSON, so a
run whose files are unchanged reads neither YAML nor pydantic's field validators' inputs twice.

A snapshot is a file in modelpick's cache (`cachefile`: keyed, hashed, bounded, written atomically, rebuilt
silently on any damage). Its key is a hash of the exact bytes it was built from (each layer file is read once:
those bytes are hashed and those bytes are parsed), of each file's layer and resolved path, and of modelpick's
version and the cache format; a part of the right key that does not decode to the right shape is rebuilt too.

A registry snapshot has two parts: the entries (a JSON document validated in one pass by pydantic-core, which
also checks its shape) and their origins (decoded only when `show --sources` or a message needs them).

Display names of files outside the bundled data (`big/x.yaml`, `/abs/big/x.yaml`) are not stored: the entries
are built with a placeholder per file (`\\0<index>\\0`), which the reader replaces with the spelling of this run,
so every spelling of a path shares one snapshot and messages still show the user's own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, TypeAdapter, model_validator

from modelpick import __version__
from modelpick.cachefile import FORMAT
from modelpick.files import REGISTRY_FILE, read_limited
from modelpick.registry.paths import BUNDLED, LayerPath, Origin
from modelpick.registry.schema import ModelEntry, Source


@dataclass(frozen=True)
class LayerBytes:
    """One layer file and its bytes, read once: hashed for the key and parsed on a miss."""

    file: LayerPath
    data: bytes


def read_layers(files: Sequence[LayerPath]) -> list[LayerBytes]:
    """Each file's bytes within the registry file size limit; an unreadable file is the InputError the YAML
    reader would give (it names the file as the user spelled it)."""
    return [LayerBytes(f, read_limited(f.path, f.display, REGISTRY_FILE)) for f in files]


def snapshot_key(kind: str, layers: Sequence[LayerBytes]) -> str:
    digest = hashlib.sha256(f"{kind} {__version__} {FORMAT}".encode())
    for item in layers:
        # The resolved path, not its spelling. A bundled file is known by its name (its display name is made
        # of it), not by where modelpick is installed: so the snapshot shipped with the package has the key
        # every installation computes.
        where = item.file.display if item.file.layer == BUNDLED else os.path.realpath(item.file.path)
        digest.update(f"{item.file.layer}\0{where}\0".encode())
        digest.update(hashlib.sha256(item.data).digest())
    return digest.hexdigest()


class Stored(BaseModel):
    """A registry snapshot's entries: per entry (provider, provider name, file, index of its sources table)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: list[tuple[str, str, str, int]]
    sources: list[dict[str, Source]]  # distinct tables: entries of one provider share theirs
    models: list[ModelEntry]

    @model_validator(mode="after")
    def _consistent(self) -> Stored:
        if len(self.entries) != len(self.models) or any(not 0 <= e[3] < len(self.sources) for e in self.entries):
            raise ValueError("entries, sources and models do not match")
        return self


STORED = TypeAdapter(Stored)
_ORIGINS = TypeAdapter(list[dict[str, tuple[str, str, int | None, str | None, str | None]]])


def placeholder(index: int) -> str:
    return f"\0{index}\0"


def displayed(files: Sequence[LayerPath]) -> list[LayerPath]:
    """The files as the snapshot is built from them: a placeholder for each display name that depends on the
    spelling of a path (bundled files are named `data/models/NAME` whatever the path)."""
    return [f if f.layer == BUNDLED else LayerPath(f.layer, f.path, placeholder(i)) for i, f in enumerate(files)]


# A placeholder as it stands in the stored JSON: pydantic and json both escape NUL as \u0000.
_PLACEHOLDER = re.compile(rb"\\u0000(\d+)\\u0000")


def _substitute(part: bytes, files: Sequence[LayerPath], name: Callable[[LayerPath], bytes]) -> bytes:
    """Each placeholder of a file outside the bundled data replaced by `name(file)`, in one pass over the part
    (a replace per file made a snapshot of the 84 files of an imported LiteLLM map cost 0.2 s to read)."""
    names = {i: name(f) for i, f in enumerate(files) if f.layer != BUNDLED}
    return _PLACEHOLDER.sub(lambda m: names.get(int(m[1]), m[0]), part)


def holds_only_placeholders(part: bytes, files: Sequence[LayerPath]) -> bool:
    """Whether every NUL in the JSON is a placeholder's: a file whose own text holds one (YAML's "\\0") must not
    be stored in the display-free form, since its NULs would be taken for placeholders."""
    return b"\\u0000" not in _substitute(part, files, lambda f: b"")


def with_displays(part: bytes, files: Sequence[LayerPath]) -> bytes:
    """The stored JSON with each placeholder replaced by this run's display name (JSON-escaped)."""
    return _substitute(part, files, lambda f: json.dumps(f.display, ensure_ascii=False).encode()[1:-1])


class OriginTable:
    """Every entry's origins, decoded from the snapshot on first use (only `show --sources` and messages read
    them). The part is stored with placeholders: `files` gives their display names when it is decoded. Should
    it not decode though its hash matched, `rebuild` gives the origins from the layer bytes."""

    def __init__(self, part: bytes, files: Sequence[LayerPath], count: int,
                 rebuild: Callable[[], list[dict[str, Origin]]]) -> None:
        self._part: bytes | None = part
        self._files = files
        self._count = count
        self._rebuild = rebuild
        self._decoded: list[dict[str, Origin]] | None = None

    def of(self, index: int) -> dict[str, Origin]:
        if self._decoded is None:
            try:
                decoded = [{p: Origin(*o) for p, o in item.items()}
                           for item in _ORIGINS.validate_json(with_displays(self._part or b"", self._files))]
            except ValueError:
                decoded = []
            self._decoded = decoded if len(decoded) == self._count else self._rebuild()
            self._part = None
        return self._decoded[index]


def encode_origins(origins: Sequence[dict[str, Origin]]) -> bytes:
    return json.dumps([{p: [o.layer, o.file, o.line, o.source, o.read] for p, o in item.items()}
                       for item in origins], ensure_ascii=False, separators=(",", ":")).encode()


class LazyOrigins(Mapping[str, Origin]):
    """One entry's origins, read from its snapshot's table when first asked for."""

    __slots__ = ("_index", "_table")

    def __init__(self, table: OriginTable, index: int) -> None:
        self._table, self._index = table, index

    def __getitem__(self, path: str) -> Origin:
        return self._table.of(self._index)[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.of(self._index))

    def __len__(self) -> int:
        return len(self._table.of(self._index))
