"""genai-prices as a foreign format: import (price layers over the registry's entries) and audit at a date.

The fixture is a trimmed copy of genai-prices 0.2.3 (tests/fixtures/foreign/genai-prices.md). The registry
is hand-made: one entry per fixture model it should match, with prices chosen to disagree.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.registry.layers import LayerPath
from modelpick.registry.loader import Registry, load_entries
from modelpick.upkeep.audit import audit
from modelpick.upkeep.foreign import NOT_IN_REGISTRY, read_foreign, write_provider_files

GENAI = Path(__file__).resolve().parents[1] / "fixtures" / "foreign" / "genai-prices.json"
READ = dt.date(2026, 11, 30)
D = Decimal
runner = CliRunner()

ENTRY = """
  - id: {id}
    name: {id}
    creator: {creator}
    snapshots: [{snapshots}]
    context_window: {{value: 400000, source: ours}}
    max_output_tokens: {{value: 128000, source: ours}}
    modalities: {{input: [text], output: [text], source: ours}}
    features: {{values: [], source: ours}}
    pricing: {pricing}
"""
OURS = {
    "openai": [("gpt-5-mini", "gpt-5-mini-2025-08-07",
                "{source: ours, effective_from: 2026-11-01, input: 0.25, output: 2, cached_input: 0.025, "
                "flex: {input: 0.125, output: 1.2}, batch: {input: 0.125, output: 1}, history: [{source: ours, "
                "effective_from: 2026-01-01, input: 0.3, output: 2, flex: {input: 0.15, output: 1.2}}]}")],
    "google": [("gemini-2.0-flash", "", "{source: ours, input: 0.1, output: 0.4}"),
               ("gemini-3.8-flash-lite-tts", "", "{source: ours, input: 0.5, output: 6, flex: {input: 0.3, output: 3}}")],
    "anthropic": [("claude-opus-4-6", "", "{source: ours, input: 5, output: 25}"),
                  ("claude-haiku-5-5", "", "{source: ours, input: 0.1, output: 0.5, tiers: [{above_input_tokens: "
                                           "100000, input: 0.5, output: 2.5}]}")],
}


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    layers = []
    for provider, entries in OURS.items():
        path = tmp_path / "ours" / f"{provider}.yaml"
        path.parent.mkdir(exist_ok=True)
        creator = {"openai": "openai", "google": "google", "anthropic": "anthropic"}[provider]
        body = "".join(ENTRY.format(id=i, creator=creator, snapshots=s, pricing=p) for i, s, p in entries)
        path.write_text(f"provider: {provider}\nname: {provider}\nsources:\n  ours: {{url: https://example.invalid/"
                        f"ours, read: 2026-11-01}}\nmodels:{body}")
        layers.append(LayerPath("bundled", path, path.name))
    return Registry(load_entries(layers))


@pytest.fixture
def imported(registry: Registry) -> Any:
    return read_foreign("genai-prices", GENAI, read=READ, registry=registry)


def model(foreign: Any, provider: str, model_id: str) -> dict[str, Any]:
    return next(m for m in foreign.providers[provider]["models"] if m["id"] == model_id)


def test_counts_skips_and_dropped_prices(imported: Any) -> None:
    assert (imported.total, imported.imported, imported.filtered) == (7, 5, 0)
    # deepseek-chat: not in this registry; text-embedding-3-small: no output price.
    assert imported.skipped == {"no input/output token price": 1, NOT_IN_REGISTRY: 1}
    assert imported.dropped == {
        "price list in force before the first start date (it has no date of its own)": 1,  # claude-opus-4-6
        "price variant 'service_tier: fast' (the registry has no such prices)": 1,  # gpt-5-mini
    }
    assert imported.source_key == "genai-prices.json" and imported.read == READ


def test_flex_priority_batch_and_variant_history(imported: Any) -> None:
    note = ("genai-prices openai/gpt-5-mini; Flex/priority/fast rates verified on 2026-10-12 at "
            "https://developers.openai.com/api/docs/pricing. Batch rates verified on 2026-10-14 at "
            "https://developers.openai.com/api/docs/pricing.")
    cached = {"input": D("0.125"), "output": D(1), "cached_input": D("0.0125")}
    priority = {"input": D("0.45"), "output": D("3.6"), "cached_input": D("0.045")}
    assert model(imported, "openai", "gpt-5-mini") == {
        "id": "gpt-5-mini",
        "context_window": {"value": 400000, "source": "genai-prices.json",
                           "note": "genai-prices context_window (its maximum input tokens)"},
        "pricing": {"source": "genai-prices.json", "note": note, "effective_from": dt.date(2026, 10, 14),
                    "input": D("0.25"), "output": D(2), "cached_input": D("0.025"), "flex": cached,
                    "priority": priority, "batch": cached,
                    "history": [{"source": "genai-prices.json", "effective_from": dt.date(2026, 10, 12),
                                 "input": D("0.25"), "output": D(2), "cached_input": D("0.025"), "flex": cached,
                                 "priority": priority}]},
    }


def test_price_history_with_service_tiers(imported: Any) -> None:
    assert model(imported, "google", "gemini-3.8-flash-lite-tts")["pricing"] == {
        "source": "genai-prices.json", "note": "genai-prices google/gemini-3.8-flash-lite-tts",
        "effective_from": dt.date(2027, 1, 1), "input": D(1), "output": D(12),
        "batch": {"input": D("0.5"), "output": D(6)}, "flex": {"input": D("0.5"), "output": D(6)},
        "priority": {"input": D("1.8"), "output": D("21.6")},
        "history": [{"source": "genai-prices.json", "effective_from": dt.date(2026, 10, 15), "input": D("0.5"),
                     "output": D(6), "batch": {"input": D("0.25"), "output": D(3)},
                     "flex": {"input": D("0.25"), "output": D(3)}, "priority": {"input": D("0.9"), "output": D("10.8")}}],
    }


def test_tiers_apply_to_the_whole_request_with_batch(imported: Any) -> None:
    pricing = model(imported, "anthropic", "claude-haiku-5-5")["pricing"]
    assert pricing["tiers"] == [{
        "above_input_tokens": 100000, "input": D("0.5"), "output": D("2.5"), "cached_input": D("0.05"),
        "cache_write": D("0.625"),
        "batch": {"input": D("0.25"), "output": D("1.25"), "cached_input": D("0.025"), "cache_write": D("0.3125")}}]
    assert (pricing["effective_from"], pricing["cache_write"], "history" in pricing) == (dt.date(2026, 10, 14),
                                                                                         D("0.125"), False)


def test_deprecated_flag_is_a_status_claim(imported: Any) -> None:
    assert model(imported, "google", "gemini-2.0-flash")["lifecycle"] == {
        "source": "genai-prices.json", "rank": "aggregator", "status": "deprecated", "note": "genai-prices deprecated flag"}


def test_written_files_validate_over_the_registry(imported: Any, registry: Registry, tmp_path: Path) -> None:
    from modelpick.upkeep.validate import validate

    written = write_provider_files(imported, tmp_path / "out")
    assert [p.name for p in written] == ["anthropic.yaml", "google.yaml", "openai.yaml"]
    assert "flex:\n      input: 0.125\n" in (tmp_path / "out" / "openai.yaml").read_text()
    layers = [LayerPath("bundled", p, p.name) for p in sorted((tmp_path / "ours").glob("*.yaml"))]
    merged = Registry(load_entries([*layers, *(LayerPath("--registry", p, str(p)) for p in written)]))
    assert merged.get("openai/gpt-5-mini").model.pricing.flex.output == D(1)  # type: ignore[union-attr]
    assert validate is not None


def rows(result: Any) -> list[tuple[Any, ...]]:
    return [(d.model, d.field, d.ours, d.theirs) for d in result.disagreements]


def test_audit_before_and_after_a_price_change(registry: Registry, imported: Any) -> None:
    # 2026-10-13: our 2026-01-01 list (input 0.3, flex 0.15) against their 2026-10-12 list (no batch yet);
    # their gemini TTS, haiku and opus lists start later, so no price of theirs is in force for those. Our
    # entries state no lifecycle, so their deprecated flag is compared with nothing.
    before = audit(registry, imported, as_of=dt.date(2026, 10, 13))
    assert rows(before) == [
        ("claude-haiku-5-5", "context_window", 400000, 1000000),
        ("claude-opus-4-6", "context_window", 400000, 1000000),
        ("gemini-2.0-flash", "context_window", 400000, 1000000),
        ("gpt-5-mini", "pricing.input", 0.3, 0.25),
        ("gpt-5-mini", "pricing.flex.input", 0.15, 0.125),
        ("gpt-5-mini", "pricing.flex.output", 1.2, 1),
    ]
    after = audit(registry, imported, as_of=dt.date(2026, 12, 2))
    assert rows(after) == [
        ("claude-haiku-5-5", "context_window", 400000, 1000000),
        ("claude-opus-4-6", "context_window", 400000, 1000000),
        ("gemini-2.0-flash", "context_window", 400000, 1000000),
        ("gemini-3.8-flash-lite-tts", "pricing.flex.input", 0.3, 0.25),
        ("gpt-5-mini", "pricing.flex.output", 1.2, 1),
    ]
    assert [d.our_source["source"] for d in after.disagreements if d.model == "gpt-5-mini"] == ["ours"]
    assert after.summary == {"matched": 5, "disagreements": 5, "beyond_tolerance": 5, "recorded": 0, "failing": 5}


@pytest.mark.parametrize(("tolerance", "code"), [("0", 1), ("10", 0)])
def test_audit_exit_codes(tolerance: str, code: int, tmp_path: Path) -> None:
    layer = tmp_path / "openai.yaml"
    layer.write_text("provider: openai\nsources:\n  mine: {url: https://example.invalid/mine, read: 2026-11-01}\n"
                     "models:\n  - id: gpt-5-mini\n    pricing: {source: mine, input: 0.25, output: 2.2}\n")
    # Only gpt-5-mini of the fixture, so that the bundled registry's other entries take no part.
    data = [{**p, "models": [m for m in p["models"] if m["id"] == "gpt-5-mini"]}
            for p in json.loads(GENAI.read_text()) if p["id"] == "openai"]
    against = tmp_path / "genai-prices.json"
    against.write_text(json.dumps(data))
    result = runner.invoke(app, ["registry", "audit", "--against", str(against), "--from", "genai-prices",
                                 "--as-of", "2026-12-02", "--registry", str(layer), "--tolerance", tolerance,
                                 "--format", "json"])
    found = json.loads(result.stdout)
    ours = [(d["field"], d["ours"], d["theirs"], d["beyond_tolerance"]) for d in found["disagreements"]
            if d["provider"] == "openai" and d["model"] == "gpt-5-mini"]
    assert ours == [("pricing.output", 2.2, 2, code == 1)]
    assert result.exit_code == code, result.stderr


def test_import_command_writes_layers(tmp_path: Path) -> None:
    result = runner.invoke(app, ["registry", "import", "--from", "genai-prices", str(GENAI), "-o", str(tmp_path),
                                 "--format", "json"])
    assert result.exit_code == 0, result.stderr


def test_not_genai_prices_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"data": []}')
    result = runner.invoke(app, ["registry", "import", "--from", "genai-prices", str(bad), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"modelpick: error: {bad}: not genai-prices data: expected a list of providers, each with id and models"]


def _one_provider(tmp_path: Path, provider: str, entries: list[tuple[str, str, str]], models: list[dict]) -> Any:
    path = tmp_path / "ours" / f"{provider}.yaml"
    path.parent.mkdir(exist_ok=True)
    body = "".join(ENTRY.format(id=i, creator=provider, snapshots=s, pricing=p) for i, s, p in entries)
    path.write_text(f"provider: {provider}\nname: {provider}\nsources:\n  ours: {{url: https://example.invalid/"
                    f"ours, read: 2026-11-01}}\nmodels:{body}")
    registry = Registry(load_entries([LayerPath("bundled", path, path.name)]))
    foreign = tmp_path / "genai.json"
    genai_id = {"xai": "x-ai"}.get(provider, provider)
    foreign.write_text(json.dumps([{"id": genai_id, "name": provider, "models": models}]))
    return registry, read_foreign("genai-prices", foreign, read=READ, registry=registry)


def test_a_model_of_our_id_beats_one_matched_by_our_alias(tmp_path: Path) -> None:
    # genai-prices 0.2.3 gives mistral-large-latest to Mistral Large 2 ('mistral-large', 2 / 6), listed before
    # 'mistral-large-2512' (0.5 / 1.5); our mistral-large-2512 has mistral-large-latest as another name.
    registry, imported = _one_provider(tmp_path, "mistral", [
        ("mistral-large-2512", "mistral-large-latest", "{source: ours, input: 0.5, output: 1.5}")], [
        {"id": "mistral-large", "match": {"or_": [{"equals": "mistral-large"}, {"equals": "mistral-large-latest"}]},
         "prices": {"input_mtok": "2", "output_mtok": "6"}},
        {"id": "mistral-large-2512", "match": {"equals": "mistral-large-2512"},
         "prices": {"input_mtok": "0.5", "output_mtok": "1.5"}}])
    pricing = model(imported, "mistral", "mistral-large-2512")["pricing"]
    assert (pricing["input"], pricing["output"]) == (D("0.5"), D("1.5"))
    assert imported.skipped == {"duplicate id": 1}
    assert audit(registry, imported, as_of=dt.date(2026, 12, 2)).disagreements == []


def test_an_inclusive_tier_start_is_kept_as_given(tmp_path: Path) -> None:
    # xAI bills prompts of >= 200k tokens at the higher rate; genai-prices says so with start 199999 (a tier
    # applies when input > start), which is modelpick's above_input_tokens: 199999. A tier above 200000 is
    # another rule (a 200000-token prompt at the lower rate), so the audit reports it.
    tiered = {"base": "1.25", "tiers": [{"start": 199999, "price": "2.5"}]}
    registry, imported = _one_provider(tmp_path, "xai", [
        ("grok-4.3", "", "{source: ours, input: 1.25, output: 2.5, tiers: [{above_input_tokens: 200000, "
                         "input: 2.5, output: 5}]}")], [
        {"id": "grok-4.3", "match": {"equals": "grok-4.3"},
         "prices": {"input_mtok": tiered, "output_mtok": {"base": "2.5", "tiers": [{"start": 199999, "price": "5"}]}}}])
    assert model(imported, "xai", "grok-4.3")["pricing"]["tiers"] == [
        {"above_input_tokens": 199999, "input": D("2.5"), "output": D(5)}]
    found = audit(registry, imported, as_of=dt.date(2026, 12, 2)).disagreements
    assert [(d.field, d.ours, d.theirs) for d in found] == [("pricing.tiers", [200000], [199999])]
