"""Evaluate every registry entry against a workload: exclude with every reason, rank the rest.

Scores are 0..1, higher is better:
- quality: each of the task's benchmarks maps to 0..1 on its fixed scale (data/tasks.yaml: the benchmark's
  own 0-100 %, or fixed reference points per benchmark and version), and the task's weights average those
  the entry has. So an entry's quality never moves because another entry was added, removed or changed.
  Evidence covering less than THIN_EVIDENCE of the task's benchmark weight is thin: the quality used for
  ranking is scaled by coverage / THIN_EVIDENCE, and the entry says so. No relevant benchmark: quality
  unknown, and the entry ranks after every entry whose quality is known (never scored as zero or average).
- cost: 1 for the cheapest entry that fits, falling on a log scale to 0 at 100x its monthly cost.
- speed: seconds per request = time to the first answer token (thinking at the assumed effort included) +
  visible output tokens / output speed; 1 for the quickest entry that fits, falling on a log scale to 0 at
  10x its time. An entry whose speed is unknown is scored as the slowest known entry, and says so.
The score is the weighted mean of the scores with the task's balance, or the workload's `prefer`.
An entry that a source says shuts down within SHUTDOWN_SOON_DAYS ranks after those that do not (its row says
when). Ties break on monthly cost, then PROVIDER/MODEL, so the order is deterministic.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from modelpick import cost_model, distribution
from modelpick import reasoning as hidden_reasoning
from modelpick.effort import EFFORTS
from modelpick.registry.lifecycle import standing, status_on
from modelpick.registry.loader import Entry, Registry
from modelpick.registry.schema import BenchmarkInfo
from modelpick.report import (
    ComparedEntry,
    Comparison,
    CostBreakdown,
    CostReport,
    CostResult,
    EntryResult,
    Excluded,
    QualityEvidence,
    ReasoningAssumed,
    Recommendation,
    Scores,
    Speed,
    TokenCounts,
    money_text,
)
from modelpick.report.evaluation import (
    EXPECTED,
    P95_MONTH,
    P95_REQUEST,
    CostP95,
    OverflowShare,
    TierShare,
    TokenDistributions,
    TokenFit,
)
from modelpick.rules import apply_rules
from modelpick.workload import ResolvedWorkload

if TYPE_CHECKING:
    from modelpick.batch import Batch

# Below this share of the task's benchmark weight, evidence is thin (see the module docstring).
THIN_EVIDENCE = 0.5


@dataclass(frozen=True)
class Quality:
    value: float  # for ranking: `unadjusted`, scaled down when the evidence is thin
    unadjusted: float
    basis: dict[str, float]  # benchmark key -> the entry's value
    coverage: float
    thin: bool
    effort: str | None = None  # the effort the scores were measured at, where some were measured per effort


@dataclass
class Evaluation:
    entry: Entry
    hidden: hidden_reasoning.HiddenTokens
    estimate: cost_model.CostEstimate
    excluded: list[str]  # every hard rule it fails; empty when it fits
    warnings: list[str]
    reasons: list[str] | None = None  # why it ranks where it does
    quality: Quality | None = None
    latency_s: float | None = None
    speed_basis: str = ""
    cost_score: float | None = None
    speed_score: float | None = None
    score: float | None = None
    rank: int | None = None


def benchmark_value(entry: Entry, key: str, info: BenchmarkInfo) -> float | None:
    """The entry's value of a benchmark on the version its scale holds for (data/tasks.yaml)."""
    bench = entry.model.benchmarks.get(key)
    if bench is None:
        return None
    if info.version is None or bench.version == info.version:
        return bench.value
    for other in bench.others:
        if other.version == info.version and isinstance(other.value, (int, float)):
            return float(other.value)
    return None


def on_scale(value: float, info: BenchmarkInfo) -> float:
    """A benchmark value as 0..1 on the benchmark's fixed scale, clipped at its reference points."""
    return min(1.0, max(0.0, (value - info.low) / (info.high - info.low)))


