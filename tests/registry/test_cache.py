"""The validated-registry cache: reused while the files are unchanged, rebuilt when they change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from modelpick.errors import InputError
from modelpick.registry.loader import load_registry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registry"


@pytest.fixture
def layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MODELPICK_NO_CACHE", raising=False)
    folder = tmp_path / "layer"
    folder.mkdir()
    shutil.copy(FIXTURES / "acme.yaml", folder / "acme.yaml")
    return folder


def cache_files(layer: Path) -> list[Path]:
    return sorted((layer.parent / "cache" / "modelpick").glob("registry-*.json"))


def test_second_load_reads_the_cache(layer: Path) -> None:
    first = load_registry([layer])
    assert len(cache_files(layer)) == 1
    second = load_registry([layer])
    assert [e.key for e in second.entries] == [e.key for e in first.entries]
    assert second.get("acme/acme-alpha").model == first.get("acme/acme-alpha").model


def test_a_changed_file_is_read_again(layer: Path) -> None:
    load_registry([layer])
    path = layer / "acme.yaml"
    path.write_text(path.read_text().replace("name: Acme Alpha", "name: Acme Alpha II", 1))
    assert load_registry([layer]).get("acme/acme-alpha").model.name == "Acme Alpha II"
    assert len(cache_files(layer)) == 2


def test_an_invalid_file_fails_even_after_a_valid_one_was_cached(layer: Path) -> None:
    load_registry([layer])
    path = layer / "acme.yaml"
    path.write_text(path.read_text().replace("provider: acme", "provider: acme\nbogus: 1", 1))
    with pytest.raises(InputError, match="bogus: unknown key"):
        load_registry([layer])


def test_a_damaged_cache_is_rebuilt(layer: Path) -> None:
    load_registry([layer])
    [cache] = cache_files(layer)
    cache.write_text("{not json")
    assert load_registry([layer]).get("acme/acme-alpha").model.name == "Acme Alpha"
    assert cache.read_text().startswith('{"format": ')


def test_no_cache_when_turned_off(layer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELPICK_NO_CACHE", "1")
    load_registry([layer])
    assert cache_files(layer) == []


def test_an_unwritable_cache_location_does_not_fail(layer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = layer.parent / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_registry([layer]).get("acme/acme-alpha").model.name == "Acme Alpha"
