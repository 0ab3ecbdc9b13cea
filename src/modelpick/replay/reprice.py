"""Repricing a usage log on the models that served it and on candidates, through the cost model.

The log streams through once. Each request adds its tokens to the sums of its key (model as logged, day,
price tier): cost is linear in tokens within one price set, so pricing each key's sums is exactly the sum of
pricing each request. The price tier is chosen per request: a long-context tier prices the whole request when
its input is above the tier's threshold (cost_model.select_prices), so requests are split by the thresholds
of every tier in the registry, and each split prices as one request in it does (an aggregated OpenAI bucket:
by its mean input per request).

Per key and model, cost_model.estimate prices one representative request of that tier (cached and cache-write
shares a quarter each, one output and one reasoning token); its breakdown divided by its tokens is the price
per token of each component, with the cost model's own fallbacks (no cached-input price: input; no cache
write price: input; no reasoning price: output). Then, in Decimal:

    cost = uncached input x input + cached x cached_input + cache writes x cache_write
           + output x output + reasoning x reasoning           (prices per token, as estimate applies them)
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from decimal import Decimal
from pathlib import Path

from modelpick.cost_model import estimate
from modelpick.errors import AmbiguousModelError, UnknownModelError
from modelpick.registry.loader import Entry, Registry
from modelpick.replay.logs import read_usage
from modelpick.replay.rows import Progress
from modelpick.report.replay import BadLine, ReplayResult, ReplayRow, RepricedCost, UnknownModel
from modelpick.workload import Workload

COMPONENTS = ("input", "cached_input", "cache_write", "output", "reasoning")
Sums = list[int]  # requests, input (all), cached, cache writes, output, reasoning


def thresholds(registry: Registry, as_of: dt.date) -> list[int]:
    """Every long-context tier threshold of the price lists in force on `as_of`, rising."""
    return sorted({t.above_input_tokens for e in registry.entries for t in e.model.pricing.in_force(as_of)[0].tiers})


def aggregate(stream: object, limits: list[int]) -> dict[tuple[str, str, int], Sums]:
    """Token sums per (model as logged, day, number of tier thresholds each request's input is above)."""
    sums: dict[tuple[str, str, int], Sums] = {}
    get = sums.get
    for model, day, inp, cached, written, out, reasoning, n in stream:  # type: ignore[attr-defined]
        tier = bisect_left(limits, inp if n == 1 else inp / n) if limits else 0
        key = (model, day, tier)
        s = get(key)
        if s is None:
            sums[key] = [n, inp, cached, written, out, reasoning]
        else:
            s[0] += n
            s[1] += inp
            s[2] += cached
            s[3] += written
            s[4] += out
            s[5] += reasoning
    return sums


class Pricer:
    """Prices per token of each component, per (entry, tier), from cost_model.estimate; and the warnings the
    cost model gives, per entry."""

    def __init__(self, limits: list[int], as_of: dt.date) -> None:
        self.limits, self.as_of = limits, as_of
        self._units: dict[tuple[str, int], tuple[dict[str, Decimal], list[str], list[str]]] = {}
        self.warnings: dict[str, list[str]] = {}
        self._plain = Workload.model_validate({})
        self._shares = Workload.model_validate({"cached_input_ratio": 0.25, "cache_write_ratio": 0.25})

    def _unit(self, entry: Entry, tier: int) -> tuple[dict[str, Decimal], list[str], list[str]]:
        key = (entry.key, tier)
        if key not in self._units:
            request = 4 if tier == 0 else self.limits[tier - 1] + 1  # any input in this tier prices alike
            plain = estimate(entry, self._plain, request, 1, as_of=self.as_of)
            shared = estimate(entry, self._shares, request, 1, as_of=self.as_of, reasoning=Decimal(1))
            t = shared.tokens
            counts = {"input": t.uncached_input, "cached_input": t.cached_input, "cache_write": t.cache_write,
                      "output": t.output, "reasoning": t.reasoning}
            units = {c: shared.breakdown[c] / counts[c] for c in COMPONENTS}
            cached_only = [w for w in shared.warnings if w not in plain.warnings]
            self._units[key] = (units, plain.warnings, cached_only)
        return self._units[key]

    def cost(self, entry: Entry, tier: int, s: Sums) -> Decimal:
        units, always, with_cache = self._unit(entry, tier)
        notes = self.warnings.setdefault(entry.key, [])
        for warning in always + (with_cache if s[2] or s[3] else []):
            if warning not in notes:
                notes.append(warning)
        uncached = s[1] - s[2] - s[3]
        return (uncached * units["input"] + s[2] * units["cached_input"] + s[3] * units["cache_write"]
                + s[4] * units["output"] + s[5] * units["reasoning"])


class _Group:
    """A running total: token sums, the served cost and each candidate's."""

    def __init__(self, candidates: int) -> None:
        self.sums = [0] * 6
        self.served = Decimal(0)
        self.costs = [Decimal(0)] * candidates

    def add(self, s: Sums, served: Decimal, costs: list[Decimal]) -> None:
        self.sums = [a + b for a, b in zip(self.sums, s, strict=True)]
        self.served += served
        self.costs = [a + b for a, b in zip(self.costs, costs, strict=True)]

    def row(self, key: str, names: list[str]) -> ReplayRow:
        n, inp, cached, written, out, reasoning = self.sums
        return ReplayRow(key=key, requests=n, input_tokens=inp, cached_tokens=cached, cache_write_tokens=written,
                         output_tokens=out, reasoning_tokens=reasoning, served=self.served,
                         candidates=[RepricedCost(model=name, cost=c, difference=c - self.served)
                                     for name, c in zip(names, self.costs, strict=True)])


def resolve(registry: Registry, names: set[str]) -> tuple[dict[str, Entry], dict[str, str]]:
    """Logged model names -> entries; the names the registry cannot resolve -> why."""
    found, unknown = {}, {}
    for name in sorted(names):
        try:
            found[name] = registry.get(name)
        except (UnknownModelError, AmbiguousModelError) as exc:
            unknown[name] = exc.message
    return found, unknown


NOTES = (
    "prices in force on {as_of}, standard (not batch, flex or priority), USD",
    "candidates are priced on the same tokens as logged (input, cached, output, reasoning): a model that "
    "tokenizes, answers or reasons at other lengths would bill otherwise",
    "a long-context tier prices a whole request whose input is above its threshold, request by request",
)


def replay(registry: Registry, path: Path, fmt: str | None, candidates: list[Entry], as_of: dt.date,
           progress: Progress | None = None) -> ReplayResult:
    fmt, stream, stats = read_usage(path, fmt, progress)
    limits = thresholds(registry, as_of)
    sums = aggregate(stream, limits)
    entries, unknown = resolve(registry, {name for name, _day, _tier in sums})
    pricer = Pricer(limits, as_of)
    names = [c.key for c in candidates]
    total, days, models = _Group(len(names)), {}, {}
    unknown_requests: dict[str, int] = {}
    for (name, day, tier), s in sorted(sums.items()):
        entry = entries.get(name)
        if entry is None:
            unknown_requests[name] = unknown_requests.get(name, 0) + s[0]
            continue
        served = pricer.cost(entry, tier, s)
        costs = [pricer.cost(c, tier, s) for c in candidates]
        for group in (total, days.setdefault(day, _Group(len(names))), models.setdefault(entry.key, _Group(len(names)))):
            group.add(s, served, costs)
    every_day = sorted({day for _name, day, _tier in sums})
    warnings = _warnings(stats.bad, unknown_requests, pricer.warnings)
    return ReplayResult(
        as_of=as_of, log=str(path), format=fmt, rows=stats.rows, requests=total.sums[0],
        first_day=dt.date.fromisoformat(every_day[0]) if every_day else None,
        last_day=dt.date.fromisoformat(every_day[-1]) if every_day else None,
        bad_lines=stats.bad, first_bad_lines=[BadLine(line=n, reason=r) for n, r in stats.first_bad],
        unknown_models=[UnknownModel(name=n, requests=r, message=unknown[n]) for n, r in unknown_requests.items()],
        candidates=names, total=total.row("total", names),
        by_day=[days[d].row(d, names) for d in sorted(days)],
        by_model=[models[k].row(k, names) for k in sorted(models)],
        notes=[note.format(as_of=as_of) for note in NOTES], warnings=warnings)


def _warnings(bad: int, unknown: dict[str, int], priced: dict[str, list[str]]) -> list[str]:
    warnings = []
    if bad:
        warnings.append(f"{bad:,} bad line{'s' if bad != 1 else ''} left out of every total (listed by number)")
    if unknown:
        requests = sum(unknown.values())
        warnings.append(f"{requests:,} request{'s' if requests != 1 else ''} of {len(unknown)} model"
                        f"{'s' if len(unknown) != 1 else ''} the registry does not know left out of every total: "
                        + ", ".join(unknown))
    for key, notes in sorted(priced.items()):
        warnings += [f"{key}: {note}" for note in notes]
    return warnings
