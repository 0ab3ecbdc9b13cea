"""Hostile values in well-formed YAML: numbers that are not numbers (NaN, infinities), negative or absurd
numbers, ratios outside 0..1, dates in the wrong form, unknown keys (with a "did you mean"), a list where a
mapping belongs. Each ends in exit 2 and one line naming the file, the line and the key path."""

from __future__ import annotations

import pytest
from hostile_support import READERS, config_with, provider_with, user_error, write

WORKLOAD_CASES = [
    ("nan", "cached_input_ratio: .nan\n", "input.yaml:1: cached_input_ratio: Input should be a finite number"),
    ("infinity", "requests_per_day: .inf\n", "input.yaml:1: requests_per_day: Input should be a finite number"),
    ("minus-infinity", "requires:\n  max_monthly_cost_usd: -.inf\n",
     "input.yaml:2: requires.max_monthly_cost_usd: Input should be a finite number"),
    ("negative-tokens", "input_tokens: -5\n",
     "input.yaml:1: input_tokens: Input should be greater than or equal to 0"),
    ("absurd-tokens", "output_tokens: 1000000000000\n",
     "input.yaml:1: output_tokens: Input should be less than or equal to 100000000"),
    ("absurd-float", "requests_per_day: 1.0e+300\n",
     "input.yaml:1: requests_per_day: Input should be less than or equal to 1000000000000"),
    ("ratio-above-one", "cached_input_ratio: 1.5\n",
     "input.yaml:1: cached_input_ratio: Input should be less than or equal to 1"),
    ("ratio-below-zero", "cache_write_ratio: -0.1\n",
     "input.yaml:1: cache_write_ratio: Input should be greater than or equal to 0"),
    ("ratios-sum-above-one", "cached_input_ratio: 0.7\ncache_write_ratio: 0.5\n",
     "input.yaml:1: Value error, cached_input_ratio + cache_write_ratio must not exceed 1"),
    ("fractional-tokens", "input_tokens: 1.5\n",
     "input.yaml:1: input_tokens: Input should be a valid integer, got a number with a fractional part"),
    ("words-for-a-number", "input_tokens: many\n",
     "input.yaml:1: input_tokens: Input should be a valid integer, unable to parse string as an integer"),
    ("date-wrong-form", "requires:\n  knowledge_after: 01/02/2024\n",
     "input.yaml:2: requires.knowledge_after: Input should be a valid date or datetime, invalid character in "
     "year"),
    ("unknown-key", "input_tokns: 5\n", "input.yaml:1: input_tokns: unknown key (did you mean 'input_tokens' or "
     "'output_tokens'?)"),
    ("unknown-nested-key", "requires:\n  featres: [batch]\n",
     "input.yaml:2: requires.featres: unknown key (did you mean 'features'?)"),
    ("list-for-mapping", "requires: [batch]\n",
     "input.yaml:1: requires: Input should be a valid dictionary or instance of Requirements"),
    ("mapping-for-list", "requires:\n  features: {batch: true}\n",
     "input.yaml:2: requires.features: Input should be a valid list"),
    ("top-level-list", "- task: chat\n",
     "input.yaml:1: expected a mapping of workload keys (task:, input_tokens:, ...)"),
    ("top-level-scalar", "chat\n", "input.yaml:1: expected a mapping of workload keys (task:, input_tokens:, ...)"),
    ("absurd-weights", "prefer: {quality: 1.0e+308, cost: 1.0e+308}\n",
     "input.yaml:1: prefer.quality: Input should be less than or equal to 1000 (and 2 more errors)"),
    ("zero-weights", "prefer: {quality: 0}\n", "input.yaml:1: prefer: Value error, weights must not all be zero "
     "(and 1 more error)"),
    ("nan-min-quality", "requires:\n  min_quality: {aa_intelligence_index: .nan}\n",
     "input.yaml:2: requires.min_quality.aa_intelligence_index: Input should be a finite number"),
]

CONFIG_CASES = [
    ("workloads-as-mapping", config_with("workloads:\n  - name: triage", "workloads:\n  triage:\n    name: triage"),
     "input.yaml:3: workloads: expected a list of workloads, each with model: and workload keys"),
    ("unknown-top-key", "defaults: {}\nworkload: []\n",
     "input.yaml:2: workload: unknown key (did you mean 'workloads'?)"),
    ("unknown-policy-key", config_with("max_cost_ratio", "max_cost_raito"),
     "input.yaml:9: workloads[0].policy.max_cost_raito: unknown key (did you mean 'max_cost_ratio' or "
     "'max_cost_increase'?)"),
    ("nan-policy", config_with("max_cost_ratio: 2.0", "max_cost_ratio: .nan"),
     "input.yaml:9: workloads[0].policy.max_cost_ratio: Input should be a finite number"),
    ("negative-policy", config_with("max_cost_ratio: 2.0", "max_cost_ratio: -2"),
     "input.yaml:9: workloads[0].policy.max_cost_ratio: Input should be greater than 0"),
    ("zero-rank", config_with("max_cost_ratio: 2.0", "max_rank: 0"),
     "input.yaml:9: workloads[0].policy.max_rank: Input should be greater than or equal to 1"),
    ("bad-default", config_with("requests_per_day: 1000", "requests_per_day: -.inf"),
     "input.yaml:2: defaults.requests_per_day: Input should be a finite number"),
    ("empty-model", config_with("model: openai/gpt-4.1-nano", "model: ''"),
     "input.yaml:5: workloads[0].model: String should have at least 1 character"),
    ("workload-as-list", "workloads:\n  - [model, x]\n",
     "input.yaml:2: workloads[0]: expected a mapping with model: and workload keys"),
]

