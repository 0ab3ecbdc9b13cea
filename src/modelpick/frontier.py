"""The cost/quality Pareto frontier of a workload, with speed as a third view.

The entries charted are those `recommend` ranks whose quality is known (ranking.evaluate on the resolved
workload): each is a point (x = monthly cost in USD, Decimal; y = quality as the ranking uses it, thin evidence
scaled down, rounded to 4 places as the output gives it). The others are listed with why: every hard rule an
entry fails, or that its quality is unknown.

- B dominates A when cost(B) <= cost(A) and quality(B) >= quality(A), and one of the two is strict.
- The frontier: the charted entries that no charted entry dominates. Two entries of equal cost and quality do
  not dominate each other.
- A dominated entry names ONE entry that dominates it: the cheapest, then the best quality, then by
  PROVIDER/MODEL. That entry is itself on the frontier: an entry dominating it would dominate A too and be
  cheaper, or as cheap and better.
- Speed: seconds per request from the same evaluation. The cost/speed frontier is the same rule over the
  charted entries whose speed is known, with seconds per request (lower is better) in place of quality.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from modelpick import ranking
from modelpick.registry.loader import Registry
from modelpick.report.frontier import FrontierPoint, FrontierResult, Unplotted
from modelpick.workload import ResolvedWorkload

T = TypeVar("T")


def dominates(x: Sequence[Decimal | float], y: Sequence[Decimal | float]) -> bool:
    """x dominates y, every objective lower-is-better: no worse in each, better in one."""
    return all(a <= b for a, b in zip(x, y, strict=True)) and any(a < b for a, b in zip(x, y, strict=True))


def pareto(objectives: dict[str, tuple[Decimal | float, ...]]) -> dict[str, str | None]:
    """Key -> None for the non-dominated keys, else the key of its chosen dominator: the least objectives
    in order (the cheapest, then the best second objective), then the least key."""
    chosen: dict[str, str | None] = {}
    for key, mine in objectives.items():
        dominators = [other for other, theirs in objectives.items() if dominates(theirs, mine)]
        chosen[key] = min(dominators, key=lambda k: (*objectives[k], k)) if dominators else None
    return chosen


def _quality_unknown(ctx: ResolvedWorkload) -> str:
    return f"quality unknown: none of the {ctx.task_id} benchmarks on record"


def frontier(registry: Registry, ctx: ResolvedWorkload) -> FrontierResult:
    evaluations = ranking.evaluate(registry, ctx)
    charted = [ev for ev in evaluations if not ev.excluded and ev.quality is not None]
    quality = {ev.entry.key: round(ev.quality.value, 4) for ev in charted if ev.quality is not None}
    cost_quality = pareto({ev.entry.key: (ev.estimate.per_month, -quality[ev.entry.key]) for ev in charted})
    timed = {ev.entry.key: (ev.estimate.per_month, round(ev.latency_s, 4)) for ev in charted
             if ev.latency_s is not None}
    cost_speed = pareto(timed)
    charted.sort(key=lambda ev: (ev.estimate.per_month, -quality[ev.entry.key], ev.entry.key))
    points = []
    for ev in charted:
        key, q = ev.entry.key, ev.quality
        assert q is not None
        points.append(FrontierPoint(
            model=ev.entry.id, provider=ev.entry.provider, name=ev.entry.model.name,
            per_month=ev.estimate.per_month, per_request=ev.estimate.per_request, quality=quality[key],
            quality_unadjusted=round(q.unadjusted, 4), thin=q.thin,
            seconds_per_request=None if ev.latency_s is None else round(ev.latency_s, 4),
            frontier=cost_quality[key] is None, dominated_by=cost_quality[key],
            speed_frontier=None if key not in timed else cost_speed[key] is None,
            reasoning=ranking.assumed_reasoning(ev.hidden), warnings=ev.warnings))
    unknown = [Unplotted(model=ev.entry.id, provider=ev.entry.provider, name=ev.entry.model.name, fits=True,
                         reasons=[_quality_unknown(ctx)])
               for ev in evaluations if not ev.excluded and ev.quality is None]
    excluded = [Unplotted(model=ev.entry.id, provider=ev.entry.provider, name=ev.entry.model.name, fits=False,
                          reasons=ev.excluded) for ev in evaluations if ev.excluded]
    return FrontierResult(
        as_of=ctx.as_of, workload=ranking.workload_echo(ctx), task=ctx.task_id, weights=ctx.weights,
        notes=[*ctx.notes, f"quality for {ctx.task_id} from {', '.join(ctx.task.benchmarks)}"], points=points,
        frontier=[p.provider + "/" + p.model for p in points if p.frontier],
        speed_frontier=[p.provider + "/" + p.model for p in points if p.speed_frontier],
        unplotted=sorted(unknown, key=lambda u: (u.provider, u.model))
        + sorted(excluded, key=lambda u: (u.provider, u.model)))
