"""Files in modelpick's cache (the compiled registry snapshot, parsed YAML): never trusted blindly.

Each file is found by a key (a hash of everything it was built from) and carries that key and a SHA-256 of its
body; it is refused unread above MAX_BYTES, and refused on a wrong key, format or hash, or any damage: the
caller then rebuilds it silently. It is written atomically (a temporary file renamed into place), so processes
starting at once see the old file or a whole new one; two writers each write a whole, identical file.

File layout: one header line of JSON, then the body (its parts concatenated):

    {"format": 3, "key": "<sha256>", "sha256": "<of the body>", "parts": [<len>, ...]}\\n<part><part>...
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from modelpick.files import MiB, write_atomically, xdg_base

FORMAT = 3  # bump when the stored shape changes
MAX_BYTES = 64 * MiB  # the LiteLLM map (2,817 entries) makes about 9 MB


def caching() -> bool:
    return not os.environ.get("MODELPICK_NO_CACHE")


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