def quality(entry: Entry, ctx: ResolvedWorkload, effort: str | None = None) -> Quality | None:
    """The entry's quality for the task. A score measured at the assumed `effort` (AA runs each effort as its
    own row) beats the entry's main score. `Quality.effort` names the effort the scores were measured at
    where the registry knows it: the assumed one, or another when only that was measured."""
    efforts = entry.model.reasoning_efforts
    measured = efforts.measured if efforts else {}
    total = weight = 0.0
    basis: dict[str, float] = {}
    at: set[str] = set()
    for key, w in ctx.task.benchmarks.items():
        info = ctx.benchmarks[key]
        value = benchmark_value(entry, key, info)
        on_version = {e: m.benchmarks[key] for e, m in measured.items()
                      if key in m.benchmarks and info.version in (None, m.version)}
        if effort in on_version:
            value = on_version[effort]  # type: ignore[index]
        if value is None or w <= 0:
            continue
        at |= {e for e, v in on_version.items() if v == value}
        basis[key] = value
        total += w * on_scale(value, info)
        weight += w
    if not weight:
        return None
    coverage = weight / sum(w for w in ctx.task.benchmarks.values() if w > 0)
    unadjusted = total / weight
    thin = coverage < THIN_EVIDENCE
    value = unadjusted * coverage / THIN_EVIDENCE if thin else unadjusted
    measured_at = effort if effort in at else ", ".join(sorted(at, key=EFFORTS.index)) or None
    return Quality(value, unadjusted, basis, coverage, thin, measured_at)


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


def speed_figures(entry: Entry, effort: str | None) -> tuple[float | None, float | None, str]:
    """What `latency` reads of an entry at an effort: (output tokens per second, the time to the first token
    without thinking, that time as text); a speed of None is unknown."""
    perf = entry.model.performance
    efforts = entry.model.reasoning_efforts
    measured = efforts.measured if efforts else {}
    at_effort = measured.get(effort) if effort else None  # type: ignore[call-overload]
    speed = (at_effort.output_tokens_per_s if at_effort and at_effort.output_tokens_per_s else None) or \
        (perf.output_tokens_per_s if perf else None)
    if speed is None:
        return None, None, "speed unknown"
    plain = [m.ttft_s for e, m in measured.items() if e in hidden_reasoning.NO_THINKING and m.ttft_s is not None]
    if plain:
        start: float | None = min(plain)
    else:
        start = perf.ttft_s if perf and not entry.model.reasoning else None
    first = f"first token after {start:.3g} s" if start is not None else "time to first token unknown, counted as 0"
    return speed, start, first


def latency(entry: Entry, hidden: hidden_reasoning.HiddenTokens, output_tokens: int,
            figures: tuple[float | None, float | None, str] | None = None) -> tuple[float | None, str]:
    """Seconds per request = time to the first answer token + output tokens / output speed.

    The time to the first answer token is the time to first token without thinking (measured at effort none
    or minimal, or the entry's own when it does not reason) + this workload's hidden tokens / output speed:
    the same hidden tokens the cost counts. A time measured at a thinking effort is not used, since it is
    the thinking on the measurer's prompts, not on this workload. Output speed is the one measured at the
    assumed effort where there is one. `figures`: `speed_figures` at the hidden tokens' effort, when known."""
    speed, start, first = figures or speed_figures(entry, hidden.effort)
    if speed is None:
        return None, first
    writing = output_tokens / speed
    if not entry.model.reasoning or not hidden.tokens:
        return (start or 0.0) + writing, first
    thinking = float(hidden.tokens) / speed
    return (start or 0.0) + thinking + writing, f"{first}, then {int(hidden.tokens):,} hidden tokens at {speed:.3g}/s"


