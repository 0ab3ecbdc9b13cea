"""Break-even points of two entries A and B: holding the rest of the workload fixed, the value of one workload
parameter at which the cheaper of the two changes, or "never" and why.

Every cost here is the cost model's (ranking.estimate on the workload re-resolved with the one value changed;
workload.resolve on a model_copy), never a second formula. Per request, within one long-context tier and with
a fixed hidden-reasoning ratio, the cost is linear in each parameter:

- requests per day v: cost per month = cost per request x v x days. Both costs are proportional to v, so their
  ratio is fixed: the cheaper at 1 request is the cheaper at any volume (never, unless they cost the same).
- cached-input ratio x (0 .. 1 - cache_write_ratio): cost = uncached x input price + cached x cached price, so
  c(x) = c(0) + x (c(1) - c(0)). The difference d(x) = c_A(x) - c_B(x) is linear: it crosses zero at
  x* = d(lo) / (d(lo) - d(hi)) x (hi - lo) + lo, when d(lo) and d(hi) differ in sign.
- output tokens o (visible, per request): c(o) = c(0) + o x (output price + r x reasoning price), r the hidden
  reasoning tokens per output token (reasoning.assume scales them with the output; fixed when the workload
  sets reasoning_tokens). The slope is read from the cost model at o = 0 and o = SLOPE_AT; the root is then
  checked on whole tokens, since hidden tokens are rounded to whole tokens. The input does not move, so the
  long-context tier does not change; max output and the context window do, and are said.
- batch share s (0..1, the share of requests sent at batch prices): c(s) = (1 - s) c_standard + s c_batch, the
  two from the cost model with batch off and on (an entry without batch prices costs the same either way).

Each root is checked by evaluating both entries just below and just above it (`checked` in the result).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from modelpick import ranking
from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry, Registry, Tasks
from modelpick.report.frontier import BreakevenPoint, BreakevenResult, PairEntry, SideCheck
from modelpick.workload import MAX_TOKENS, ResolvedWorkload, Workload, resolve

SLOPE_AT = 1_000_000  # output tokens at which the output slope is read (rounding error < 1e-6 per token)
STEP = Decimal("0.001")  # how far below and above a ratio's root it is checked

Cost = Callable[[Entry, Any], Decimal]


class _Pair:
    """Both entries costed on variants of one workload."""

    def __init__(self, registry: Registry, ctx: ResolvedWorkload, tasks: Tasks, a: Entry, b: Entry) -> None:
        self.registry, self.ctx, self.tasks, self.a, self.b = registry, ctx, tasks, a, b

    def estimate(self, entry: Entry, **changes: Any) -> CostEstimate:
        workload: Workload = self.ctx.workload.model_copy(update=changes)
        return ranking.estimate(self.registry, resolve(workload, self.tasks, self.ctx.as_of), entry)

    def cheaper(self, cost_a: Decimal, cost_b: Decimal) -> str | None:
        return None if cost_a == cost_b else self.a.key if cost_a < cost_b else self.b.key

    def check(self, value: Decimal | float, cost: Cost) -> SideCheck:
        cost_a, cost_b = cost(self.a, value), cost(self.b, value)
        return SideCheck(value=float(value), cost_a=cost_a, cost_b=cost_b, cheaper=self.cheaper(cost_a, cost_b))


def _num(value: Decimal) -> str:
    return format(value.normalize(), ",f")


def _solve(pair: _Pair, cost: Cost, lo: Decimal, hi: Decimal, unit: str) -> tuple[Decimal | None, str | None]:
    """The root of d(x) = cost_A(x) - cost_B(x) on [lo, hi], d linear; else None and why not."""
    d_lo = cost(pair.a, lo) - cost(pair.b, lo)
    d_hi = cost(pair.a, hi) - cost(pair.b, hi)
    if d_lo == 0 and d_hi == 0:
        return None, f"they cost the same at every value from {_num(lo)} to {_num(hi)}"
    if d_lo * d_hi < 0:
        return lo + d_lo / (d_lo - d_hi) * (hi - lo), None
    cheaper = pair.a.key if d_lo + d_hi < 0 else pair.b.key
    if d_lo == d_hi:
        return None, (f"both costs move by the same amount per {unit}, so the gap between them is fixed: {cheaper} "
                      "is cheaper throughout")
    if d_lo == 0 or d_hi == 0:
        at = lo if d_lo == 0 else hi
        return None, (f"the lines meet only at {_num(at)}, the end of the range; {cheaper} is cheaper at every "
                      "other value")
    return None, f"the lines do not cross between {_num(lo)} and {_num(hi)}: {cheaper} is cheaper throughout"


def _point(pair: _Pair, parameter: str, current: float, lo: Decimal, hi: Decimal, cost: Cost,
           root: Decimal | None, never: str | None, sides: tuple[Decimal, Decimal], notes: list[str]) -> BreakevenPoint:
    checked = [pair.check(v, cost) for v in sides]
    per = "month" if parameter == "requests_per_day" else "request"
    base_a, base_b = pair.estimate(pair.a), pair.estimate(pair.b)
    return BreakevenPoint(
        parameter=parameter, current=current, range=[float(lo), float(hi)],  # type: ignore[arg-type]
        breakeven=None if root is None else float(root), never=never,
        cheaper_below=checked[0].cheaper, cheaper_above=checked[-1].cheaper,
        per_month_a=base_a.per_month, per_month_b=base_b.per_month, checked=checked, checked_per=per,  # type: ignore[arg-type]
        notes=notes)


def _sides(root: Decimal | None, lo: Decimal, hi: Decimal, step: Decimal) -> tuple[Decimal, Decimal]:
    if root is None:
        return lo, hi
    return max(lo, root - step), min(hi, root + step)


def _volume(pair: _Pair) -> BreakevenPoint:
    def cost(entry: Entry, value: Decimal | float) -> Decimal:
        return pair.estimate(entry, requests_per_day=float(value), requests_per_month=None).per_month

    current = float(pair.estimate(pair.a).requests_per_day)
    a, b = pair.estimate(pair.a).per_request, pair.estimate(pair.b).per_request
    if a == b:
        never = "they cost the same per request, so the same at any volume"
    else:
        cheaper = pair.cheaper(a, b)
        never = (f"both costs scale linearly with volume (cost per request x requests), so their ratio is fixed: "
                 f"{cheaper}, the cheaper at 1 request, is the cheaper at any volume")
    lo, hi = Decimal(1), Decimal(max(1_000_000, int(current) * 10))
    return _point(pair, "requests_per_day", current, lo, hi, cost, None, never, (lo, hi), [])


def _cache(pair: _Pair) -> BreakevenPoint:
    def cost(entry: Entry, value: Decimal | float) -> Decimal:
        return pair.estimate(entry, cached_input_ratio=float(value)).per_request

    w = pair.ctx.workload
    lo, hi = Decimal(0), Decimal(1) - Decimal(str(w.cache_write_ratio))
    notes = []
    for entry in (pair.a, pair.b):
        if any("no cached-input price" in x for x in pair.estimate(entry, cached_input_ratio=float(hi)).warnings):
            notes.append(f"{entry.key} has no cached-input price: cached tokens billed at its input price")
    if pair.ctx.input_tokens == 0:
        notes.append("the workload has no input tokens: the cached-input ratio changes nothing")
    root, never = _solve(pair, cost, lo, hi, "share of input cached")
    return _point(pair, "cached_input_ratio", w.cached_input_ratio, lo, hi, cost, root, never,
                  _sides(root, lo, hi, STEP), notes)


def _batch(pair: _Pair) -> BreakevenPoint:
    w = pair.ctx.workload
    plain = {"batch": False}
    batched = {"batch": True, "service_tier": "standard"}
    costs = {e.key: (pair.estimate(e, **plain), pair.estimate(e, **batched)) for e in (pair.a, pair.b)}

    def cost(entry: Entry, value: Decimal | float) -> Decimal:
        share = Decimal(str(value))
        standard, batch = costs[entry.key]
        return (1 - share) * standard.per_request + share * batch.per_request

    notes = [f"{key} has no batch prices: standard prices for its batch share" for key, (_, batch) in costs.items()
             if not batch.batch]
    if w.service_tier != "standard":
        notes.append(f"the requests not sent in batch are billed at {w.service_tier} prices, as the workload sets")
    lo, hi = Decimal(0), Decimal(1)
    root, never = _solve(pair, cost, lo, hi, "share of requests sent in batch")
    if not any(batch.batch for _, batch in costs.values()):
        cheaper = pair.cheaper(*(standard.per_request for standard, _ in costs.values()))
        root, never = None, (f"neither has batch prices, so the batch share changes nothing: {cheaper} is cheaper "
                             "at any share" if cheaper else "neither has batch prices, and they cost the same")
    return _point(pair, "batch_share", 1.0 if w.batch else 0.0, lo, hi, cost, root, never,
                  _sides(root, lo, hi, STEP), notes)


def _fits_up_to(pair: _Pair, entry: Entry) -> int | None:
    """The largest output length whose request (with hidden reasoning) fits max output and the context
    window; None when it fits at MAX_TOKENS."""
    model = entry.model

    def fits(output: int) -> bool:
        est = pair.estimate(entry, output_tokens=output)
        generated = output + int(est.tokens.reasoning)
        return generated <= model.max_output_tokens.value and \
            pair.ctx.input_tokens + generated <= model.context_window.value

    if fits(MAX_TOKENS):
        return None
    lo, hi = -1, MAX_TOKENS  # fits(lo) (or lo = -1), not fits(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


def _whole_tokens(pair: _Pair, cost: Cost, root: Decimal) -> tuple[Decimal, Decimal]:
    """The whole output lengths either side of the root, as the cost model bills them (hidden tokens are
    rounded to whole tokens, which may move the change by a token): the last on the side of 0 output tokens
    and the first past it."""
    start = pair.check(0, cost).cheaper
    other = pair.b.key if start == pair.a.key else pair.a.key
    near = int(root)
    window = range(max(0, near - 3), min(MAX_TOKENS, near + 5))
    cheaper = {n: pair.check(n, cost).cheaper for n in window}
    below = max((n for n in window if cheaper[n] == start), default=max(0, near))
    above = min((n for n in window if n > below and cheaper[n] == other), default=below + 1)
    return Decimal(below), Decimal(above)


def _output(pair: _Pair) -> BreakevenPoint:
    def cost(entry: Entry, value: Decimal | float) -> Decimal:
        return pair.estimate(entry, output_tokens=int(value)).per_request

    lo, hi = Decimal(0), Decimal(MAX_TOKENS)

    def line(entry: Entry, value: Decimal) -> Decimal:  # c(0) + o x slope, slope read at SLOPE_AT
        at_zero = cost(entry, 0)
        return at_zero + value * (cost(entry, SLOPE_AT) - at_zero) / SLOPE_AT

    root, never = _solve(pair, line, lo, hi, "output token (hidden reasoning included)")
    sides = (lo, hi) if root is None else _whole_tokens(pair, cost, root)
    notes = []
    for entry in (pair.a, pair.b):
        limit = _fits_up_to(pair, entry)
        if limit is not None:
            notes.append(f"{entry.key} stops fitting above {limit:,} output tokens per request (max output "
                         f"{entry.model.max_output_tokens.value:,}, context window "
                         f"{entry.model.context_window.value:,}, hidden reasoning included)")
        hidden = pair.estimate(entry, output_tokens=SLOPE_AT).tokens.reasoning
        if hidden:
            notes.append(f"{entry.key}'s hidden reasoning tokens grow with the output "
                         f"({hidden / SLOPE_AT:.3g} per output token) and are billed as output")
    return _point(pair, "output_tokens", pair.ctx.output_tokens, lo, hi, cost, root, never, sides, notes)


def _pair_entry(pair: _Pair, ev: ranking.Evaluation) -> PairEntry:
    e = ev.entry
    return PairEntry(model=e.id, provider=e.provider, name=e.model.name, per_request=ev.estimate.per_request,
                     per_month=ev.estimate.per_month, fits=not ev.excluded, reasons=ev.excluded,
                     warnings=ev.warnings)


def breakeven(registry: Registry, ctx: ResolvedWorkload, tasks: Tasks, a: Entry, b: Entry) -> BreakevenResult:
    """Where the cheaper of `a` and `b` changes, for each parameter (see the module)."""
    pair = _Pair(registry, ctx, tasks, a, b)
    by_key = {ev.entry.key: ev for ev in ranking.evaluate(registry, ctx)}
    return BreakevenResult(
        as_of=ctx.as_of, workload=ranking.workload_echo(ctx), task=ctx.task_id, weights=ctx.weights,
        notes=ctx.notes, a=_pair_entry(pair, by_key[a.key]), b=_pair_entry(pair, by_key[b.key]),
        parameters=[_volume(pair), _cache(pair), _output(pair), _batch(pair)])
