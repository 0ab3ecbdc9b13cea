"""The compiled registry snapshot (issue 15): keyed by the exact bytes it was built from, carrying its key and
a content hash, bounded in size, rebuilt silently on any mismatch or damage, shared by every spelling of a
path, and safe when many processes start at once."""

from __future__ import annotations

import io
import os
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from modelpick.registry.loader import load_registry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registry"
ALPHA = "acme/acme-alpha"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MODELPICK_NO_CACHE", raising=False)
    return tmp_path / "cache" / "modelpick"


@pytest.fixture
def layer(tmp_path: Path, cache: Path) -> Path:
    folder = tmp_path / "layer"
    folder.mkdir()
    shutil.copy(FIXTURES / "acme.yaml", folder / "acme.yaml")
    return folder


def snapshots(cache: Path) -> list[Path]:
    return sorted(cache.glob("registry-*.json"))


def price(layer: Path) -> Decimal:
    return load_registry([layer]).get(ALPHA).model.pricing.input


def set_price(path: Path, value: str) -> None:
    text = path.read_text()
    path.write_text(text.replace("      input: 1.00\n", f"      input: {value}\n", 1) if "input: 1.00\n" in text
                    else text)


def test_a_file_rewritten_while_it_is_read_never_lends_its_content_to_the_old_key(
        layer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race of the issue: another process rewrites the file after this one read it. Each open of the file
    after the first sees the rewritten content, so a loader that hashes one read and parses another would store
    the new prices under the old content's key."""
    path = layer / "acme.yaml"
    first = path.read_bytes()
    second = first.replace(b"      input: 1.00\n", b"      input: 3.00\n", 1)
    assert second != first
    real_os_open, real_io_open = os.open, io.open
    opened = []

    def rewrite_after_first_open(target: Any) -> None:
        if os.path.abspath(os.fspath(target)) == str(path):
            opened.append(target)
            if len(opened) == 2:  # a concurrent writer got in between two reads
                fd = real_os_open(path, os.O_WRONLY | os.O_TRUNC)
                os.write(fd, second)
                os.close(fd)

    def os_open(target: Any, *args: Any, **kwargs: Any) -> int:
        rewrite_after_first_open(target)
        return real_os_open(target, *args, **kwargs)

    def io_open(target: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(target, (str, os.PathLike)):
            rewrite_after_first_open(target)
        return real_io_open(target, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", os_open)
        patched.setattr(io, "open", io_open)
        during = price(layer)
    assert during in (Decimal("1.00"), Decimal("3.00"))
    path.write_bytes(first)  # the first list restored
    assert price(layer) == Decimal("1.00")
    path.write_bytes(second)
    assert price(layer) == Decimal("3.00")
    path.write_bytes(first)
    assert price(layer) == Decimal("1.00")