def _estimate(entry: Entry, ctx: ResolvedWorkload, figures: hidden_reasoning.ReasoningFigures
              ) -> tuple[hidden_reasoning.HiddenTokens, cost_model.CostEstimate]:
    hidden = hidden_reasoning.assume(entry, ctx.workload, ctx.task_id, ctx.task, ctx.output_tokens, figures)
    if ctx.fits:
        return hidden, cost_model.expected(entry, ctx.workload, request_tokens(ctx, hidden), ctx.as_of)
    return hidden, cost_model.estimate(entry, ctx.workload, ctx.input_tokens, ctx.output_tokens, ctx.as_of,
                                       reasoning=hidden.tokens)


def request_tokens(ctx: ResolvedWorkload, hidden: hidden_reasoning.HiddenTokens) -> distribution.RequestTokens:
    """One entry's tokens per request as distributions: the workload's fits, a plain count as a constant."""
    def fit(key: str) -> distribution.LogNormal | None:
        return ctx.fits.get(key) or distribution.constant(getattr(ctx, key))

    output = fit("output_tokens")
    return distribution.RequestTokens(fit("input_tokens"), output,
                                      hidden_reasoning.fitted(hidden, output, ctx.fits.get("reasoning_tokens")))


def estimate(registry: Registry, ctx: ResolvedWorkload, entry: Entry, *, batch: Batch | None = None
             ) -> cost_model.CostEstimate:
    """One entry's cost on the workload, its hidden reasoning assumed as `evaluate` assumes it."""
    return _estimate(entry, ctx, batch.figures if batch else hidden_reasoning.ReasoningFigures(registry))[1]


def _evaluate_all(registry: Registry, ctx: ResolvedWorkload, batch: Batch | None,
                  chosen: Entry | None = None) -> list[Evaluation]:
    figures = batch.figures if batch else hidden_reasoning.ReasoningFigures(registry)
    out = []
    for entry in registry.entries:
        if batch and chosen and entry is not chosen and batch.excluded(entry, ctx):
            continue
        hidden, estimate = _estimate(entry, ctx, figures)
        findings = batch.apply_rules(entry, ctx, estimate) if batch else apply_rules(entry, ctx, estimate)
        warnings = [w for w in (hidden.warning,) if w] + estimate.warnings + findings.warnings
        out.append(Evaluation(entry, hidden, estimate, findings.reasons, warnings))
    return out


def batch_quality(batch: Batch | None, entry: Entry, ctx: ResolvedWorkload, effort: str | None) -> Quality | None:
    """`quality`, once per (entry, task, effort) in a batch."""
    if batch is None:
        return quality(entry, ctx, effort)
    return batch.once(("quality", entry.key, batch.task_key(ctx), effort), lambda: quality(entry, ctx, effort))


def _shuts_down_soon(batch: Batch | None, entry: Entry, as_of: dt.date) -> bool:
    if batch is None:
        return shuts_down_soon(entry, as_of)
    return batch.once(("shuts_down_soon", entry.key, as_of), lambda: shuts_down_soon(entry, as_of))


def _speed_figures(batch: Batch | None, entry: Entry, effort: str | None
                   ) -> tuple[float | None, float | None, str]:
    """`speed_figures`, once per (entry, effort) in a batch."""
    if batch is None:
        return speed_figures(entry, effort)
    return batch.once(("speed", entry.key, effort), lambda: speed_figures(entry, effort))


