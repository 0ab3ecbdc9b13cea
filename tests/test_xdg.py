"""XDG_CONFIG_HOME and XDG_CACHE_HOME (issue 12, item 9): the XDG Base Directory spec says a relative path in
them is invalid and must be ignored; modelpick then falls back to ~/.config and ~/.cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelpick.cachefile import snapshot_path
from modelpick.registry.layers import user_registry_dir, xdg_base
from modelpick.registry.paths import LayerPath
from modelpick.registry.snapshot import LayerBytes, snapshot_key


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


@pytest.mark.parametrize("value", ["relative", "./cfg", "../up", "~/tilde-is-not-expanded", ""])
def test_a_relative_or_empty_config_home_is_ignored(home, monkeypatch, value):
    monkeypatch.setenv("XDG_CONFIG_HOME", value)
    assert user_registry_dir() == home / ".config" / "modelpick" / "registry"


def test_an_absolute_config_home_is_used(home, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert user_registry_dir() == tmp_path / "cfg" / "modelpick" / "registry"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert user_registry_dir() == home / ".config" / "modelpick" / "registry"


def _cache_of(tmp_path: Path) -> Path | None:
    file = tmp_path / "one.yaml"
    file.write_text("x: 1\n")
    return snapshot_path("registry", snapshot_key("registry", [LayerBytes(LayerPath("bundled", file, "one.yaml"), b"")]))


@pytest.mark.parametrize("value", ["relative", "./cache", "~/cache", ""])
def test_a_relative_or_empty_cache_home_is_ignored(home, tmp_path, monkeypatch, value):
    monkeypatch.delenv("MODELPICK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", value)
    cache = _cache_of(tmp_path)
    assert cache is not None and cache.parent == home / ".cache" / "modelpick"


def test_an_absolute_cache_home_is_used(home, tmp_path, monkeypatch):
    monkeypatch.delenv("MODELPICK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    cache = _cache_of(tmp_path)
    assert cache is not None and cache.parent == tmp_path / "c" / "modelpick"
    assert xdg_base("XDG_CACHE_HOME", ".cache") == tmp_path / "c"


def test_a_relative_config_home_never_reads_a_registry_from_the_current_folder(invoke_cli, home, tmp_path, monkeypatch):
    """A relative XDG_CONFIG_HOME with a registry under it in the current folder: not read."""
    layer = tmp_path / "cfg" / "modelpick" / "registry"
    layer.mkdir(parents=True)
    (layer / "bad.yaml").write_text("not: a registry\n")  # would be exit 2 if read
    monkeypatch.setenv("XDG_CONFIG_HOME", "cfg")
    result = invoke_cli("models", "--provider", "openai", "--format", "json")
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def invoke_cli():  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from modelpick.cli import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))
