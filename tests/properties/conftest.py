"""Registries for the property tests, loaded once per session (hypothesis runs a test body many times, so
they must not be function-scoped)."""

from __future__ import annotations

import pytest
from workload_strategies import BUNDLED_PROVIDERS, FIXTURE_PROVIDERS, TIER_THRESHOLDS

from modelpick.registry.loader import Entry, Registry, load_registry


class Entries(list[Entry]):
    """A list of entries with a short repr: hypothesis prints a failing test's arguments, fixtures included."""

    def __repr__(self) -> str:
        return f"<{len(self)} entries>"


@pytest.fixture(scope="session")
def bundled_registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="session")
def every_entry(bundled_registry: Registry, fixture_entry_list: list[Entry]) -> list[Entry]:
    """The 66 bundled entries and the fixture entries (tests/fixtures/registry): no key in common."""
    entries = Entries([*bundled_registry.entries, *fixture_entry_list])
    assert len({e.key for e in entries}) == len(entries)
    assert bundled_registry.providers == BUNDLED_PROVIDERS
    assert sorted({e.provider for e in fixture_entry_list}) == FIXTURE_PROVIDERS
    thresholds = {t.above_input_tokens for e in entries for t in e.model.pricing.tiers}
    assert thresholds <= set(TIER_THRESHOLDS), "add the new tier thresholds to TIER_THRESHOLDS"
    return entries


@pytest.fixture(scope="session")
def combined_registry(every_entry: list[Entry]) -> Registry:
    return Registry(every_entry)