def _score(evaluations: list[Evaluation], ctx: ResolvedWorkload, batch: Batch | None = None,
           explain: bool = True) -> list[Evaluation]:
    """Score and rank the entries that fit; returns them in rank order. `explain`: say why (`reasons`)."""
    fitting = [e for e in evaluations if not e.excluded]
    for ev in fitting:
        ev.quality = batch_quality(batch, ev.entry, ctx, ev.hidden.effort)
        if ev.quality and ev.quality.effort and ev.hidden.effort and ev.quality.effort != ev.hidden.effort:
            ev.warnings.append(f"quality rests on scores measured at {ev.quality.effort} effort, none at "
                               f"{ev.hidden.effort} (assumed); --reasoning-effort chooses")
        ev.latency_s, ev.speed_basis = latency(ev.entry, ev.hidden, ctx.output_tokens,
                                               _speed_figures(batch, ev.entry, ev.hidden.effort))
    cost_scores = _relative_scores({i: float(ev.estimate.per_request) for i, ev in enumerate(fitting)}, COST_RANGE)
    speed_scores = _relative_scores({i: ev.latency_s for i, ev in enumerate(fitting) if ev.latency_s is not None},
                                    SPEED_RANGE)
    slowest = min(speed_scores.values(), default=None)
    cheapest = min((ev.estimate.per_month for ev in fitting), default=Decimal(0))
    for i, ev in enumerate(fitting):
        ev.cost_score = cost_scores[i]
        ev.speed_score = speed_scores.get(i, slowest)  # unknown speed gains nothing: scored as the slowest known
        parts = {"quality": ev.quality.value if ev.quality else None, "cost": ev.cost_score,
                 "speed": ev.speed_score}
        known = {k: v for k, v in parts.items() if v is not None and ctx.weights[k] > 0}
        weight = sum(ctx.weights[k] for k in known)
        ev.score = sum(ctx.weights[k] * v for k, v in known.items()) / weight if weight else 0.0
        if explain:
            ev.reasons = _explain(ev, ctx, cheapest, known)
    soon = {id(ev) for ev in fitting if _shuts_down_soon(batch, ev.entry, ctx.as_of)}
    fitting.sort(key=lambda ev: (ev.quality is None, id(ev) in soon, -round(ev.score or 0, 9), ev.estimate.per_month,
                                 ev.entry.key))
    for rank, ev in enumerate(fitting, 1):
        ev.rank = rank
    return fitting


# An entry that a source says shuts down within this many days ranks after every entry that does not (among
# those of known quality): a pick that stops working next month is no pick, however cheap.
SHUTDOWN_SOON_DAYS = 30


def shuts_down_soon(entry: Entry, as_of: dt.date) -> bool:
    horizon = as_of + dt.timedelta(days=SHUTDOWN_SOON_DAYS)
    return any(as_of < day <= horizon for _, day in standing(entry, as_of).shutdowns)


def _quality_text(q: Quality, ctx: ResolvedWorkload) -> str:
    shown = ", ".join(f"{k} {v:g}{'%' if '%' in ctx.benchmarks[k].scale else ''}" for k, v in list(q.basis.items())[:3])
    more = len(q.basis) - 3
    thin = f"; thin evidence, ranked as {q.value:.2f}" if q.thin else ""
    at = f" at {q.effort}" if q.effort else ""
    return (f"quality {q.unadjusted:.2f} for {ctx.task_id}{at} from {shown}{f', +{more} more' if more > 0 else ''} "
            f"({q.coverage:.0%} of its benchmark weight{thin})")


