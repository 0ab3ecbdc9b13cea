"""Batched evaluation (batch.py): `check` over many workloads shares one Batch, and gives exactly what
evaluating each workload alone gives; the memoised quality and rule outcomes equal the direct computations."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import pytest

from modelpick import ranking
from modelpick.batch import Batch
from modelpick.config import parse_config_text
from modelpick.gate import run_check
from modelpick.registry.loader import Registry, Tasks, load_registry
from modelpick.rules import RULES, STATIC_RULES, apply_rules, features, lifecycle, quality
from modelpick.workload import Workload, resolve

AS_OF = dt.date(2026, 11, 21)
TASKS = ["classification", "extraction", "chat", "coding", "agentic", "reasoning", "long-context", "vision",
         "summarization"]
# Bundled names: first-party and hosted, aliases and snapshots, retired (gpt-3.5-turbo, o3-mini), two unknown.
MODELS = ["openai/gpt-4.1-nano", "gpt-4.1-nano-2025-04-14", "gpt-4.1-mini", "gpt-5-nano", "gpt-5", "o3",
          "gpt-3.5-turbo", "o3-mini", "claude-haiku-4-5", "claude-sonnet-4-5", "gemini-2.5-flash",
          "gemini-2.5-pro", "groq/openai/gpt-oss-20b", "deepseek-v4-flash", "glm-5", "gpt-4.2-nano", "claude-haiku-9"]


@pytest.fixture(scope="module")
def bundled() -> Registry:
    return load_registry()


def _workload(rng: random.Random, index: int) -> dict[str, Any]:
    w: dict[str, Any] = {"name": f"w{index}", "model": MODELS[index % len(MODELS)], "task": rng.choice(TASKS),
                         "input_tokens": rng.choice([300, 800, 4_000, 4_000, 150_000, 900_000]),
                         "output_tokens": rng.choice([20, 800, 30_000])}
    if index % 7 == 3:
        w["input_tokens"] = {"p50": 2_000, "p95": 9_000}
    if index % 5 == 1:
        w["reasoning_effort"] = rng.choice(["none", "low", "high"])
    if index % 6 == 2:
        w["reasoning_tokens"] = 500
    if index % 4 == 0:
        w["requires"] = {"features": ["tool_calling"], "max_monthly_cost_usd": 3_000}
    elif index % 4 == 1:
        w["requires"] = {"input_modalities": ["text", "image"], "include_deprecated": True,
                         "min_quality": {"mmlu": 80}}
    elif index % 8 == 2:
        w["requires"] = {"providers": ["openai", "groq"], "knowledge_after": "2024-06-01", "max_ttft_s": 2}
    w["policy"] = {"max_rank": rng.choice([1, 40, None]), "require_snapshot": index % 9 == 0,
                   "max_monthly_cost_usd": rng.choice([None, None, None, 50]),
                   "max_cost_increase": 0.1 if index % 4 == 2 else None,
                   "max_cost_ratio": 1.5 if index % 3 == 1 else None}
    if index % 10 == 5:
        w["batch"] = True
    if index % 3 == 0:
        w["prefer"] = rng.choice(["cost", "quality", "speed"])
    return w


def _config_text(count: int, seed: int) -> str:
    rng = random.Random(seed)
    items = [_workload(rng, i) for i in range(count)]
    return json.dumps({"defaults": {"requests_per_day": 2000}, "workloads": items})  # JSON is YAML


def _alone(text: str, index: int) -> str:
    data = json.loads(text)
    data["workloads"] = [data["workloads"][index]]
    return json.dumps(data)


def test_batched_check_equals_each_workload_alone(bundled: Registry, tasks: Tasks) -> None:
    text, baseline_text = _config_text(30, 15), _config_text(30, 16)
    config, baseline = parse_config_text(text, "modelpick.yaml"), parse_config_text(baseline_text, "HEAD:m.yaml")
    batched = run_check(config, bundled, tasks, AS_OF, baseline=baseline)
    statuses = {r.status for r in batched.results}
    rules = {f.rule for r in batched.results for f in r.findings}
    assert statuses == {"pass", "warn", "fail"}, statuses  # a varied config
    assert {"unknown-model", "retired", "retiring", "constraint", "budget", "rank", "unpinned", "cost-increase",
            "best-alternative"} <= rules, rules
    for index, result in enumerate(batched.results):
        alone = run_check(parse_config_text(_alone(text, index), "modelpick.yaml"), bundled, tasks, AS_OF,
                          baseline=parse_config_text(_alone(baseline_text, index), "HEAD:m.yaml"))
        assert result.model_dump_json() == alone.results[0].model_dump_json()
    # And the whole document, against a run without a baseline: the same workloads, the same order.
    assert [r.name for r in run_check(config, bundled, tasks, AS_OF).results] == [r.name for r in batched.results]


def _facts(ev: ranking.Evaluation) -> tuple[Any, ...]:
    return (ev.entry.key, ev.excluded, ev.warnings, ev.rank, ev.score, ev.cost_score, ev.speed_score, ev.quality,
            ev.latency_s, ev.speed_basis, ev.hidden, ev.estimate)


def test_batched_evaluations_equal_unbatched(bundled: Registry, tasks: Tasks) -> None:
    """Every entry of every workload: the same exclusions, warnings, ranks, scores, costs (Decimal, exact) and
    quality as a fresh evaluation; reasons only where asked for."""
    config = parse_config_text(_config_text(30, 15), "modelpick.yaml")
    batch = Batch(bundled)
    for item in config.workloads:
        ctx = resolve(item.workload, tasks, AS_OF)
        plain = ranking.evaluate(bundled, ctx)
        for explain in (False, True):
            batched = ranking.evaluate(bundled, ctx, batch=batch, explain=explain)
            assert [_facts(e) for e in batched] == [_facts(e) for e in plain]
            assert [e.reasons for e in batched] == [e.reasons if explain else None for e in plain]


def test_memoised_quality_equals_the_direct_computation(bundled: Registry, tasks: Tasks) -> None:
    batch = Batch(bundled)
    checked = 0
    for task_id in tasks.profiles:
        ctx = resolve(Workload(task=task_id), tasks, AS_OF)
        for entry in bundled.entries:
            for effort in (None, "minimal", "low", "medium", "high"):
                memo = ranking.batch_quality(batch, entry, ctx, effort)
                again = ranking.batch_quality(batch, entry, ctx, effort)  # from the memo
                assert memo == again == ranking.quality(entry, ctx, effort)
                checked += memo is not None
    assert checked > 1000


def test_rule_outcomes_are_keyed_by_what_each_rule_reads(bundled: Registry, fixture_registry: Registry,
                                                        tasks: Tasks) -> None:
    """Workloads that differ from a base only in requires (or only in task, or only in date) get each their
    own outcomes from one batch, equal to running the rules directly, and different from the base's."""
    day = dt.date(2025, 6, 1)
    cases = [(bundled, "openai/gpt-4.1-nano", ({}, "chat", day), [
        ({"features": ["reasoning"]}, "chat", day),
        ({"input_modalities": ["audio"]}, "chat", day),
        ({"providers": ["groq"]}, "chat", day),
        ({"exclude_providers": ["openai"]}, "chat", day),
        ({"open_weights": True}, "chat", day),
        ({"knowledge_after": "2030-01-01"}, "chat", day),
        ({"min_quality": {"mmlu": 99}}, "chat", day),
        ({"max_ttft_s": 0.01}, "chat", day),
        ({"min_output_tokens_per_s": 10_000}, "chat", day),
        ({}, "agentic", day),  # the agentic floor
        ({}, "chat", dt.date(2099, 1, 1)),  # retired by then
    ]), (fixture_registry, "acme/acme-old", ({}, "chat", day), [({"include_deprecated": True}, "chat", day)])]
    for registry, name, base, variants in cases:
        batch = Batch(registry)
        entry = registry.get(name)
        outcomes = []
        for requires, task, as_of in [base, *variants]:
            ctx = resolve(Workload(task=task, requires=requires), tasks, as_of)
            cost = ranking.estimate(registry, ctx, entry)
            direct = apply_rules(entry, ctx, cost)
            for _ in range(2):  # computed, then from the batch
                found = batch.apply_rules(entry, ctx, cost)
                assert (found.reasons, found.warnings) == (direct.reasons, direct.warnings)
            outcomes.append((direct.reasons, direct.warnings))
        assert all(outcome != outcomes[0] for outcome in outcomes[1:]), outcomes


