"""The build's merge policy on hand-made values: which source a value cites and what goes under `others`."""

from __future__ import annotations

from decimal import Decimal

import pytest

from modelpick.upkeep.foreign.genai_prices import matches
from modelpick.upkeep.generate.benchmarks import add_benchmark
from modelpick.upkeep.generate.common import BuildError, parse_date
from modelpick.upkeep.generate.facts import apply_facts
from modelpick.upkeep.generate.pricing import build_pricing, inclusive_tiers
from modelpick.upkeep.generate.traits import combine_features

D = Decimal


def test_disagreeing_prices_cite_models_dev_and_keep_litellm_under_others() -> None:
    pricing = build_pricing({"input": D("1"), "output": D("4")}, {"input": D("1.1"), "output": D("4")}, None)
    assert pricing == {"source": "models.dev",
                       "note": "models.dev and LiteLLM disagree; models.dev is used (no provider page read), "
                               "LiteLLM's prices are under others",
                       "input": D("1"), "output": D("4"),
                       "others": [{"source": "litellm", "value": {"input": D("1.1"), "output": D("4")}}]}


def test_agreeing_prices_cite_litellm_and_fill_in_what_only_models_dev_gives() -> None:
    pricing = build_pricing({"input": D("1"), "output": D("4"), "cached_input": D("0.25")},
                            {"input": D("1"), "output": D("4")}, "a hand note ")
    assert pricing["source"] == "litellm" and pricing["cached_input"] == D("0.25")
    assert pricing["note"] == ("models.dev gives the same base prices; cached_input from models.dev (LiteLLM has "
                               "none); a hand note")
    with pytest.raises(BuildError, match="no price in models.dev or LiteLLM"):
        build_pricing(None, None, None)


def test_inclusive_tiers_start_one_token_lower_and_keep_litellms_reading() -> None:
    entry = {"pricing": {"source": "litellm", "input": D(3), "output": D(15),
                         "tiers": [{"above_input_tokens": 200000, "input": D(6), "output": D(30)}]}}
    inclusive_tiers(entry, "xAI bills >= 200k at the higher rate")
    assert entry["pricing"]["tiers"][0]["above_input_tokens"] == 199999
    assert entry["pricing"]["note"] == "long-context thresholds: xAI bills >= 200k at the higher rate"
    assert entry["pricing"]["others"][0]["value"]["tiers"][0]["above_input_tokens"] == 200000


def test_features_are_the_union_citing_the_larger_list_when_neither_is_it() -> None:
    by_source = [("models.dev", ["tool_calling", "reasoning"]), ("litellm", ["tool_calling", "batch", "streaming"])]
    features = combine_features(by_source, {"supports_reasoning": False}, {"models.dev": "a kept reason"})
    assert features["source"] == "litellm"
    assert features["values"] == ["streaming", "tool_calling", "batch", "reasoning"]
    assert features["note"].endswith("reasoning from models.dev only; each source's own list is under others")
    notes = {o["source"]: o["note"] for o in features["others"]}
    assert notes["litellm"].endswith("lacks reasoning, which models.dev states (LiteLLM states reasoning as false)")
    assert notes["models.dev"].endswith("lacks streaming, batch, which LiteLLM states; a kept reason")


def test_a_later_benchmark_value_goes_under_others() -> None:
    benchmarks: dict = {}
    add_benchmark(benchmarks, "gpqa_diamond", {"value": 82.8, "source": "simple-evals"})
    add_benchmark(benchmarks, "gpqa_diamond", {"value": 82.8, "source": "aa"})
    add_benchmark(benchmarks, "gpqa_diamond", {"value": 82.7, "source": "aa"})
    assert benchmarks == {"gpqa_diamond": {"value": 82.8, "source": "simple-evals",
                                           "others": [{"value": 82.7, "source": "aa"}]}}


def test_a_hand_fact_that_agrees_says_so_and_an_unknown_feature_is_refused() -> None:
    entry = {"context_window": {"value": 200000, "source": "models.dev"},
             "features": {"source": "litellm", "values": ["batch"], "_by_source": [("litellm", ["batch"])]}}
    apply_facts(entry, {"context_window": {"value": 200000, "source": "page"}})
    assert entry["context_window"] == {"value": 200000, "source": "page", "note": "models.dev gives the same value"}
    with pytest.raises(BuildError, match=r"unknown feature\(s\) \['vision'\]"):
        apply_facts(entry, {"features": {"values": ["vision"], "source": "page"}})


def test_dates_are_read_as_the_importers_read_them() -> None:
    assert parse_date("2024-05") == (parse_date("2024-05-01")[0],
                                     "source gives '2024-05' (month precision); the 1st is used")
    with pytest.raises(BuildError, match="unparseable date '2024'"):
        parse_date("2024")


def test_genai_prices_match_clauses() -> None:
    clause = {"or_": [{"equals": "o3"}, {"and_": [{"starts_with": "o3-"}, {"regex": r"\d{4}-\d{2}-\d{2}$"}]}]}
    assert matches(clause, "o3") and matches(clause, "o3-2025-04-16")
    assert not matches(clause, "o3-mini") and not matches(None, "o3")
