"""The snapshot of the bundled data shipped in the package (data/snapshots/, written by
scripts/build_snapshots.py): current, equal to what the YAML gives, and read by a run with an empty cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from modelpick.registry.loader import bundled_data, load_registry, load_tasks, shipped_snapshot
from modelpick.registry.paths import BUNDLED, LayerPath, bundled_layer
from modelpick.registry.snapshot import LayerBytes, read_layers, snapshot_key

REBUILD = "stale: run `python scripts/build_snapshots.py` after changing data/ or modelpick's version"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MODELPICK_NO_CACHE", raising=False)
    monkeypatch.delenv("MODELPICK_REGISTRY", raising=False)
    return tmp_path / "cache" / "modelpick"


def shipped_key(kind: str) -> str:
    return json.loads(shipped_snapshot(kind).read_bytes().partition(b"\n")[0])["key"]


def test_the_shipped_snapshots_are_current() -> None:
    registry = snapshot_key("registry", read_layers(bundled_layer(bundled_data() / "models")))
    tasks_file = bundled_data() / "tasks.yaml"
    tasks = snapshot_key("tasks", [LayerBytes(LayerPath(BUNDLED, tasks_file, "data/tasks.yaml"),
                                              tasks_file.read_bytes())])
    assert shipped_key("registry") == registry, f"data/snapshots/registry.json is {REBUILD}"
    assert shipped_key("tasks") == tasks, f"data/snapshots/tasks.json is {REBUILD}"


def described(registry: object) -> list[tuple[object, ...]]:
    return [(e.provider, e.provider_name, e.file, e.model.model_dump_json(), e.sources, dict(e.origins))
            for e in registry.entries]  # type: ignore[attr-defined]


def test_the_shipped_snapshots_give_what_the_yaml_gives(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped_registry, shipped_tasks = described(load_registry()), load_tasks()
    assert not list(cache.glob("registry-*.json")) and not list(cache.glob("tasks-*.json"))  # read, not built
    monkeypatch.setenv("MODELPICK_NO_CACHE", "1")
    assert shipped_registry == described(load_registry())
    parsed_tasks = load_tasks()
    assert shipped_tasks.benchmarks == parsed_tasks.benchmarks
    assert shipped_tasks.profiles == parsed_tasks.profiles


def test_a_run_with_an_empty_cache_reads_no_yaml(cache: Path) -> None:
    code = ("import sys; from modelpick.registry.loader import load_registry, load_tasks; "
            "print(len(load_registry().entries) > 0, len(load_tasks().profiles) > 0, 'yaml' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "True True False\n"
    assert not cache.exists() or not list(cache.iterdir())


def test_a_registry_with_another_layer_does_not_use_it(tmp_path: Path, cache: Path) -> None:
    layer = tmp_path / "layer"
    layer.mkdir()
    (layer / "deal.yaml").write_text("provider: openai\nmodels:\n  - id: gpt-4.1-nano\n    pricing: {input: 0.05}\n")
    assert str(load_registry([layer]).get("openai/gpt-4.1-nano").model.pricing.input) == "0.05"
    assert len(list(cache.glob("registry-*.json"))) == 1


def test_a_damaged_shipped_snapshot_is_only_slower(tmp_path: Path, cache: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from modelpick.registry import loader

    expected = described(load_registry())
    damaged = tmp_path / "shipped"
    damaged.mkdir()
    for kind in ("registry", "tasks"):
        text = shipped_snapshot(kind).read_bytes()
        (damaged / f"{kind}.json").write_bytes(text[:-100] + b"x" * 100)  # the hash no longer matches
    monkeypatch.setattr(loader, "shipped_snapshot", lambda kind: damaged / f"{kind}.json")
    assert described(load_registry()) == expected
    assert len(list(cache.glob("registry-*.json"))) == 1  # built from the YAML, and cached
    assert load_tasks().profiles
