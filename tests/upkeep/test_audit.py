"""registry audit: disagreements between the active registry and a foreign one.

Hand-made foreign data against the fixture registry (tests/fixtures/registry: acme, hostco), then the
trimmed real snapshots (tests/fixtures/foreign) against the bundled registry. The foreign entries
below are partial on purpose: a value they don't give must not be reported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from modelpick.registry.loader import Entry, Registry, load_registry
from modelpick.upkeep.audit import audit
from modelpick.upkeep.foreign import ForeignRegistry, read_foreign
from modelpick.upkeep.foreign.litellm import FEATURES_COVERED as LITELLM_FEATURES

FOREIGN = Path(__file__).resolve().parents[1] / "fixtures" / "foreign"
FIXTURE_SOURCE = {"source": "fixture", "url": "https://example.invalid/fixture", "read": "2026-01-01"}
THEIR_SOURCE = {"source": "theirs.json", "url": "/tmp/theirs.json", "read": "2026-11-01"}


def foreign(models: dict[str, list[dict[str, Any]]], fmt: str = "litellm", states_status: bool = False,
            features: tuple[str, ...] = LITELLM_FEATURES) -> ForeignRegistry:
    providers = {p: {"provider": p, "name": p, "sources": {}, "models": ms} for p, ms in models.items()}
    return ForeignRegistry(fmt=fmt, file="/tmp/theirs.json", source_key="theirs.json", read=dt.date(2026, 11, 1),
                           providers=providers, total=0, imported=0, skipped={}, features_covered=features,
                           states_status=states_status)


def cited(value: Any) -> dict[str, Any]:
    return {"value": value, "source": "theirs.json"}


ACME = [
    {"id": "acme-alpha", "context_window": cited(1048576), "max_output_tokens": cited(32000),
     "pricing": {"input": Decimal("1.1"), "output": Decimal(4), "cached_input": Decimal("0.1"),
                 "batch": {"input": Decimal("0.5"), "output": Decimal("2.5")},
                 "tiers": [{"above_input_tokens": 200000, "input": Decimal("2.5"), "output": Decimal(8)}]},
     "modalities": {"input": ["text"], "output": ["text"]},
     "features": {"values": ["streaming", "tool_calling", "structured_outputs", "batch", "prompt_caching"]},
     "lifecycle": {"status": "deprecated"}},  # LiteLLM states no status: not compared
    {"id": "acme-think-2025-05-01", "pricing": {"input": Decimal(2), "batch": {"input": Decimal(1), "output": Decimal(5)}}},
    {"id": "acme-old", "lifecycle": {"deprecated_on": dt.date(2025, 6, 1), "shutdown_on": dt.date(2026, 7, 1)}},
    {"id": "acme-new", "pricing": {"input": Decimal(9), "output": Decimal(9)}},
]
HOSTCO = [{"id": "acme-alpha", "pricing": {"input": Decimal("1.2"), "output": Decimal("4.8"),
                                           "cached_input": Decimal("0.2")}}]  # we have no cached price: silent


def rows(result: Any) -> list[tuple[Any, ...]]:
    return [(d.provider, d.model, d.field, d.ours, d.theirs, d.difference, d.beyond_tolerance, d.recorded)
            for d in result.disagreements]


def test_every_disagreement_in_order(fixture_registry: Registry) -> None:
    result = audit(fixture_registry, foreign({"acme": ACME, "hostco": HOSTCO}))
    assert rows(result) == [
        ("acme", "acme-alpha", "context_window", 1000000, 1048576, 48576 / 1048576, True, False),
        ("acme", "acme-alpha", "pricing.input", 1, 1.1, float(Decimal("0.1") / Decimal("1.1")), True, False),
        ("acme", "acme-alpha", "pricing.batch.output", 2, 2.5, 0.2, True, False),
        ("acme", "acme-alpha", "pricing.tiers[200000].input", 2, 2.5, 0.2, True, False),
        ("acme", "acme-alpha", "modalities.input", ["image", "text"], ["text"], None, True, False),
        ("acme", "acme-old", "lifecycle.shutdown_on", "2026-06-01", "2026-07-01", None, True, False),
        ("acme", "acme-think", "pricing.batch.output", 4, 5, 0.2, True, False),  # matched by its snapshot id
    ]
    assert (result.matched, result.only_theirs) == (4, 1)
    assert result.only_ours == ["acme/acme-legacy", "acme/shared-open", "hostco/hostco-reasoner", "hostco/shared-open"]
    assert result.summary == {"matched": 4, "disagreements": 7, "beyond_tolerance": 7, "recorded": 0, "failing": 7}
    first = result.disagreements[0]
    assert (first.our_source, first.their_source, first.file) == (FIXTURE_SOURCE, THEIR_SOURCE, "acme.yaml")


def test_tolerance_applies_to_numbers_only(fixture_registry: Registry) -> None:
    result = audit(fixture_registry, foreign({"acme": ACME}), tolerance=0.1)
    beyond = [(d.model, d.field) for d in result.disagreements if d.beyond_tolerance]
    assert beyond == [("acme-alpha", "pricing.batch.output"), ("acme-alpha", "pricing.tiers[200000].input"),
                      ("acme-alpha", "modalities.input"), ("acme-old", "lifecycle.shutdown_on"),
                      ("acme-think", "pricing.batch.output")]
    assert result.failing == result.summary["failing"] == 5 and result.tolerance == 0.1
    # a difference of exactly the tolerance is within it: only the set and the date remain
    assert audit(fixture_registry, foreign({"acme": ACME}), tolerance=0.2).summary["failing"] == 2


def test_status_compared_only_where_the_format_states_it(fixture_registry: Registry) -> None:
    theirs = foreign({"acme": [{"id": "acme-alpha", "lifecycle": {"status": "deprecated"}}]}, fmt="models.dev",
                     states_status=True)
    assert rows(audit(fixture_registry, theirs)) == [
        ("acme", "acme-alpha", "lifecycle.status", "active", "deprecated", None, True, False)]


def test_recorded_disagreements_do_not_fail(make_entry: Callable[..., Entry]) -> None:
    ours = make_entry("rec", "m1", pricing={"source": "fixture", "input": 1, "output": 1,
                                            "others": [{"source": "other", "value": {"input": 1.5, "output": 1}}]},
                      context_window={"value": 1000000, "source": "fixture",
                                      "others": [{"value": 2000000, "source": "other"}]},
                      features={"source": "fixture", "values": [], "others": [{"source": "ll", "value": ["tool_calling"]}]})
    theirs = foreign({"rec": [{"id": "m1", "context_window": cited(2000000),
                               "pricing": {"input": Decimal("1.5"), "output": Decimal(3)},
                               "features": {"values": ["tool_calling", "fine_tuning"]}}]})  # fine_tuning: not LiteLLM's
    result = audit(Registry([ours]), theirs)
    assert rows(result) == [
        ("rec", "m1", "context_window", 1000000, 2000000, 0.5, True, True),
        ("rec", "m1", "pricing.input", 1, 1.5, float(Decimal("0.5") / Decimal("1.5")), True, True),
        ("rec", "m1", "pricing.output", 1, 3, float(Decimal(2) / Decimal(3)), True, False),
        ("rec", "m1", "features", [], ["tool_calling"], None, True, True),
    ]
    assert result.summary == {"matched": 1, "disagreements": 4, "beyond_tolerance": 4, "recorded": 3, "failing": 1}
    assert result.disagreements[0].our_source == {"source": "fixture", "url": "fixture", "read": None}


def test_openrouter_ids_match_first_party_entries(fixture_registry: Registry) -> None:
    theirs = foreign({"openrouter": [
        {"id": "acme/acme-alpha", "pricing": {"input": Decimal(1), "output": Decimal("4.4")}},
        {"id": "acme/acme-alpha:free", "pricing": {"input": Decimal(0), "output": Decimal(0)}},  # a variant: no match
        {"id": "hostco/hostco-reasoner", "context_window": cited(128000)}]}, fmt="openrouter")
    result = audit(fixture_registry, theirs)
    assert rows(result) == [("acme", "acme-alpha", "pricing.output", 4, 4.4, float(Decimal("0.4") / Decimal("4.4")),
                             True, False)]
    assert (result.matched, result.only_theirs) == (2, 1)
    assert result.only_ours == ["acme/acme-legacy", "acme/acme-old", "acme/acme-think", "acme/shared-open",
                                "hostco/acme-alpha", "hostco/shared-open"]


def test_result_is_json_ready(fixture_registry: Registry) -> None:
    data = json.loads(audit(fixture_registry, foreign({"acme": ACME})).model_dump_json())
    assert data["schema_version"] == "1" and data["format"] == "litellm" and data["against"] == "/tmp/theirs.json"
    assert data["disagreements"][1]["ours"] == 1 and data["disagreements"][1]["theirs"] == 1.1


# ---------------------------------------------------------------- bundled registry vs trimmed real snapshots

@pytest.fixture(scope="module")
def bundled() -> Registry:
    return load_registry()


def find(result: Any, key: str, field: str) -> Any:
    return next((d for d in result.disagreements if f"{d.provider}/{d.model}" == key and d.field == field), None)


def test_bundled_against_litellm_fixture(bundled: Registry) -> None:
    result = audit(bundled, read_foreign("litellm", FOREIGN / "litellm-model-prices.json", read=dt.date(2026, 11, 21)))
    # gpt-4.1-nano: LiteLLM's 0.1 / 0.4 / cached 0.025 / batch 0.05 / 0.2 and its window equal ours
    assert [d.field for d in result.disagreements if d.model == "gpt-4.1-nano" and d.field.startswith(("pricing",
                                                                                                     "context"))] == []
    # LiteLLM (deepseek/deepseek-v4-flash) lists 3e-07 / 1.2e-06 per token, DeepSeek's peak rate; ours is the
    # off-peak rate in force from 2026-09-10 and keeps LiteLLM's under pricing.others
    price = find(result, "deepseek/deepseek-v4-flash", "pricing.input")
    assert (price.ours, price.theirs, price.recorded) == (0.15, 0.3, True)
    # its supports_vision (image input) is kept under modalities.others, not used: models.dev and AA's
    # input_modality_image (false) say text only
    vision = find(result, "deepseek/deepseek-v4-flash", "modalities.input")
    assert (vision.ours, vision.theirs, vision.recorded) == (["text"], ["image", "text"], True)
    entry = bundled.get("deepseek/deepseek-v4-flash").model
    assert [(o.source, o.value["input"]) for o in entry.modalities.others] == [("litellm", ["text", "image"])]
    grok = find(result, "xai/grok-4.3", "max_output_tokens")
    assert (grok.ours, grok.theirs, grok.recorded) == (30000, 1000000, True)
    # grok-4.3: LiteLLM has only supports_vision (no pdf flag, no supported_modalities); models.dev's pdf is kept
    pdf = find(result, "xai/grok-4.3", "modalities.input")
    assert (pdf.ours, pdf.theirs, pdf.recorded) == (["image", "pdf", "text"], ["image", "text"], True)
    # grok-4.3's tier: xAI bills >= 200k at the higher rate (ours above 199999), LiteLLM's reading (> 200000) is kept
    grok_tier = find(result, "xai/grok-4.3", "pricing.tiers")
    assert (grok_tier.ours, grok_tier.theirs, grok_tier.recorded) == ([199999], [200000], True)
    assert result.summary == {"matched": 14, "disagreements": 23, "beyond_tolerance": 23, "recorded": 23,
                              "failing": 0}
    # gpt-5 (not in the trimmed fixture): LiteLLM's max_input_tokens 272,000 is the input limit (models.dev
    # limit.input), recorded under context_window.others; the window used is models.dev's limit.context
    window = bundled.get("openai/gpt-5").model.context_window
    assert (window.value, window.source) == (400000, "models.dev")
    assert [(o.source, o.value) for o in window.others] == [("litellm", 272000)]


def test_bundled_against_models_dev_fixture(bundled: Registry) -> None:
    result = audit(bundled, read_foreign("models.dev", FOREIGN / "models-dev-resolved.json"))
    # models.dev gives claude-sonnet-4-5 no structured_output flag; our features (the union, which is LiteLLM's
    # own list, so citing LiteLLM) list it, and keep models.dev's list under others
    sonnet = find(result, "anthropic/claude-sonnet-4-5", "features")
    assert (sonnet.ours, sonnet.theirs, sonnet.recorded) == (["reasoning", "structured_outputs", "tool_calling"],
                                                             ["reasoning", "tool_calling"], True)
    assert sonnet.our_source["source"] == "litellm"
    features = bundled.get("anthropic/claude-sonnet-4-5").model.features
    assert [(o.source, o.value) for o in features.others] == [("models.dev", ["tool_calling", "reasoning"])]
    assert sonnet.their_source == {"source": "models-dev-resolved.json", "url": str(FOREIGN / "models-dev-resolved.json"),
                                   "read": "2026-07-02"}
    assert find(result, "openai/gpt-4.1-nano", "pricing.input") is None
    assert result.summary == {"matched": 18, "disagreements": 9, "beyond_tolerance": 9, "recorded": 9, "failing": 0}