def test_static_rules_are_the_rules_that_read_neither_tokens_nor_cost() -> None:
    assert set(STATIC_RULES) == set(RULES) - {r for r in RULES if r.__module__.endswith((".context", ".budget"))}
    assert STATIC_RULES[features.check] is features.reads
    assert STATIC_RULES[lifecycle.check] is lifecycle.reads and STATIC_RULES[quality.check] is quality.reads


def test_evaluation_for_a_chosen_entry_leaves_out_only_statically_excluded_entries(bundled: Registry,
                                                                                   tasks: Tasks) -> None:
    """evaluate(chosen=...) with a batch (what check runs): the chosen entry and every entry no static rule
    excludes, each exactly as in a full evaluation (ranks, scores, costs); only entries a static rule excludes
    are left out."""
    config = parse_config_text(_config_text(30, 17), "modelpick.yaml")
    batch = Batch(bundled)
    left_out = 0
    for item in config.workloads:
        ctx = resolve(item.workload, tasks, AS_OF)
        full = {e.entry.key: e for e in ranking.evaluate(bundled, ctx, explain=False)}
        excluded = next((e.entry for e in full.values() if e.excluded), bundled.entries[-1])
        for chosen in (bundled.entries[0], excluded):
            kept = {e.entry.key: e for e in ranking.evaluate(bundled, ctx, batch=batch, explain=False,
                                                             chosen=chosen)}
            assert chosen.key in kept
            assert [_facts(e) for e in kept.values()] == [_facts(full[key]) for key in kept]
            missing = [e for key, e in full.items() if key not in kept]
            assert all(e.excluded and batch.excluded(e.entry, ctx) for e in missing)
            left_out += len(missing)
    assert left_out > 100, left_out
