"""The compiled registry snapshot: the merged, validated registry (and the task profiles) as plain JSON, so a
run whose files are unchanged reads neither YAML nor pydantic's field validators' inputs twice.

A snapshot is never trusted blindly. Its key is a hash of the exact bytes it was built from (each layer file is
read once: those bytes are hashed and those bytes are parsed), of each file's layer and resolved path, and of
modelpick's version and this format. The file carries the key and a SHA-256 of its body; it is refused unread
above MAX_BYTES, and refused on a wrong key, format, hash or shape, or any damage; the caller then rebuilds it
silently. It is written atomically (a temporary file renamed into place), so processes starting at once see the
old file or a whole new one; two writers each write a whole, identical file.

File layout: one header line of JSON, then the body (its parts concatenated):

    {"format": 3, "key": "<sha256>", "sha256": "<of the body>", "parts": [<len>, ...]}\\n<part><part>...

A registry snapshot has two parts: the entries (a JSON document validated in one pass by pydantic-core, which
also checks its shape) and their origins (decoded only when `show --sources` or a message needs them).

Display names of files outside the bundled data (`big/x.yaml`, `/abs/big/x.yaml`) are not stored: the entries
are built with a placeholder per file (`\\0<index>\\0`), which the reader replaces with the spelling of this run,
so every spelling of a path shares one snapshot and messages still show the user's own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter, model_validator

from modelpick import __version__
from modelpick.files import REGISTRY_FILE, MiB, read_limited, write_atomically
from modelpick.registry.paths import BUNDLED, LayerPath, Origin, xdg_base
from modelpick.registry.schema import ModelEntry, Source

FORMAT = 3  # bump when the stored shape changes
MAX_BYTES = 64 * MiB  # the LiteLLM map (2,817 entries) makes about 9 MB


@dataclass(frozen=True)
class LayerBytes:
    """One layer file and its bytes, read once: hashed for the key and parsed on a miss."""

    file: LayerPath
    data: bytes


def read_layers(files: Sequence[LayerPath]) -> list[LayerBytes]:
    """Each file's bytes within the registry file size limit; an unreadable file is the InputError the YAML
    reader would give (it names the file as the user spelled it)."""
    return [LayerBytes(f, read_limited(f.path, f.display, REGISTRY_FILE)) for f in files]


def caching() -> bool:
    return not os.environ.get("MODELPICK_NO_CACHE")


def snapshot_key(kind: str, layers: Sequence[LayerBytes]) -> str:
    digest = hashlib.sha256(f"{kind} {__version__} {FORMAT}".encode())
    for item in layers:
        # the resolved path, not its spelling; a bundled file's display name is derived from its name
        digest.update(f"{item.file.layer}\0{os.path.realpath(item.file.path)}\0".encode())
        digest.update(hashlib.sha256(item.data).digest())
    return digest.hexdigest()


def snapshot_path(kind: str, key: str) -> Path:
    return xdg_base("XDG_CACHE_HOME", ".cache") / "modelpick" / f"{kind}-{key[:32]}.json"


def read_snapshot(path: Path, key: str) -> list[bytes] | None:
    """The parts of a sound snapshot with this key; None for anything else (missing, too large, damaged,
    another key or format): the caller rebuilds."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None  # refused without reading
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    head, _, body = raw.partition(b"\n")
    with contextlib.suppress(ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        header = json.loads(head)
        parts = header["parts"]
        if (header["format"] == FORMAT and header["key"] == key and isinstance(parts, list)
                and all(type(n) is int and n >= 0 for n in parts) and sum(parts) == len(body)
                and hashlib.sha256(body).hexdigest() == header["sha256"]):
            out, start = [], 0
            for size in parts:
                out.append(body[start:start + size])
                start += size
            return out
    return None


def write_snapshot(path: Path, key: str, parts: Sequence[bytes]) -> None:
    """Atomically; a cache that cannot be written (a read-only home, a full disk) is only slower."""
    body = b"".join(parts)
    header = {"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest(),
              "parts": [len(p) for p in parts]}
    with contextlib.suppress(OSError):
        write_atomically(path, json.dumps(header) + "\n" + body.decode("utf-8"))


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
