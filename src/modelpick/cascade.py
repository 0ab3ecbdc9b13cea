"""Model cascades: a first model answers every request and hands a share of them on to the next.

A chain is stages 1..n with one escalation rate per hand-off, R_1..R_{n-1}, each 0..1. Every request goes to
stage 1; a share R_k of the requests that reach stage k moves on to stage k+1, paying for every stage it
went through. So, as shares of all requests:

    reach_1 = 1,   reach_{k+1} = reach_k x R_k          (stage k+1 sees R_1 x ... x R_k of all requests)
    answer_k = reach_k x (1 - R_k) for k < n,   answer_n = reach_n     (answered there; they sum to 1)

Cost (Decimal; c_k is stage k's cost alone, per request, day or month, from the same evaluation `recommend`
uses: ranking.evaluate on the resolved workload, so hidden reasoning, prices, batch/flex and tiers apply):

    blended = sum_k reach_k x c_k

Expected quality, an assumption and said so: every request gets the quality of the stage that answers it
(escalated requests get the later stage's quality, and the router escalates perfectly), so

    E[quality] = sum_k answer_k x q_k

with q_k the stage's task quality as recommend scores it (thin evidence scaled down). Any stage of unknown
quality makes the mix unknown, never a guess.

The strongest stage is the one of highest known task quality (the later one on a tie). The saving is its
cost alone minus the blended cost. The break-even rate is the first hand-off rate at which the cascade costs
as much as the strongest stage alone, the other rates held: with S the strongest stage's cost alone and
T = c_2 + R_2 c_3 + R_2 R_3 c_4 + ... (what a request that reaches stage 2 costs from there on),

    c_1 + R_1 x T = S   =>   R_1* = (S - c_1) / T          (two stages: R* = 1 - c_1 / c_2)

Above R_1* the cascade costs more than the strongest stage alone. S <= c_1: it never pays; R_1* >= 1: it
pays at every rate.

Without a chain, `search` lists the best pairs (triples at depth 3); see its docstring for the rule.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from modelpick import ranking
from modelpick.errors import InputError
from modelpick.registry.loader import Entry, Registry
from modelpick.report.cascade import Cascade, CascadeResult, CascadeStage
from modelpick.workload import ResolvedWorkload

# The escalation rate a search assumes at every hand-off when none is given.
DEFAULT_RATE = 0.2
# At most this many stage candidates (the cheapest of the single-model frontier) enter a search.
MAX_CANDIDATES = 40
DEPTHS = (2, 3)

ASSUMPTION = ("expected quality assumes each request gets the quality of the stage that answers it: escalated "
              "requests get the later stage's quality, and the router escalates exactly the requests the "
              "earlier stage would get wrong; real routers do worse")
DEFINITION = ("every request goes to stage 1; a share R of the requests that reach a stage moves on to the next, "
              "paying for every stage it went through")


def reach_shares(rates: Sequence[Decimal]) -> list[Decimal]:
    """Share of all requests that reach each stage: 1, R_1, R_1 R_2, ..."""
    shares = [Decimal(1)]
    for rate in rates:
        shares.append(shares[-1] * rate)
    return shares


def answer_shares(rates: Sequence[Decimal]) -> list[Decimal]:
    """Share of all requests answered at each stage: reach_k (1 - R_k), and reach_n at the last; sums to 1."""
    reach = reach_shares(rates)
    return [r * (1 - rate) for r, rate in zip(reach, rates, strict=False)] + [reach[-1]]


def blended(costs: Sequence[Decimal], rates: Sequence[Decimal]) -> Decimal:
    """sum_k reach_k x c_k: what the cascade costs, in the unit of `costs` (per request, day or month)."""
    return sum((share * cost for share, cost in zip(reach_shares(rates), costs, strict=True)), Decimal(0))


def expected_quality(qualities: Sequence[float | None], rates: Sequence[Decimal]) -> float | None:
    """sum_k answer_k x q_k; None when any stage's quality is unknown."""
    if any(q is None for q in qualities):
        return None
    mix = sum(float(share) * q for share, q in zip(answer_shares(rates), qualities, strict=True))  # type: ignore[misc]
    return round(mix, 4)


def strongest(qualities: Sequence[float | None]) -> int | None:
    """Index of the stage of highest known quality (the later one on a tie); None when none is known."""
    known = [(q, i) for i, q in enumerate(qualities) if q is not None]
    return max(known)[1] if known else None


def break_even_rate(costs: Sequence[Decimal], rates: Sequence[Decimal], reference: Decimal) -> Decimal | None:
    """R_1* = (S - c_1) / T (module docstring), the other rates held; None when the cascade never pays
    (S <= c_1) or pays at every rate (R_1* >= 1): `break_even_text` tells which."""
    tail = blended(costs[1:], rates[1:])
    if reference <= costs[0] or tail <= 0:
        return None
    rate = (reference - costs[0]) / tail
    return rate if rate < 1 else None


