"""Properties of the cost model (modelpick.cost_model) on every bundled and fixture entry: linear in the number of
requests, monotone in tokens, batch and cached input never dearer where their prices are not.

The checks run in workload_strategies.exact(), a Decimal context wide enough that an estimate's products and
sums are exact (the linearity test proves it: there any rounding raises decimal.Inexact). modelpick itself
computes in the default 28-digit context, where a 17-digit cache ratio times a token count times a price
already has more digits than that: two figures equal in exact maths may then differ in their 28th digit, so
the default context is checked only to that precision (linearity) or for the sign (token split)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from workload_strategies import (
    MAX_TOKENS,
    TASKS,
    dates,
    exact,
    property_settings,
    requests_per_month,
    workloads,
)

from modelpick import cost_model as cost
from modelpick.registry.loader import Entry
from modelpick.registry.schema import PriceSet
from modelpick.workload import Workload, resolve

TOTALS = ("per_request", "per_day", "per_month")


def estimates(entries: list[Entry], data: dict[str, Any], as_of: dt.date,
              **changes: Any) -> dict[str, cost.CostEstimate]:
    """Each entry's estimate for the workload `data` with `changes` applied, token counts resolved from the
    task, in the Decimal context in force."""
    ctx = resolve(Workload.model_validate({**data, **changes}), TASKS, as_of)
    return {e.key: cost.estimate(e, ctx.workload, ctx.input_tokens, ctx.output_tokens, as_of) for e in entries}


def relative_gap(a: Decimal, b: Decimal) -> Decimal:
    return abs(a - b) / max(abs(a), abs(b)) if a != b else Decimal(0)


# --- linear in requests -----------------------------------------------------------------------------------


@st.composite
def daily_volumes(draw: st.DrawFn) -> tuple[float, int]:
    """(requests per day, k) with k x requests in the workload's bounds, and both figures exact as floats:
    whole quarters, so str() of either float is its exact decimal value."""
    k = draw(st.integers(2, 1000))
    quarters = draw(st.one_of(st.integers(0, 4_000), st.integers(0, 4 * 10**12 // k)))
    return quarters / 4, k


@property_settings(40)
@given(data=workloads(volume=False), volume=daily_volumes(), as_of=dates)
def test_cost_is_linear_in_requests_per_day(every_entry, data, volume, as_of):
    """k x requests_per_day costs exactly k x as much per day and per month, and the same per request."""
    requests, k = volume
    assert Decimal(str(requests * k)) == k * Decimal(str(requests))  # the inputs themselves are exact
    with exact(trap_rounding=True):
        once = estimates(every_entry, data, as_of, requests_per_day=requests)
        k_times = estimates(every_entry, data, as_of, requests_per_day=requests * k)
        for key, est in k_times.items():
            assert est.per_request == once[key].per_request, key
            assert est.per_day == k * once[key].per_day, key
            assert est.per_month == k * once[key].per_month, key
    # In modelpick's own 28-digit context the figures are rounded, so they agree to ~27 significant digits.
    once = estimates(every_entry, data, as_of, requests_per_day=requests)
    k_times = estimates(every_entry, data, as_of, requests_per_day=requests * k)
    for key, est in k_times.items():
        for total, factor in zip(TOTALS, (1, k, k), strict=True):
            gap = relative_gap(getattr(est, total), factor * getattr(once[key], total))
            assert gap < Decimal("1e-26"), (key, total, gap)


@property_settings(40)
@given(data=workloads(volume=False), requests=requests_per_month, k=st.integers(2, 1000), as_of=dates)
def test_cost_is_linear_in_requests_per_month(every_entry, data, requests, k, as_of):
    """k x requests_per_month costs exactly k x as much per month; per day is that month over its days (a
    division that cannot be exact, so checked against the unrounded month)."""
    requests = float(int(requests) // k)  # whole requests, so k x requests is exact as a float
    days = Decimal(Workload.model_validate(data).days_per_month)
    with exact():
        once = estimates(every_entry, data, as_of, requests_per_month=requests)
        k_times = estimates(every_entry, data, as_of, requests_per_month=requests * k)
        for key, est in k_times.items():
            assert est.per_request == once[key].per_request, key
            assert est.per_month == k * once[key].per_month, key
            assert est.per_day == k * once[key].per_month / days, key


# --- monotone in tokens -----------------------------------------------------------------------------------


more = st.one_of(st.integers(0, 10), st.integers(0, 100_000), st.integers(0, MAX_TOKENS))


@property_settings(50)
@given(data=workloads(), extra_input=more, extra_output=more, extra_reasoning=more, as_of=dates)
def test_more_tokens_never_cost_less(every_entry, data, extra_input, extra_output, extra_reasoning, as_of):
    """Adding input, output or reasoning tokens never lowers the cost, across long-context tiers too (a
    tier's prices apply to the whole request, so they must be at least the prices below it)."""
    base = Workload.model_validate(data)
    ctx = resolve(base, TASKS, as_of)
    bigger = {
        "input_tokens": min(ctx.input_tokens + extra_input, MAX_TOKENS),
        "output_tokens": min(ctx.output_tokens + extra_output, MAX_TOKENS),
    }
    if base.reasoning_tokens is not None:  # else estimated from the output tokens (more output, more reasoning)
        bigger["reasoning_tokens"] = min(base.reasoning_tokens + extra_reasoning, MAX_TOKENS)
    with exact():
        small = estimates(every_entry, data, as_of)
        large = estimates(every_entry, data, as_of, **bigger)
    for key, est in large.items():
        assert est.per_request >= small[key].per_request, (key, small[key].tier, est.tier)
        assert est.per_month >= small[key].per_month, key


# --- batch and cached input -------------------------------------------------------------------------------


def billed(prices: PriceSet) -> dict[str, Decimal]:
    """What each kind of token costs under a price set, with cost.py's fallbacks for missing prices."""
    return {
        "input": prices.input,
        "cached_input": prices.input if prices.cached_input is None else prices.cached_input,
        "cache_write": prices.input if prices.cache_write is None else prices.cache_write,
        "output": prices.output,
        "reasoning": prices.output if prices.reasoning is None else prices.reasoning,
    }


def price_levels(entry: Entry) -> list[tuple[PriceSet, PriceSet]]:
    """(standard, batch) price sets at every level (base and each tier, in each dated price list); the batch
    set is the standard one where a level has no batch prices, as cost.select_prices does."""
    pricing = entry.model.pricing
    levels = []
    for schedule in [pricing, *pricing.history]:
        levels.append((schedule, schedule.batch or schedule))
        levels += [(tier, tier.batch or tier) for tier in schedule.tiers]
    return levels


def batch_never_dearer(entry: Entry) -> bool:
    """No token costs more in batch than at list price, at any level."""
    return all(billed(b)[kind] <= billed(s)[kind] for s, b in price_levels(entry) for kind in billed(s))


def offers_batch(entry: Entry) -> bool:
    return any(batch is not standard for standard, batch in price_levels(entry))


def test_most_batch_offers_are_never_dearer(every_entry):
    """The batch property below is not vacuous: most entries with batch prices qualify. (Those that do not
    have no batch cached-input price, so that a cached token costs the batch input price, more than the list
    cached-input price: openai/gpt-4.1 caches at $0.50 per 1M at list price, at $1.00 in batch.)"""
    offering = [e for e in every_entry if offers_batch(e)]
    qualifying = [e for e in offering if batch_never_dearer(e)]
    assert len(qualifying) >= 2 * len(offering) / 3 and len(qualifying) >= 20


@property_settings(50)
@given(data=workloads(), as_of=dates)
def test_batch_never_costs_more_than_standard(every_entry, data, as_of):
    """batch: true costs no more than batch: false where no batch price is above its list price, and
    exactly the same (standard prices, and a warning) where the entry offers no batch price."""
    with exact():
        standard = estimates(every_entry, data, as_of, batch=False)
        batch = estimates(every_entry, data, as_of, batch=True)
    for entry in every_entry:
        key = entry.key
        if not offers_batch(entry):
            assert (batch[key].per_request, batch[key].per_month) == (standard[key].per_request,
                                                                      standard[key].per_month), key
            assert not batch[key].batch and "no batch price offered: standard prices used" in batch[key].warnings
        elif batch_never_dearer(entry):
            assert batch[key].per_request <= standard[key].per_request, (key, batch[key].tier)
            assert batch[key].per_month <= standard[key].per_month, key


def cached_never_dearer(entry: Entry) -> bool:
    """At every level, standard and batch, a cached input token costs no more than an uncached one."""
    return all(billed(p)["cached_input"] <= p.input for level in price_levels(entry) for p in level)


def test_every_entry_prices_cached_input_at_most_its_input(every_entry):
    """The cached-input property below then covers every entry."""
    assert [e.key for e in every_entry if not cached_never_dearer(e)] == []


@property_settings(50)
@given(data=workloads(), raise_by=st.floats(0, 1), as_of=dates)
def test_more_cached_input_never_costs_more(every_entry, data, raise_by, as_of):
    """Raising cached_input_ratio (cache_write_ratio unchanged) never raises the cost, for entries whose cached
    input price is at most their input price."""
    workload = Workload.model_validate(data)
    low, write = workload.cached_input_ratio, workload.cache_write_ratio
    high = low + raise_by * (1 - low - write)
    if high + write > 1:  # float rounding
        high = low
    entries = [e for e in every_entry if cached_never_dearer(e)]
    with exact():
        fewer = estimates(entries, data, as_of)
        more_cached = estimates(entries, data, as_of, cached_input_ratio=high)
    for key, est in more_cached.items():
        assert est.per_request <= fewer[key].per_request, (key, low, high)


@property_settings(50)
# Found by hypothesis: 0.7 + 0.30000000000000004 is 1 as floats, 1.00000000000000004 as decimals, which left
# -8e-13 uncached tokens (a negative input cost) before cost.estimate capped the written tokens.
@example(data={"task": "chat", "input_tokens": 20_000, "cached_input_ratio": 0.7,
               "cache_write_ratio": 0.30000000000000004}, as_of=dt.date(2026, 1, 1))
@given(data=workloads(), as_of=dates)
def test_tokens_split_into_non_negative_parts_that_sum_to_the_input(every_entry, data, as_of):
    """Uncached, cached and cache-write input tokens are each >= 0 and add up to the input tokens (the
    workload's two ratios sum to at most 1 as floats, if not always as decimals), so no cost component is
    negative: exactly in exact maths, and in modelpick's own 28-digit context too."""
    input_tokens = resolve(Workload.model_validate(data), TASKS, as_of).input_tokens
    with exact():
        found = estimates(every_entry, data, as_of)
        assert all(est.tokens.input == input_tokens for est in found.values())
    for key, est in [*found.items(), *estimates(every_entry, data, as_of).items()]:
        t = est.tokens
        assert min(t.uncached_input, t.cached_input, t.cache_write, t.output, t.reasoning) >= 0, (key, t)
        assert min(est.breakdown.values()) >= 0, (key, est.breakdown)