def _explain(ev: Evaluation, ctx: ResolvedWorkload, cheapest: Decimal, known: dict[str, float]) -> list[str]:
    task = ctx.task_id
    if ev.quality is None:
        wanted = ", ".join(ctx.task.benchmarks)
        quality_line = f"quality unknown: no {task} benchmark ({wanted}) on record; ranked after known-quality entries"
    else:
        quality_line = _quality_text(ev.quality, ctx)
    month = ev.estimate.per_month
    if month == cheapest:
        cost = f"{money_text(month)}/month, the cheapest that fits"
    else:
        ratio = month / cheapest if cheapest else Decimal(0)
        cost = f"{money_text(month)}/month, {ratio:.1f}x the cheapest that fits" if cheapest else f"{money_text(month)}/month"
    if ev.latency_s is None:
        speed = "speed unknown: scored as the slowest known entry"
    else:
        speed = f"~{ev.latency_s:.1f} s per request ({ev.speed_basis})"
    lines = {"quality": quality_line, "cost": cost, "speed": speed}
    # Lead with what contributes most to this entry's score.
    order = sorted(lines, key=lambda k: -(ctx.weights[k] * known.get(k, -1)))
    if ev.quality is None:
        order = ["quality", *[k for k in order if k != "quality"]]
    return [lines[k] for k in order]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _cost_report(est: cost_model.CostEstimate, ctx: ResolvedWorkload | None = None) -> CostReport:
    t = est.tokens
    prices = {k: v for k, v in est.prices.model_dump().items() if v is not None and isinstance(v, Decimal)}
    extra = {} if est.spread is None or ctx is None else spread_fields(est.spread, ctx)
    return CostReport(
        per_request=est.per_request, per_day=est.per_day, per_month=est.per_month,
        breakdown=CostBreakdown(**est.breakdown), batch=est.batch, service_tier=est.service_tier, tier=est.tier,
        tokens=TokenCounts(input=round(t.input), cached_input=round(t.cached_input),
                           cache_write=round(t.cache_write), output=round(t.output), reasoning=round(t.reasoning),
                           distribution=extra.pop("distribution", None)),
        prices=prices, requests_per_day=est.requests_per_day, requests_per_month=est.requests_per_month, **extra,
    )


def _fit(fit: distribution.LogNormal | None, given: Any) -> TokenFit | None:
    if fit is None:
        return None
    return TokenFit(given=given.model_dump() if given is not None and not isinstance(given, int) else None,
                    mean=round(fit.mean, 2), p50=round(fit.median, 2), p95=round(fit.p95, 2), mu=round(fit.mu, 6),
                    sigma=round(fit.sigma, 6))


def spread_fields(spread: cost_model.Spread, ctx: ResolvedWorkload) -> dict[str, Any]:
    """The CostReport fields of a distribution workload: the fits, p95 figures, tier and overflow shares."""
    fits = spread.fits or distribution.RequestTokens(None, None, None)
    w = ctx.workload
    t = spread.p95_tokens
    return dict(
        distribution=TokenDistributions(
            input=_fit(fits.input, w.input_tokens if "input_tokens" in ctx.fits else None),
            output=_fit(fits.output, w.output_tokens if "output_tokens" in ctx.fits else None),
            reasoning=_fit(fits.reasoning, w.reasoning_tokens), basis=EXPECTED),
        derived=EXPECTED,
        p95=CostP95(per_request=spread.p95_per_request, per_day=spread.p95_per_day, per_month=spread.p95_per_month,
                    tokens={"input": round(t.input), "output": round(t.output), "reasoning": round(t.reasoning)},
                    tier=spread.p95_tier, sd_per_request=spread.sd_per_request,
                    definition=f"per request: {P95_REQUEST}; per month: {P95_MONTH}"),
        tier_shares=[TierShare(tier=name, above_input_tokens=spread.tiers_above[name], share=round(share, 6))
                     for name, share in spread.tier_shares.items()],
        overflow_share=OverflowShare(context_window=round(spread.over_window, 6),
                                     max_output=round(spread.over_max_output, 6)))


def assumed_reasoning(h: hidden_reasoning.HiddenTokens) -> ReasoningAssumed:
    return ReasoningAssumed(
        effort=h.effort, effort_basis=h.effort_basis, hidden_tokens=int(h.tokens), kind=h.kind, basis=h.basis,
        per_output_token=None if h.per_output_token is None else round(float(h.per_output_token), 4))