def break_even_text(costs: Sequence[Decimal], rates: Sequence[Decimal], reference: Decimal,
                    strongest_name: str) -> str:
    rate = break_even_rate(costs, rates, reference)
    held = " (the later rates held)" if len(rates) > 1 else ""
    if rate is not None:
        return (f"costs more than {strongest_name} alone when the first hand-off rate is above {rate:.1%}{held}")
    if reference <= costs[0]:
        return f"never pays: the first stage alone costs at least as much as {strongest_name}"
    return f"pays at every first hand-off rate{held}: even at 100% it costs less than {strongest_name} alone"


@dataclass(frozen=True)
class _Stage:
    evaluation: ranking.Evaluation
    quality: float | None
    thin: bool


def _stage(ev: ranking.Evaluation, ctx: ResolvedWorkload) -> _Stage:
    """A stage's evaluation and its task quality; excluded entries are not scored by ranking, so their
    quality is taken here, the same way."""
    q = ev.quality if not ev.excluded else ranking.quality(ev.entry, ctx, ev.hidden.effort)
    return _Stage(ev, q.value if q else None, bool(q and q.thin))


def _name(entry: Entry) -> str:
    return f"{entry.provider}/{entry.id}"


def _cascade(stages: Sequence[_Stage], rates: Sequence[Decimal], rank: int | None = None) -> Cascade:
    estimates = [s.evaluation.estimate for s in stages]
    reach, answers = reach_shares(rates), answer_shares(rates)
    qualities = [s.quality for s in stages]
    top = strongest(qualities)
    per_request = blended([e.per_request for e in estimates], rates)
    per_month = blended([e.per_month for e in estimates], rates)
    parts = []
    for i, s in enumerate(stages):
        ev = s.evaluation
        parts.append(CascadeStage(
            stage=i + 1, model=ev.entry.id, provider=ev.entry.provider, name=ev.entry.model.name,
            reaches=float(reach[i]), answers=float(answers[i]),
            escalation_rate=float(rates[i]) if i < len(rates) else None,
            per_request=ev.estimate.per_request, per_day=ev.estimate.per_day, per_month=ev.estimate.per_month,
            batch=ev.estimate.batch, service_tier=ev.estimate.service_tier, tier=ev.estimate.tier,
            reasoning=ranking.assumed_reasoning(ev.hidden), quality=s.quality, quality_thin=s.thin,
            fits=not ev.excluded, excluded=list(ev.excluded), warnings=list(ev.warnings)))
    fields: dict[str, object] = dict(strongest=None, strongest_per_month=None, saving_per_month=None,
                                     saving_share=None, break_even_rate=None,
                                     break_even="unknown: no stage's quality is known, so no strongest stage")
    if top is not None:
        alone = estimates[top]
        name = _name(stages[top].evaluation.entry)
        costs = [e.per_request for e in estimates]
        rate = break_even_rate(costs, rates, alone.per_request)
        fields = dict(strongest=name, strongest_per_month=alone.per_month,
                      saving_per_month=alone.per_month - per_month,
                      saving_share=float((alone.per_month - per_month) / alone.per_month) if alone.per_month else None,
                      break_even_rate=None if rate is None else float(rate),
                      break_even=break_even_text(costs, rates, alone.per_request, name))
    return Cascade(
        rank=rank, chain=[_name(s.evaluation.entry) for s in stages], escalation_rates=[float(r) for r in rates],
        stages=parts, per_request=per_request, per_day=blended([e.per_day for e in estimates], rates),
        per_month=per_month, expected_quality=expected_quality(qualities, rates),
        fits=all(not s.evaluation.excluded for s in stages), **fields)  # type: ignore[arg-type]


def _rates(values: Sequence[float], handoffs: int, *, search: bool) -> list[Decimal]:
    """Decimal rates, one per hand-off, each 0..1. A search takes one rate for every hand-off, too."""
    for value in values:
        if not 0 <= value <= 1:
            raise InputError(f"{value:g} is not a share of requests: give a rate from 0 to 1",
                             path="escalation_rates", argument=True)
    if search and len(values) == 1:
        values = list(values) * handoffs
    if len(values) != handoffs:
        either = "one rate for every hand-off or " if search else ""
        raise InputError(f"{handoffs + 1} models make {handoffs} hand-off{'s' if handoffs != 1 else ''}: give "
                         f"{either}{handoffs} escalation rate{'s' if handoffs != 1 else ''} (one per hand-off), "
                         f"got {len(values)}", path="escalation_rates", argument=True)
    return [Decimal(str(v)) for v in values]


def _result(ctx: ResolvedWorkload, mode: str, depth: int, cascades: list[Cascade], notes: list[str]) -> CascadeResult:
    return CascadeResult(as_of=ctx.as_of, workload=ranking.workload_echo(ctx), task=ctx.task_id,
                         weights=ctx.weights, notes=[*ctx.notes, *notes], mode=mode, depth=depth,
                         definition=DEFINITION, assumption=ASSUMPTION, cascades=cascades)


