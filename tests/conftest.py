"""Shared fixtures: a small hand-made registry (tests/fixtures/registry), the bundled tasks, and builders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from modelpick.registry.loader import Entry, Registry, Tasks, load_provider_file, load_tasks
from modelpick.registry.schema import ModelEntry
from modelpick.workload import Workload

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "registry"
FIXTURE_FILES = (FIXTURE_DIR / "acme.yaml", FIXTURE_DIR / "hostco.yaml")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The registry cache goes to a folder of the test run's own, never the user's ~/.cache; the user's own
    registry layers (config folder, MODELPICK_REGISTRY) never reach the tests."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    patch.delenv("MODELPICK_REGISTRY", raising=False)
    yield
    patch.undo()


def fixture_entries() -> list[Entry]:
    entries = []
    for path in FIXTURE_FILES:
        parsed = load_provider_file(path)
        entries += [Entry(parsed.provider, parsed.name, m, parsed.sources, path.name) for m in parsed.models]
    return entries


@pytest.fixture(scope="session")
def fixture_entry_list() -> list[Entry]:
    """The fixture entries in file order (not sorted), for tests that rebuild a Registry."""
    return fixture_entries()


@pytest.fixture(scope="session")
def fixture_registry() -> Registry:
    return Registry(fixture_entries())


@pytest.fixture(scope="session")
def tasks() -> Tasks:
    return load_tasks()


@pytest.fixture
def make_workload() -> Callable[..., Workload]:
    """make_workload(task="chat", input_tokens=1000, requires={...}) -> a validated Workload."""

    def build(**fields: Any) -> Workload:
        return Workload.model_validate(fields)

    return build


@pytest.fixture
def make_entry() -> Callable[..., Entry]:
    """make_entry("acme", "m1", input=1, output=2, benchmarks={"lmarena_text": 1200}) -> a minimal Entry."""

    def build(provider: str, model_id: str, *, input: float = 1.0, output: float = 1.0,
              benchmarks: dict[str, float] | None = None, creator: str | None = None, **extra: Any) -> Entry:
        data: dict[str, Any] = {
            "id": model_id,
            "name": model_id,
            "creator": creator or provider,
            "context_window": {"value": 1_000_000, "source": "fixture"},
            "max_output_tokens": {"value": 100_000, "source": "fixture"},
            "modalities": {"source": "fixture", "input": ["text"], "output": ["text"]},
            "features": {"source": "fixture", "values": []},
            "pricing": {"source": "fixture", "input": input, "output": output},
            "benchmarks": {k: {"value": v, "source": "fixture"} for k, v in (benchmarks or {}).items()},
            **extra,
        }
        return Entry(provider, provider, ModelEntry.model_validate(data), {}, "<test>")

    return build
