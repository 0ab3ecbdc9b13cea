"""Checks on the bundled registry data (data/models/*.yaml). Reads only files in this repository."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from modelpick.registry.schema import ModelEntry, ProviderFile

MODELS_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
FILES = sorted(MODELS_DIR.glob("*.yaml"))


def _load(path: Path) -> ProviderFile:
    with open(path) as f:
        return ProviderFile.model_validate(yaml.safe_load(f))


@pytest.fixture(scope="module")
def registry() -> dict[str, ProviderFile]:
    return {path.stem: _load(path) for path in FILES}


def _entry(registry: dict[str, ProviderFile], provider: str, model_id: str) -> ModelEntry:
    matches = [m for m in registry[provider].models if m.id == model_id]
    assert len(matches) == 1, f"{provider}/{model_id} not found exactly once"
    return matches[0]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_file_validates(path: Path) -> None:
    pf = _load(path)
    assert pf.provider == path.stem


def test_counts(registry: dict[str, ProviderFile]) -> None:
    entries = [m for pf in registry.values() for m in pf.models]
    # issue 11's targets: at least 120 entries, 15 providers and 10 creators
    assert len(entries) >= 120
    assert len(registry) >= 15
    assert len({m.creator for m in entries}) >= 10
    assert {m.creator for m in entries} <= {"openai", "anthropic", "google", "xai", "deepseek", "mistral",
                                             "alibaba", "meta", "moonshotai", "zai", "minimax", "cohere"}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_no_duplicate_names_within_provider(path: Path) -> None:
    pf = _load(path)
    names = [n for m in pf.models for n in (m.id, *m.snapshots, *m.aliases)]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, f"repeated id/snapshot/alias in {path.name}: {dupes}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_models_sorted_by_id(path: Path) -> None:
    ids = [m.id for m in _load(path).models]
    assert ids == sorted(ids)


def test_required_first_party_models(registry: dict[str, ProviderFile]) -> None:
    ids = {(p, m.id) for p, pf in registry.items() for m in pf.models}
    for model_id in ("gpt-4.1-nano", "gpt-4.1-mini", "gpt-4.1", "gpt-5-nano", "gpt-5-mini", "gpt-5", "gpt-5.1",
                     "gpt-5.2", "gpt-5.4", "gpt-5.4-mini", "gpt-5.4-nano", "gpt-5.5", "o3", "o4-mini"):
        assert ("openai", model_id) in ids
    families = {m.family for m in registry["anthropic"].models}
    assert {"claude-haiku", "claude-sonnet", "claude-opus"} <= families
    google = {m.id for m in registry["google"].models}
    assert any("flash-lite" in i for i in google)
    assert any("flash" in i and "lite" not in i for i in google)
    assert any("pro" in i for i in google)
    for provider, creator in (("xai", "xai"), ("deepseek", "deepseek"), ("mistral", "mistral"),
                              ("alibaba", "alibaba"), ("moonshotai", "moonshotai"), ("zai", "zai"),
                              ("minimax", "minimax"), ("cohere", "cohere")):
        assert registry[provider].models
        assert all(m.creator == creator for m in registry[provider].models)


# ---------------------------------------------------------------- GPT-4.1 nano (modelpick issue #2)

def test_gpt_4_1_nano_facts(registry: dict[str, ProviderFile]) -> None:
    e = _entry(registry, "openai", "gpt-4.1-nano")
    sources = registry["openai"].sources
    assert e.creator == "openai"
    assert e.snapshots == ["gpt-4.1-nano-2025-04-14"]
    assert e.release_date is not None and e.release_date.value == dt.date(2025, 4, 14)
    assert e.context_window.value == 1047576
    assert e.max_output_tokens.value == 32768
    assert e.knowledge_cutoff is not None
    assert e.knowledge_cutoff.value == dt.date(2024, 6, 1)
    assert e.knowledge_cutoff.source == "openai-gpt-4.1-nano-model-page"
    assert any(o.source == "models.dev" and str(o.value) == "2024-04" for o in e.knowledge_cutoff.others)
    assert e.modalities.input == ["text", "image"]
    assert e.modalities.output == ["text"]
    assert set(e.features.values) == {"streaming", "tool_calling", "structured_outputs", "fine_tuning",
                                      "predicted_outputs", "batch"}
    assert e.reasoning is False

    p = e.pricing
    assert p.source == "openai-pricing"
    assert p.input == Decimal("0.10")
    assert p.cached_input == Decimal("0.025")
    assert p.output == Decimal("0.40")
    assert p.batch is not None
    assert p.batch.input == Decimal("0.05")
    assert p.batch.output == Decimal("0.20")

    for name, url in (("openai-gpt-4.1-nano-model-page", "https://platform.openai.com/docs/models/gpt-4.1-nano"),
                      ("openai-gpt-4.1-announcement", "https://openai.com/index/gpt-4-1/"),
                      ("openai-pricing", "https://platform.openai.com/docs/pricing"),
                      ("artificial-analysis-gpt-4.1-nano", "https://artificialanalysis.ai/models/gpt-4-1-nano")):
        assert sources[name].url == url
        assert sources[name].read == dt.date(2026, 11, 21)
    for name in ("openai-gpt-4.1-nano-model-page", "openai-gpt-4.1-announcement", "openai-pricing"):
        assert sources[name].note == "figures as quoted in modelpick issue #2"
    assert sources["artificial-analysis-gpt-4.1-nano"].note == "as quoted in modelpick issue #2"


def test_gpt_4_1_nano_benchmarks(registry: dict[str, ProviderFile]) -> None:
    b = _entry(registry, "openai", "gpt-4.1-nano").benchmarks
    assert b["mmlu"].value == 80.1
    assert b["gpqa_diamond"].value == 50.3
    assert b["mmmu"].value == 55.4

    assert b["aider_polyglot"].value == 9.8
    assert b["aider_polyglot"].source.startswith("openai")
    assert any(o.value == 8.9 and o.source == "aider-polyglot" for o in b["aider_polyglot"].others)

    assert b["multichallenge"].value == 15.0
    assert any(o.value == 31.1 and o.note == "o3-mini grader" for o in b["multichallenge"].others)

    aa = b["aa_intelligence_index"]
    assert aa.value == 13
    assert aa.version == "AA Intelligence Index v2 (2025)"
    assert aa.source == "artificial-analysis-gpt-4.1-nano"
    snap = [o for o in aa.others if o.value == 9.6]
    assert snap and snap[0].version == "AA 2026-07-10 snapshot" and snap[0].date == dt.date(2026, 7, 10)


def test_gpt_4_1_nano_performance(registry: dict[str, ProviderFile]) -> None:
    perf = _entry(registry, "openai", "gpt-4.1-nano").performance
    assert perf is not None
    assert perf.source == "artificial-analysis-gpt-4.1-nano"
    assert perf.output_tokens_per_s == 127.5
    assert perf.ttft_s == 0.65
    assert any(o.value == {"output_tokens_per_s": 136.3, "ttft_s": 0.71} for o in perf.others)


@pytest.mark.parametrize(("model_id", "inp", "out", "context", "max_out"), [
    ("gpt-4.1-mini", "0.40", "1.60", 1047576, 32768),
    ("gpt-4.1", "2.00", "8.00", 1047576, 32768),
    ("gpt-5-nano", "0.05", "0.40", 400000, 128000),
])
def test_openai_prices_and_limits(registry: dict[str, ProviderFile], model_id: str, inp: str, out: str,
                                  context: int, max_out: int) -> None:
    e = _entry(registry, "openai", model_id)
    assert e.pricing.input == Decimal(inp)
    assert e.pricing.output == Decimal(out)
    assert e.context_window.value == context
    assert e.max_output_tokens.value == max_out


def test_gpt_5_nano_is_reasoning(registry: dict[str, ProviderFile]) -> None:
    e = _entry(registry, "openai", "gpt-5-nano")
    assert e.reasoning is True
    assert "reasoning" in e.features.values
    efforts = e.reasoning_efforts
    assert efforts is not None and efforts.supported == ["minimal", "low", "medium", "high"]
    assert efforts.default == "medium"  # OpenAI: models before gpt-5.1 default to medium
    assert sorted(efforts.measured) == ["high", "medium", "minimal"]
    assert efforts.measured["minimal"].evals["ifbench"].reasoning == 0  # AA 'GPT-5 nano (minimal)'
    assert efforts.measured["high"].evals["ifbench"].reasoning > 0


# ---------------------------------------------------------------- hosted open-weight models

@pytest.mark.parametrize(("alias", "creator"), [
    ("llama-4-maverick", "meta"),
    ("llama-4-scout", "meta"),
    ("gpt-oss-120b", "openai"),
    ("gpt-oss-20b", "openai"),
])
def test_open_weights_on_two_hosts(registry: dict[str, ProviderFile], alias: str, creator: str) -> None:
    hosts = defaultdict(list)
    for provider, pf in registry.items():
        for m in pf.models:
            if alias in m.aliases:
                hosts[provider].append(m)
    assert len(hosts) >= 2, f"{alias} is on {sorted(hosts)}"
    for provider, found in hosts.items():
        assert len(found) == 1
        m = found[0]
        assert m.creator == creator and m.open_weights
        assert m.id != alias or provider == creator
        assert m.performance is None  # speed is only recorded for first-party entries


# ---------------------------------------------------------------- general consistency

def test_prices_are_clean_decimals(registry: dict[str, ProviderFile]) -> None:
    for pf in registry.values():
        for m in pf.models:
            p = m.pricing
            for value in (p.input, p.output, p.cached_input, p.cache_write):
                if value is not None:
                    assert value == value.quantize(Decimal("0.000001")), f"{m.id}: {value}"


def test_benchmark_values_in_range(registry: dict[str, ProviderFile]) -> None:
    for pf in registry.values():
        for m in pf.models:
            for key, bench in m.benchmarks.items():
                if key.startswith("lmarena_"):
                    assert 800 < bench.value < 2000, (m.id, key)
                else:
                    assert 0 <= bench.value <= 100, (m.id, key)


def test_reasoning_entries_have_reasoning_feature(registry: dict[str, ProviderFile]) -> None:
    for pf in registry.values():
        for m in pf.models:
            if m.reasoning:
                assert "reasoning" in m.features.values, m.id
            if m.reasoning_tokens is not None:
                assert m.reasoning, m.id


# ---------------------------------------------------------------- models newer than the models.dev snapshot
# (LiteLLM-only entries: litellm 1.109.1 price map, newest keys 2026-09-29; models.dev snapshot is 2026-07-02)

LITELLM_ONLY = [
    # provider, id, input, output, cached_input, context_window, max_output_tokens
    ("openai", "gpt-5.6-sol", "4", "20", "0.4", 922000, 128000),
    ("openai", "gpt-5.6-terra", "2", "12", "0.2", 922000, 128000),
    ("openai", "gpt-5.6-luna", "0.2", "1.2", "0.02", 922000, 128000),
    ("anthropic", "claude-haiku-5-5", "0.1", "0.5", "0.01", 1000000, 128000),
    ("anthropic", "claude-sonnet-5-5", "2", "10", "0.1", 1000000, 128000),
    ("anthropic", "claude-opus-5-5", "4", "20", "0.2", 1000000, 128000),
    ("google", "gemini-3.5-flash-lite", "0.3", "2.5", "0.03", 1048576, 65536),
    ("google", "gemini-3.8-flash", "0.75", "3.75", "0.075", 1048576, 65536),
    ("xai", "grok-4.7", "2", "6", "0.5", 500000, 500000),
    ("mistral", "mistral-large-4", "0.7", "2.1", "0.07", 1048576, 1048576),  # litellm 1.110.2 halved 1.109.1's
    ("alibaba", "qwen3.8-max", "2", "6", "0.25", 991808, 131072),
    ("alibaba", "qwen3.8-flash", "0.15", "0.47", "0.016", 991808, 131072),
]


@pytest.mark.parametrize(("provider", "model_id", "inp", "out", "cached", "context", "max_out"), LITELLM_ONLY,
                         ids=[f"{p}/{m}" for p, m, *_ in LITELLM_ONLY])
def test_litellm_only_entries(registry: dict[str, ProviderFile], provider: str, model_id: str, inp: str, out: str,
                              cached: str, context: int, max_out: int) -> None:
    e = _entry(registry, provider, model_id)
    assert e.creator == provider
    p = e.pricing
    assert p.source == "litellm"
    assert (p.input, p.output, p.cached_input) == (Decimal(inp), Decimal(out), Decimal(cached))
    assert e.context_window.value == context and e.context_window.source == "litellm"
    assert e.max_output_tokens.value == max_out and e.max_output_tokens.source == "litellm"
    assert e.modalities.source == "litellm" and "text" in e.modalities.input and e.modalities.output == ["text"]
    assert e.features.source == "litellm" and "tool_calling" in e.features.values
    assert e.reasoning and "reasoning" in e.features.values
    assert e.lifecycle is not None and e.lifecycle.source == "litellm" and e.lifecycle.status == "active"
    assert e.knowledge_cutoff is None  # no source gives one
    if e.release_date is not None:  # only AA's snapshot dates these models
        assert e.release_date.source == "artificial-analysis-2026-07-10"
    assert registry[provider].sources["litellm"].read == dt.date(2026, 12, 6)  # litellm 1.110.2


def _newest(registry: dict[str, ProviderFile], provider: str, family: str) -> str:
    def version(model_id: str) -> tuple[int, ...]:  # claude-opus-5-5 -> (5, 5), gemini-3.8-flash -> (3, 8)
        return tuple(int(x) for x in re.findall(r"\d+", model_id))
    return max((m.id for m in registry[provider].models if m.family == family), key=version)


@pytest.mark.parametrize(("provider", "family", "model_id"), [
    ("anthropic", "claude-haiku", "claude-haiku-5-5"),
    ("anthropic", "claude-sonnet", "claude-sonnet-5-5"),
    ("anthropic", "claude-opus", "claude-opus-5-5"),
    ("google", "gemini-flash-lite", "gemini-3.5-flash-lite"),
    ("google", "gemini-flash", "gemini-3.8-flash"),
    ("google", "gemini-pro", "gemini-3.1-pro-preview"),  # LiteLLM has no newer Gemini Pro
])
def test_newest_of_family(registry: dict[str, ProviderFile], provider: str, family: str, model_id: str) -> None:
    assert _newest(registry, provider, family) == model_id


def test_gpt_5_6_sizes(registry: dict[str, ProviderFile]) -> None:
    openai = {m.id: m for m in registry["openai"].models}
    assert {"gpt-5.6-sol", "gpt-5.6-terra", "gpt-5.6-luna"} <= set(openai)
    sol = openai["gpt-5.6-sol"]
    assert sol.aliases == ["gpt-5.6"]  # LiteLLM's plain gpt-5.6 key duplicates gpt-5.6-sol
    assert sol.pricing.batch is not None and sol.pricing.batch.input == Decimal("2")
    assert [(t.above_input_tokens, t.input, t.output) for t in sol.pricing.tiers] == [
        (272000, Decimal("8"), Decimal("30"))]
    for model_id in ("gpt-5.6-sol", "gpt-5.6-terra", "gpt-5.6-luna"):
        e = openai[model_id]
        assert e.release_date is not None and e.release_date.value == dt.date(2026, 7, 9)
        assert "aa_intelligence_index" in e.benchmarks
        # AA's (older) prices differ and are kept for the record
        assert any(o.source == "artificial-analysis-2026-07-10" for o in e.pricing.others)


def test_claude_haiku_5_5_long_context_tier(registry: dict[str, ProviderFile]) -> None:
    p = _entry(registry, "anthropic", "claude-haiku-5-5").pricing
    assert [(t.above_input_tokens, t.input, t.output) for t in p.tiers] == [(100000, Decimal("0.5"), Decimal("2.5"))]
    assert p.batch is not None and (p.batch.input, p.batch.output) == (Decimal("0.05"), Decimal("0.25"))


@pytest.mark.parametrize(("provider", "model_id", "supported", "default"), [
    # Anthropic: extended thinking is off unless the request enables it (anthropic-extended-thinking)
    ("anthropic", "claude-haiku-4-5", ["none", "high"], "none"),
    # OpenAI: gpt-5.1 defaults to none; models before it to medium (openai-api-reasoning-effort)
    ("openai", "gpt-5.1", ["none", "low", "medium", "high"], "none"),
    ("openai", "o3", ["low", "medium", "high"], "medium"),
])
def test_reasoning_efforts_and_api_defaults(registry: dict[str, ProviderFile], provider: str, model_id: str,
                                           supported: list[str], default: str) -> None:
    efforts = _entry(registry, provider, model_id).reasoning_efforts
    assert efforts is not None and (efforts.supported, efforts.default) == (supported, default)


def test_every_measurement_is_cited_to_the_aa_snapshot(registry: dict[str, ProviderFile]) -> None:
    measured = [(m.id, effort, x) for pf in registry.values() for m in pf.models if m.reasoning_efforts
                for effort, x in m.reasoning_efforts.measured.items()]
    assert len(measured) >= 80
    assert {x.source for _, _, x in measured} == {"artificial-analysis-2026-07-10"}
    assert all(x.evals and "AA row" in (x.note or "") for _, _, x in measured)


def test_lifecycle_claims_are_dated_by_their_source(registry: dict[str, ProviderFile]) -> None:
    """Issue 11: each source's lifecycle word is a claim dated by the day the source said it."""
    nano = next(m for m in registry["openai"].models if m.id == "gpt-4.1-nano")
    assert nano.lifecycle is not None and (nano.lifecycle.source, nano.lifecycle.rank) == ("models.dev", "aggregator")
    assert nano.lifecycle.said_on == dt.date(2026, 7, 2)
    ll = next(c for c in nano.lifecycle.claims if c.source == "litellm")
    # LiteLLM's deprecation_date is OpenAI's shutdown date, said by litellm 1.110.2 (2026-12-02).
    assert (ll.shutdown_on, ll.deprecated_on, ll.said_on) == (dt.date(2026, 10, 23), None, dt.date(2026, 12, 2))
    assert not nano.lifecycle.others
    gpt41 = next(m for m in registry["openai"].models if m.id == "gpt-4.1")
    assert gpt41.knowledge_cutoff is not None and gpt41.knowledge_cutoff.value == dt.date(2024, 6, 1)
    assert gpt41.knowledge_cutoff.source == "openai-gpt-4.1-announcement"