def chain(registry: Registry, ctx: ResolvedWorkload, entries: Sequence[Entry],
          rates: Sequence[float]) -> CascadeResult:
    """The cascade of these entries, in this order, with one escalation rate per hand-off."""
    if len(entries) < 2:
        raise InputError(f"a cascade needs two or more models, got {len(entries)}", path="chain", argument=True)
    seen: set[str] = set()
    for entry in entries:
        if entry.key in seen:
            raise InputError(f"{_name(entry)} is in the chain twice", path="chain", argument=True)
        seen.add(entry.key)
    decimal_rates = _rates(rates, len(entries) - 1, search=False)
    by_key = {ev.entry.key: ev for ev in ranking.evaluate(registry, ctx)}
    cascade = _cascade([_stage(by_key[e.key], ctx) for e in entries], decimal_rates)
    notes = [] if cascade.fits else ["does not fit this workload: a stage fails its hard rules (see the stages)"]
    return _result(ctx, "chain", len(entries), [cascade], notes)


def frontier(stages: Sequence[_Stage]) -> list[_Stage]:
    """The stages no other beats on both cost and quality, cheapest first (so quality rises along it too)."""
    out: list[_Stage] = []
    for s in sorted(stages, key=lambda s: (s.evaluation.estimate.per_month, -(s.quality or 0), s.evaluation.entry.key)):
        if not out or (s.quality or 0) > (out[-1].quality or 0):
            out.append(s)
    return out


def _dominated(c: Cascade, singles: Sequence[_Stage]) -> bool:
    """A single entry costs no more per month and is at least as good, one of them strictly."""
    q = c.expected_quality or 0.0
    return any(s.evaluation.estimate.per_month <= c.per_month and (s.quality or 0) >= q
               and (s.evaluation.estimate.per_month < c.per_month or (s.quality or 0) > q) for s in singles)


def search(registry: Registry, ctx: ResolvedWorkload, depth: int = 2, rates: Sequence[float] = (DEFAULT_RATE,),
           top: int | None = 10) -> CascadeResult:
    """The best chains of `depth` stages (2: pairs, 3: triples), at `rates` (one for every hand-off, or one
    per hand-off).

    Candidates: the entries that fit the workload (its requirements and the task's quality floors) and whose
    task quality is known. Pruning: only the single-model frontier (the entries no other candidate beats on
    both monthly cost and quality; at most MAX_CANDIDATES, the cheapest) enters: a stage that another
    candidate beats on both can be swapped for it, and the cascade gets cheaper and better. Chains are taken
    in frontier order, so each stage is cheaper and weaker than the next and the last stage is the strongest.
    A chain is listed when it pays (it costs less than its last stage alone) and no single candidate costs as
    little or less and scores at least its expected quality (one of the two strictly); listed chains are
    ranked by blended monthly cost, then expected quality (higher first)."""
    if depth not in DEPTHS:
        raise InputError(f"{depth} is not one of {', '.join(map(str, DEPTHS))} (pairs or triples)",
                         path="depth", argument=True)
    decimal_rates = _rates(rates, depth - 1, search=True)
    fitting = [_stage(ev, ctx) for ev in ranking.evaluate(registry, ctx) if not ev.excluded]
    known = [s for s in fitting if s.quality is not None]
    candidates = frontier(known)
    notes = []
    if len(fitting) > len(known):
        notes.append(f"{len(fitting) - len(known)} entries that fit have no quality on record for {ctx.task_id} "
                     "and were left out of the search")
    if len(candidates) > MAX_CANDIDATES:
        notes.append(f"searched the {MAX_CANDIDATES} cheapest of {len(candidates)} frontier entries")
        candidates = candidates[:MAX_CANDIDATES]
    found = []
    considered = 0
    for combo in itertools.combinations(candidates, depth):
        considered += 1
        cascade = _cascade(combo, decimal_rates)
        if cascade.per_month < combo[-1].evaluation.estimate.per_month and not _dominated(cascade, known):
            found.append(cascade)
    found.sort(key=lambda c: (c.per_month, -(c.expected_quality or 0), c.chain))
    listed = [c.model_copy(update={"rank": i}) for i, c in enumerate(found[:top] if top else found, 1)]
    notes.insert(0, f"searched {considered:,} {'pairs' if depth == 2 else 'triples'} of the {len(candidates)} "
                    f"frontier entries (of {len(fitting)} that fit) at escalation rate"
                    f"{'s' if len(decimal_rates) > 1 else ''} {', '.join(f'{float(r):.0%}' for r in decimal_rates)}; "
                    f"{len(found)} pay and beat every single entry at their cost")
    if not fitting:
        notes.append("no entry fits this workload, so no cascade either")
    elif len(candidates) < depth:
        notes.append(f"fewer than {depth} frontier entries of known quality: no {'pair' if depth == 2 else 'triple'} "
                     "to search")
    elif not found:
        notes.append("no cascade beats a single entry: each one considered either costs more than its last stage "
                     "alone, or a single entry costs as little and scores at least as well")
    return _result(ctx, "search", depth, listed, notes)
