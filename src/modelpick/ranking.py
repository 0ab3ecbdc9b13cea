"""Evaluate every registry entry against a workload: exclude with every reason, rank the rest.

Scores are 0..1, higher is better:
- quality: the task's benchmarks, each normalised min-max over the registry entries that report it (on the
  version most entries report, so index versions are never mixed), averaged with the task's weights over the
  benchmarks the entry has. No relevant benchmark: quality unknown, and the entry ranks after every entry
  whose quality is known (it is never scored as zero or as average).
- cost: 1 for the cheapest entry that fits, falling on a log scale to 0 at 100x its monthly cost.
- speed: estimated seconds per request (time to first token + generated tokens / output speed); 1 for the
  quickest entry that fits, falling on a log scale to 0 at 10x its time.
  Unknown speed is left out of that entry's weighting and said so.
The score is the weighted mean of the known scores with the task's balance, or the workload's `prefer`.
Ties break on monthly cost, then PROVIDER/MODEL, so the order is deterministic.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from modelpick import cost as cost_model
from modelpick.registry.loader import Entry, Registry, Tasks
from modelpick.registry.schema import TaskProfile
from modelpick.report import (
    ComparedEntry,
    Comparison,
    CostBreakdown,
    CostReport,
    CostResult,
    EntryResult,
    Excluded,
    Recommendation,
    Scores,
    TokenCounts,
    money_text,
)
from modelpick.rules import RuleContext, apply_rules
from modelpick.rules.lifecycle import status_on
from modelpick.workload import PREFER_WEIGHTS, Workload


@dataclass
class _Evaluation:
    entry: Entry
    estimate: cost_model.CostEstimate
    excluded: list[str]  # every hard rule it fails; empty when it fits
    warnings: list[str]
    reasons: list[str] | None = None  # why it ranks where it does
    quality: float | None = None
    quality_basis: dict[str, float] | None = None
    latency_s: float | None = None
    cost_score: float | None = None
    speed_score: float | None = None
    score: float | None = None
    rank: int | None = None
    main_reason: str | None = None


@dataclass(frozen=True)
class Context:
    workload: Workload
    task_id: str
    task: TaskProfile
    as_of: dt.date
    input_tokens: int
    output_tokens: int
    weights: dict[str, float]
    notes: list[str]


def resolve(workload: Workload, tasks: Tasks, as_of: dt.date) -> Context:
    """Fill what the workload leaves out from its task profile, and settle the weights."""
    task = tasks.get(workload.task)
    notes = []
    input_tokens, output_tokens = workload.input_tokens, workload.output_tokens
    if input_tokens is None:
        input_tokens = task.example.get("input_tokens", 1000)
        notes.append(f"input_tokens not given: {input_tokens:,} (typical for {workload.task})")
    if output_tokens is None:
        output_tokens = task.example.get("output_tokens", 200)
        notes.append(f"output_tokens not given: {output_tokens:,} (typical for {workload.task})")
    if isinstance(workload.prefer, str):
        weights = dict(task.balance) if workload.prefer == "balanced" else dict(PREFER_WEIGHTS[workload.prefer])
    else:
        weights = workload.prefer.model_dump()
    total = sum(weights.values())
    weights = {k: round(weights.get(k, 0) / total, 4) for k in ("quality", "cost", "speed")}
    return Context(workload, workload.task, task, as_of, input_tokens, output_tokens, weights, notes)


class BenchmarkScale:
    """Min-max normalisation of each benchmark over the registry, on one version per benchmark."""

    def __init__(self, registry: Registry) -> None:
        versions: dict[str, Counter[str | None]] = {}
        for entry in registry.entries:
            for key, bench in entry.model.benchmarks.items():
                versions.setdefault(key, Counter())[bench.version] += 1
        # The version most entries report; ties go to the lexically first for determinism.
        self.version = {k: sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0] for k, c in versions.items()}
        self.bounds: dict[str, tuple[float, float]] = {}
        for key in versions:
            values = [v for e in registry.entries if (v := self.value(e, key)) is not None]
            if len(values) >= 2 and max(values) > min(values):
                self.bounds[key] = (min(values), max(values))

    def value(self, entry: Entry, key: str) -> float | None:
        bench = entry.model.benchmarks.get(key)
        if bench is None:
            return None
        wanted = self.version.get(key)
        if bench.version == wanted:
            return bench.value
        for other in bench.others:
            if other.version == wanted and isinstance(other.value, (int, float)):
                return float(other.value)
        return None

    def normalised(self, entry: Entry, key: str) -> float | None:
        value = self.value(entry, key)
        if value is None or key not in self.bounds:
            return None
        low, high = self.bounds[key]
        return (value - low) / (high - low)

    def quality(self, entry: Entry, task: TaskProfile) -> tuple[float | None, dict[str, float]]:
        total = weight = 0.0
        basis: dict[str, float] = {}
        for key, w in task.benchmarks.items():
            norm = self.normalised(entry, key)
            if norm is None or w <= 0:
                continue
            basis[key] = self.value(entry, key)  # type: ignore[assignment]
            total += w * norm
            weight += w
        return (total / weight if weight else None), basis


# How far from the best an entry may be before its cost or speed score reaches 0: 100x the cheapest
# monthly cost, 10x the quickest request. Fixed ranges keep a score's meaning independent of which
# other entries happen to fit (a 2x dearer entry always loses the same share of its cost score).
COST_RANGE = 100.0
SPEED_RANGE = 10.0


def _relative_scores(values: dict[int, float], spread: float) -> dict[int, float]:
    """Lower is better: 1 for the best, falling on a log scale to 0 at `spread` times the best."""
    if not values:
        return {}
    floor = 1e-12
    best = max(min(values.values()), floor)
    return {k: max(0.0, 1.0 - math.log(max(v, floor) / best) / math.log(spread)) for k, v in values.items()}


def _latency(entry: Entry, generated: Decimal) -> float | None:
    perf = entry.model.performance
    if perf is None or perf.output_tokens_per_s is None:
        return None
    if entry.model.reasoning:
        # Measured time to first token of a reasoning model is mostly its thinking on the measurer's
        # prompts; this workload's reasoning tokens are already in `generated`, so don't count it twice.
        return float(generated) / perf.output_tokens_per_s
    return (perf.ttft_s or 0.0) + float(generated) / perf.output_tokens_per_s


def _evaluate_all(registry: Registry, ctx: Context) -> list[_Evaluation]:
    out = []
    for entry in registry.entries:
        estimate = cost_model.estimate(entry, ctx.workload, ctx.input_tokens, ctx.output_tokens, ctx.as_of)
        rule_ctx = RuleContext(ctx.workload, ctx.task_id, ctx.task, ctx.as_of, ctx.input_tokens,
                               ctx.output_tokens, estimate)
        findings = apply_rules(entry, rule_ctx)
        out.append(_Evaluation(entry, estimate, findings.reasons, estimate.warnings + findings.warnings))
    return out


def _score(evaluations: list[_Evaluation], scale: BenchmarkScale, ctx: Context) -> list[_Evaluation]:
    """Score and rank the entries that fit; returns them in rank order."""
    fitting = [e for e in evaluations if not e.excluded]
    for ev in fitting:
        ev.quality, ev.quality_basis = scale.quality(ev.entry, ctx.task)
        ev.latency_s = _latency(ev.entry, ev.estimate.tokens.output + ev.estimate.tokens.reasoning)
    cost_scores = _relative_scores({i: float(ev.estimate.per_request) for i, ev in enumerate(fitting)}, COST_RANGE)
    speed_scores = _relative_scores({i: ev.latency_s for i, ev in enumerate(fitting) if ev.latency_s is not None},
                                    SPEED_RANGE)
    cheapest = min((ev.estimate.per_month for ev in fitting), default=Decimal(0))
    for i, ev in enumerate(fitting):
        ev.cost_score = cost_scores[i]
        ev.speed_score = speed_scores.get(i)
        parts = {"quality": ev.quality, "cost": ev.cost_score, "speed": ev.speed_score}
        known = {k: v for k, v in parts.items() if v is not None and ctx.weights[k] > 0}
        weight = sum(ctx.weights[k] for k in known)
        ev.score = sum(ctx.weights[k] * v for k, v in known.items()) / weight if weight else 0.0
        ev.reasons = _explain(ev, ctx, cheapest, known)
    fitting.sort(key=lambda ev: (ev.quality is None, -round(ev.score or 0, 9), ev.estimate.per_month, ev.entry.key))
    for rank, ev in enumerate(fitting, 1):
        ev.rank = rank
    return fitting


def _explain(ev: _Evaluation, ctx: Context, cheapest: Decimal, known: dict[str, float]) -> list[str]:
    task = ctx.task_id
    if ev.quality is None:
        wanted = ", ".join(ctx.task.benchmarks)
        quality = f"quality unknown: no {task} benchmark ({wanted}) on record; ranked after known-quality entries"
    else:
        shown = ", ".join(f"{k} {v:g}" for k, v in list(ev.quality_basis.items())[:3])  # type: ignore[union-attr]
        more = len(ev.quality_basis or {}) - 3
        quality = f"quality {round(ev.quality, 4):.2f} for {task} ({shown}{f', +{more} more' if more > 0 else ''})"
    month = ev.estimate.per_month
    if month == cheapest:
        cost = f"{money_text(month)}/month, the cheapest that fits"
    else:
        ratio = month / cheapest if cheapest else Decimal(0)
        cost = f"{money_text(month)}/month, {ratio:.1f}x the cheapest that fits" if cheapest else f"{money_text(month)}/month"
    if ev.latency_s is None:
        speed = "speed unknown: not weighed"
    else:
        perf = ev.entry.model.performance
        ttft = (f", {perf.ttft_s:g} s to first token" if perf and perf.ttft_s is not None
                and not ev.entry.model.reasoning else "")
        speed = f"~{ev.latency_s:.1f} s per request ({perf.output_tokens_per_s:g} tokens/s{ttft})"  # type: ignore[union-attr]
    lines = {"quality": quality, "cost": cost, "speed": speed}
    # Lead with what contributes most to this entry's score.
    order = sorted(lines, key=lambda k: -(ctx.weights[k] * known.get(k, -1)))
    if ev.quality is None:
        order = ["quality", *[k for k in order if k != "quality"]]
    return [lines[k] for k in order]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _cost_report(est: cost_model.CostEstimate) -> CostReport:
    t = est.tokens
    prices = {k: v for k, v in est.prices.model_dump().items() if v is not None and isinstance(v, Decimal)}
    return CostReport(
        per_request=est.per_request, per_day=est.per_day, per_month=est.per_month,
        breakdown=CostBreakdown(**est.breakdown), batch=est.batch, tier=est.tier,
        tokens=TokenCounts(input=int(t.input), cached_input=int(t.cached_input), cache_write=int(t.cache_write),
                           output=int(t.output), reasoning=int(t.reasoning)),
        prices=prices, requests_per_day=est.requests_per_day, requests_per_month=est.requests_per_month,
    )


def _entry_fields(ev: _Evaluation, ctx: Context) -> dict[str, Any]:
    perf = ev.entry.model.performance
    return dict(
        rank=ev.rank, model=ev.entry.id, provider=ev.entry.provider, name=ev.entry.model.name,
        score=_round(ev.score) if ev.rank else None,
        scores=Scores(quality=_round(ev.quality), cost=_round(ev.cost_score), speed=_round(ev.speed_score)),
        cost=_cost_report(ev.estimate), reasons=ev.reasons or ev.excluded, warnings=ev.warnings,
        quality_basis=ev.quality_basis or {}, context_window=ev.entry.model.context_window.value,
        output_tokens_per_s=perf.output_tokens_per_s if perf else None, ttft_s=perf.ttft_s if perf else None,
        lifecycle=status_on(ev.entry, ctx.as_of)[0],
    )


def workload_echo(ctx: Context) -> dict[str, Any]:
    data = ctx.workload.model_dump(mode="json")
    data.update(input_tokens=ctx.input_tokens, output_tokens=ctx.output_tokens)
    return data


def evaluate(registry: Registry, ctx: Context, scale: BenchmarkScale | None = None) -> list[_Evaluation]:
    """Every entry, excluded with its reasons or scored and ranked. `scale` may be shared between calls on
    one registry (check evaluates one workload after another)."""
    evaluations = _evaluate_all(registry, ctx)
    _score(evaluations, scale or BenchmarkScale(registry), ctx)
    return evaluations


def recommend(registry: Registry, ctx: Context, top: int | None = None) -> Recommendation:
    evaluations = evaluate(registry, ctx)
    ranked = sorted((e for e in evaluations if e.rank), key=lambda e: e.rank or 0)
    if top is not None:
        ranked = ranked[:top]
    excluded = [Excluded(model=e.entry.id, provider=e.entry.provider, name=e.entry.model.name, reasons=e.excluded)
                for e in evaluations if e.excluded]
    return Recommendation(as_of=ctx.as_of, workload=workload_echo(ctx), task=ctx.task_id, weights=ctx.weights,
                          notes=ctx.notes, ranking=[EntryResult(**_entry_fields(e, ctx)) for e in ranked], excluded=excluded)


def compare(registry: Registry, ctx: Context, entries: list[Entry]) -> Comparison:
    by_key = {e.entry.key: e for e in evaluate(registry, ctx)}
    models = [ComparedEntry(**_entry_fields(by_key[e.key], ctx), fits=not by_key[e.key].excluded)
              for e in entries]
    return Comparison(as_of=ctx.as_of, workload=workload_echo(ctx), task=ctx.task_id, weights=ctx.weights,
                      notes=ctx.notes, models=models)


def cost(registry: Registry, ctx: Context, entry: Entry) -> CostResult:
    ev = next(e for e in evaluate(registry, ctx) if e.entry.key == entry.key)
    return CostResult(**_entry_fields(ev, ctx), fits=not ev.excluded, as_of=ctx.as_of,
                      workload=workload_echo(ctx), task=ctx.task_id, notes=ctx.notes)