def _entry_fields(ev: Evaluation, ctx: ResolvedWorkload) -> dict[str, Any]:
    perf = ev.entry.model.performance
    q, h = ev.quality, ev.hidden
    if ev.excluded and not ev.speed_basis:  # excluded entries are not scored, but still say their speed
        ev.latency_s, ev.speed_basis = latency(ev.entry, h, ctx.output_tokens)
    return dict(
        rank=ev.rank, model=ev.entry.id, provider=ev.entry.provider, name=ev.entry.model.name,
        score=_round(ev.score) if ev.rank else None,
        scores=Scores(quality=_round(q.value) if q else None, cost=_round(ev.cost_score),
                      speed=_round(ev.speed_score)),
        cost=_cost_report(ev.estimate, ctx), reasons=ev.reasons or ev.excluded, warnings=ev.warnings,
        quality_basis=q.basis if q else {}, context_window=ev.entry.model.context_window.value,
        output_tokens_per_s=perf.output_tokens_per_s if perf else None, ttft_s=perf.ttft_s if perf else None,
        lifecycle=status_on(ev.entry, ctx.as_of)[0],
        reasoning=assumed_reasoning(h),
        quality_evidence=None if q is None else QualityEvidence(
            benchmarks=q.basis, coverage=round(q.coverage, 4), thin=q.thin, unadjusted=round(q.unadjusted, 4),
            effort=q.effort),
        speed=Speed(seconds_per_request=_round(ev.latency_s), basis=ev.speed_basis),
    )


def workload_echo(ctx: ResolvedWorkload) -> dict[str, Any]:
    """The workload as evaluated: its keys, with the token counts resolved (a distribution as given)."""
    data = ctx.workload.model_dump(mode="json")
    data.update({k: getattr(ctx, k) for k in ("input_tokens", "output_tokens") if k not in ctx.fits})
    return data


def evaluate(registry: Registry, ctx: ResolvedWorkload, *, batch: Batch | None = None,
             explain: bool = True, chosen: Entry | None = None) -> list[Evaluation]:
    """Every entry, excluded with its reasons or scored and ranked. With a `batch` (one per run over many
    workloads), what does not depend on this workload's numbers is computed once (batch.py); without
    `explain`, the ranked entries' `reasons` are left None (for callers that never show them). With a batch
    and a `chosen` entry, the other entries a static rule excludes are left out, never costed (for callers
    that read only the ranked entries and the chosen one: the ranks are the same)."""
    evaluations = _evaluate_all(registry, ctx, batch, chosen)
    _score(evaluations, ctx, batch, explain)
    return evaluations


def recommend(registry: Registry, ctx: ResolvedWorkload, top: int | None = None) -> Recommendation:
    evaluations = evaluate(registry, ctx)
    ranked = sorted((e for e in evaluations if e.rank), key=lambda e: e.rank or 0)
    if top is not None:
        ranked = ranked[:top]
    excluded = [Excluded(model=e.entry.id, provider=e.entry.provider, name=e.entry.model.name, reasons=e.excluded)
                for e in evaluations if e.excluded]
    return Recommendation(as_of=ctx.as_of, workload=workload_echo(ctx), task=ctx.task_id, weights=ctx.weights,
                          notes=ctx.notes, ranking=[EntryResult(**_entry_fields(e, ctx)) for e in ranked], excluded=excluded)


def compare(registry: Registry, ctx: ResolvedWorkload, entries: list[Entry]) -> Comparison:
    by_key = {e.entry.key: e for e in evaluate(registry, ctx)}
    models = [ComparedEntry(**_entry_fields(by_key[e.key], ctx), fits=not by_key[e.key].excluded)
              for e in entries]
    return Comparison(as_of=ctx.as_of, workload=workload_echo(ctx), task=ctx.task_id, weights=ctx.weights,
                      notes=ctx.notes, models=models)


def cost(registry: Registry, ctx: ResolvedWorkload, entry: Entry) -> CostResult:
    ev = next(e for e in evaluate(registry, ctx) if e.entry.key == entry.key)
    return CostResult(**_entry_fields(ev, ctx), fits=not ev.excluded, as_of=ctx.as_of,
                      workload=workload_echo(ctx), task=ctx.task_id, notes=ctx.notes)
