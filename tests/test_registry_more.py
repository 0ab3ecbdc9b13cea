"""The second registry selection (scripts/registry_selection_more.yaml, issue 11): checked as written, so
that the build that reads it with the first selection file gets sourced lifecycle facts and replacements
the registry has."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIRST = ROOT / "scripts" / "registry_selection.yaml"
MORE = ROOT / "scripts" / "registry_selection_more.yaml"
LIFECYCLE_KEYS = {"source", "rank", "said_on", "note", "status", "deprecated_on", "shutdown_on", "replacement"}


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


@pytest.fixture(scope="module")
def more() -> dict:
    return _load(MORE)


def _ids(*selections: dict) -> set[str]:
    ids: set[str] = set()
    for sel in selections:
        for psel in sel["providers"].values():
            for m in psel["models"]:
                ids.add(m["id"])
                ids.update(m.get("aliases") or [])
    return ids


def test_new_providers_are_declared(more: dict) -> None:
    first = _load(FIRST)["providers"]
    for provider, psel in more["providers"].items():
        if provider in first:
            assert set(psel) == {"models"}, f"{provider}: name/url/prefix come from the first file"
        else:
            assert psel.get("name") and psel.get("url") and "litellm_prefix" in psel, provider


def test_lifecycle_facts_are_sourced(more: dict) -> None:
    first = _load(FIRST)
    ids = _ids(first, more)
    facts = [(m["id"], m["facts"]["lifecycle"]) for psel in more["providers"].values() for m in psel["models"]
             if "lifecycle" in (m.get("facts") or {})]
    assert len(facts) >= 10
    for model_id, fact in facts:
        assert set(fact) <= LIFECYCLE_KEYS, model_id
        assert fact["source"] in more["sources"], model_id
        assert fact["rank"] in ("provider", "aggregator"), model_id
        assert fact["status"] in ("deprecated", "retired"), model_id
        assert fact.get("shutdown_on"), model_id
        assert fact["replacement"] in ids and fact["replacement"] != model_id, model_id
        if fact["status"] == "retired":
            assert fact["shutdown_on"] <= more["read_date"], model_id


def test_no_duplicate_entries_with_the_first_file(more: dict) -> None:
    first = _load(FIRST)["providers"]
    for provider, psel in more["providers"].items():
        taken = {m["id"] for m in (first.get(provider) or {}).get("models", [])}
        mine = [m["id"] for m in psel["models"]]
        assert len(mine) == len(set(mine)), provider
        assert not taken & set(mine), provider