REGISTRY_CASES = [
    ("nan-price", provider_with("input: 1.0", "input: .nan"),
     "input.yaml:14: models[0].pricing.input: Input should be a finite number"),
    ("negative-price", provider_with("output: 2.0", "output: -2.0"),
     "input.yaml:14: models[0].pricing.output: Value error, must be a number from 0 to 10000 (USD per 1M tokens)"),
    ("absurd-price", provider_with("output: 2.0", "output: 1.0e+300"),
     "input.yaml:14: models[0].pricing.output: Value error, must be a number from 0 to 10000 (USD per 1M tokens)"),
    ("negative-context", provider_with("value: 100000", "value: -1"),
     "input.yaml:10: models[0].context_window.value: Input should be greater than or equal to 0"),
    ("absurd-context", provider_with("value: 100000", "value: 1000000000000"),
     "input.yaml:10: models[0].context_window.value: Input should be less than or equal to 100000000"),
    ("infinite-speed", provider_with("output_tokens_per_s: 100", "output_tokens_per_s: .inf"),
     "input.yaml:15: models[0].performance.output_tokens_per_s: Input should be a finite number"),
    ("date-wrong-form", provider_with("value: 2026-01-01", "value: January 2026"),
     "input.yaml:9: models[0].release_date.value: Input should be a valid date or datetime, invalid character in "
     "year"),
    ("impossible-date", provider_with("read: 2026-01-01", "read: 2026-02-30"),
     "input.yaml:4: sources.docs.read: invalid date (day is out of range for month)"),
    ("unknown-key", provider_with("context_window:", "contxt_window:"),
     "input.yaml:10: models[0].contxt_window: unknown key (did you mean 'context_window'?) (and 1 more error)"),
    ("list-for-mapping", provider_with("pricing: {source: docs, input: 1.0, output: 2.0, cached_input: 0.5}",
                                       "pricing: [1.0, 2.0]"),
     "input.yaml:14: models[0].pricing: Input should be a valid dictionary or instance of Pricing"),
    ("models-as-mapping", "provider: x\nname: X\nmodels: {a: 1}\n",
     "input.yaml:3: models: Input should be a valid list"),
    ("bad-provider-id", provider_with("provider: hostileco", "provider: ../../etc"),
     "input.yaml:1: provider: String should match pattern '^[a-z0-9][a-z0-9._-]*$'"),
]


@pytest.mark.parametrize("content, message", [pytest.param(c, m, id=i) for i, c, m in WORKLOAD_CASES])
def test_hostile_workload_value(content: str, message: str) -> None:
    write("input.yaml", content)
    assert user_error(*READERS["workload"]) == message


@pytest.mark.parametrize("content, message", [pytest.param(c, m, id=i) for i, c, m in CONFIG_CASES])
def test_hostile_config_value(content: str, message: str) -> None:
    write("input.yaml", content)
    assert user_error(*READERS["config"]) == message


@pytest.mark.parametrize("content, message", [pytest.param(c, m, id=i) for i, c, m in REGISTRY_CASES])
def test_hostile_registry_value(content: str, message: str) -> None:
    write("input.yaml", content)
    assert user_error(*READERS["registry"]) == message


@pytest.mark.parametrize("option, value, message", [
    ("--cached-input-ratio", "nan", "--cached-input-ratio: Input should be a finite number"),
    ("--requests-per-day", "inf", "--requests-per-day: Input should be a finite number"),
    ("--input-tokens", "-1", "--input-tokens: Input should be greater than or equal to 0"),
    ("--cached-input-ratio", "2", "--cached-input-ratio: Input should be less than or equal to 1"),
    ("--as-of", "2026-02-30",
     "Invalid value for '--as-of': Value error, '2026-02-30' does not match the formats '%Y-%m-%d'."),
    ("--knowledge-after", "last year",
     "Invalid value for '--knowledge-after': Value error, 'last year' does not match the formats '%Y-%m-%d'."),
])
def test_hostile_option_value(option: str, value: str, message: str) -> None:
    assert user_error("recommend", option, value, "--format", "json") == message


def test_a_baseline_config_from_git_has_the_same_size_limit() -> None:
    """`check --baseline REF` reads the config through `git show`, not from a file: the limit still holds."""
    from modelpick.config import parse_config_text
    from modelpick.errors import InputError

    with pytest.raises(InputError) as caught:
        parse_config_text("#" * (1024 * 1024 + 1), "HEAD:modelpick.yaml")
    assert caught.value.message == "HEAD:modelpick.yaml: is 1.0 MiB, over the 1.0 MiB limit for a config file"
