"""The cost model: pure functions in Decimal arithmetic, USD.

Per request, for the price set that applies (standard, batch, or the flex / priority service tier; a
long-context tier when the request's input is above its threshold, for the whole request):

    input        = uncached input tokens            x input price
    cached_input = input x cached_input_ratio       x cached_input price
    cache_write  = input x cache_write_ratio        x cache_write price
    output       = output tokens                    x output price
    reasoning    = hidden reasoning tokens          x reasoning price (the output price unless set)

all divided by 1,000,000 (prices are per 1M tokens). Per day = per request x requests per day; per month
= per day x days per month (30 unless the workload sets days_per_month), or per request x
requests_per_month when the workload gives that.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field, replace
from decimal import Decimal

from modelpick import distribution
from modelpick.registry.loader import Entry
from modelpick.registry.schema import PriceSchedule, PriceSet, TierPrices
from modelpick.workload import DEFAULT_REQUESTS_PER_DAY, Workload

MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Tokens:
    """Per-request token counts, split the way they are billed."""

    uncached_input: Decimal
    cached_input: Decimal
    cache_write: Decimal
    output: Decimal
    reasoning: Decimal

    @property
    def input(self) -> Decimal:
        return self.uncached_input + self.cached_input + self.cache_write


@dataclass(frozen=True)
class Spread:
    """What a distribution workload adds to its expected cost (see `expected`)."""

    p95_per_request: Decimal  # one request with input, output and reasoning each at its p95
    p95_per_day: Decimal
    p95_per_month: Decimal  # requests x expected + z95 x sqrt(requests) x sd of one request's cost
    p95_tokens: Tokens
    p95_tier: str | None
    sd_per_request: Decimal
    tier_shares: dict[str, float]  # tier name -> share of requests whose input is above its threshold
    tiers_above: dict[str, int]  # tier name -> its threshold
    fits: distribution.RequestTokens | None = None  # the distributions integrated over
    over_window: float = 0.0  # share of requests with input + output + reasoning above the context window
    over_max_output: float = 0.0  # share of requests with output + reasoning above max output


@dataclass(frozen=True)
class CostEstimate:
    per_request: Decimal
    per_day: Decimal
    per_month: Decimal
    breakdown: dict[str, Decimal]  # per request, by component
    prices: PriceSet
    tokens: Tokens
    batch: bool
    service_tier: str  # the tier whose prices were applied: standard, flex or priority
    tier: str | None
    requests_per_day: Decimal
    requests_per_month: Decimal
    warnings: list[str] = field(default_factory=list)
    spread: Spread | None = None  # set when the token counts are distributions: the per_* figures are expected


def _dec(value: float | int) -> Decimal:
    return Decimal(str(value))


def select_prices(entry: Entry, input_tokens: int, variant: str | None,
                  as_of: dt.date | None = None) -> tuple[PriceSet, str | None, str | None, list[str]]:
    """The price set for a request: (prices, the variant applied or None for standard, tier name, warnings).
    `variant` is `batch`, `flex` or `priority` (None: standard). A long-context tier's own variant prices
    apply above its threshold. With `as_of`, from the price list in force that day (pricing.history)."""
    pricing: PriceSchedule = entry.model.pricing
    warnings: list[str] = []
    if as_of is not None:
        pricing, note = entry.model.pricing.in_force(as_of)
        warnings += [note] if note else []
    tier = None
    prices: TierPrices = pricing
    for candidate in pricing.tiers:
        if input_tokens > candidate.above_input_tokens:
            tier, prices = candidate, candidate
    tier_name = f">{tier.above_input_tokens:,} input tokens" if tier else None
    if variant is None:
        return prices, None, tier_name, warnings
    chosen = getattr(prices, variant)
    if chosen is not None:
        return chosen, variant, tier_name, warnings
    what = "batch price" if variant == "batch" else f"{variant} price"
    if getattr(pricing, variant) is not None and tier is not None:
        warnings.append(f"no {what} for the {tier_name} tier: standard tier prices used")
    else:
        warnings.append(f"no {what} offered: standard prices used")
    return prices, None, tier_name, warnings


def estimate(entry: Entry, workload: Workload, input_tokens: int | Decimal, output_tokens: int | Decimal,
             as_of: dt.date | None = None, reasoning: Decimal = Decimal(0), *,
             priced_at: int | Decimal | None = None) -> CostEstimate:
    """The cost of the workload on one entry, at the prices in force on `as_of`. Token counts come resolved
    (task defaults applied; `reasoning` = hidden reasoning tokens per request, see reasoning.assume).
    `priced_at`: the input tokens that choose the long-context tier, when not `input_tokens` (an expected
    count within one tier's range, see `expected`)."""
    wanted = "batch" if workload.batch else None if workload.service_tier == "standard" else workload.service_tier
    tier_input = input_tokens if priced_at is None else priced_at
    prices, variant, tier, warnings = select_prices(entry, tier_input, wanted, as_of)  # type: ignore[arg-type]

    total_input = Decimal(input_tokens)
    cached = total_input * _dec(workload.cached_input_ratio)
    # The two ratios sum to at most 1 as floats, but their decimal forms may not (0.7 + 0.30000000000000004 is
    # 1 as floats, 1.00000000000000004 as decimals): cap the written tokens at those not cached, so that the
    # uncached tokens are never negative.
    written = min(total_input * _dec(workload.cache_write_ratio), total_input - cached)
    cached_price = prices.cached_input
    if cached and cached_price is None:
        warnings.append("no cached-input price: cached tokens billed at the input price")
        cached_price = prices.input
    write_price = prices.cache_write
    if written and write_price is None:
        # Providers without a cache-write price (OpenAI, Gemini implicit caching) bill writes as input.
        write_price = prices.input
    tokens = Tokens(total_input - cached - written, cached, written, Decimal(output_tokens), reasoning)
    reasoning_price = prices.reasoning if prices.reasoning is not None else prices.output

    breakdown = {
        "input": tokens.uncached_input * prices.input / MILLION,
        "cached_input": tokens.cached_input * (cached_price or 0) / MILLION,
        "cache_write": tokens.cache_write * (write_price or 0) / MILLION,
        "output": tokens.output * prices.output / MILLION,
        "reasoning": tokens.reasoning * reasoning_price / MILLION,
    }
    per_request = sum(breakdown.values(), Decimal(0))
    per_day, per_month, per_day_requests, per_month_requests = _volume(workload, per_request)
    return CostEstimate(
        per_request=per_request,
        per_day=per_day,
        per_month=per_month,
        breakdown=breakdown,
        prices=prices,
        tokens=tokens,
        batch=variant == "batch",
        service_tier=variant if variant in ("flex", "priority") else "standard",
        tier=tier,
        requests_per_day=per_day_requests,
        requests_per_month=per_month_requests,
        warnings=warnings,
    )


def _volume(workload: Workload, per_request: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(per day, per month, requests per day, requests per month)."""
    counts = (workload.days_per_month, workload.requests_per_month, workload.requests_per_day)
    # A cache key holds 0.0 and -0.0 as one, but Decimal("0.0") and Decimal("-0.0") print differently.
    requests = _requests.__wrapped__ if 0 in counts[1:] else _requests
    days, per_day_requests, per_month_requests = requests(*counts)
    if workload.requests_per_month is not None:
        per_month = per_request * per_month_requests
        per_day = per_month / days  # dividing last keeps a whole month exact
    else:
        per_day = per_request * per_day_requests
        per_month = per_day * days
    return per_day, per_month, per_day_requests, per_month_requests


# The same for every entry a workload is evaluated on (and for every workload with these three values); typed:
# 1000 and 1000.0 are one key to a plain cache, but Decimal("1000") and Decimal("1000.0") print differently.
@functools.lru_cache(maxsize=1024, typed=True)
def _requests(days_per_month: int, requests_per_month: float | None,
              requests_per_day: float | None) -> tuple[Decimal, Decimal, Decimal]:
    """(days per month, requests per day, requests per month) as Decimal."""
    days = Decimal(days_per_month)
    if requests_per_month is not None:
        per_month_requests = _dec(requests_per_month)
        return days, per_month_requests / days, per_month_requests
    per_day_requests = _dec(requests_per_day if requests_per_day is not None else DEFAULT_REQUESTS_PER_DAY)
    return days, per_day_requests, per_day_requests * days


def _thresholds(entry: Entry, as_of: dt.date | None) -> list[int]:
    pricing: PriceSchedule = entry.model.pricing
    if as_of is not None:
        pricing = pricing.in_force(as_of)[0]
    return sorted({t.above_input_tokens for t in pricing.tiers})


def _num(value: float) -> Decimal:
    return Decimal(repr(float(value)))


# The overflow shares are pure functions of the fitted distributions (frozen, compared by value) and a limit, and
# the same for every entry of a workload with the same context window (max output) and reasoning ratio: memoised,
# since the window's is a quadrature.
@functools.lru_cache(maxsize=4096)
def _over_window(tokens: distribution.RequestTokens, window: int) -> float:
    return tokens.share_over_window(window)


@functools.lru_cache(maxsize=4096)
def _over_output(tokens: distribution.RequestTokens, max_output: int) -> float:
    return tokens.share_over_output(max_output)


def expected(entry: Entry, workload: Workload, tokens: distribution.RequestTokens,
             as_of: dt.date | None = None) -> CostEstimate:
    """The expected cost over token distributions, and its p95 figures (`spread`).

    A long-context tier bills the whole request at its prices when the input is above its threshold, so the
    cost is linear in the tokens within each input region [0, t1], (t1, t2], ..., (tn, inf) but not across
    them. With input independent of output and reasoning:

        E[cost] = sum over regions k of P(k) x cost(E[input | k], E[output], E[reasoning]) at region k's prices

    (each term is `estimate` at those counts, E[input | k] = E[input; k] / P(k)). The per-request figures
    are then carried to a day and a month as `estimate` does.

    p95 per request: the cost of one request with input, output and reasoning each at its p95 (together:
    the p95 request, billed at the tier its p95 input falls in).
    p95 per month: requests x E[cost] + z95 x sqrt(requests) x sd(cost), the normal approximation to the
    95th percentile of a month's total of independent requests; sd(cost)^2 = E[cost^2] - E[cost]^2 with,
    in region k, cost = a_k input + b_k output + r_k reasoning (a, b, r: the region's per-token rates), so

        E[cost^2; k] = a^2 E[input^2; k] + 2 a E[input; k] (b E[out] + r E[reas])
                       + P(k) (b^2 E[out^2] + 2 b r E[out reas] + r^2 E[reas^2])

    (E[out reas] for output and reasoning at one quantile: distribution.comonotonic_moment). Per day: p95
    per month / days per month. The spread also holds the share of requests above each tier's threshold and
    the share that overflow the context window or max output (distribution.RequestTokens)."""
    mean_in, mean_out, mean_reasoning = tokens.mean()
    bounds = [0, *_thresholds(entry, as_of)]
    parts = []  # (P(k), estimate at region k's expected input)
    second = 0.0
    out2 = 0.0 if tokens.output is None else tokens.output.moment(2)
    reas2 = 0.0 if tokens.reasoning is None else tokens.reasoning.moment(2)
    cross = (0.0 if tokens.output is None or tokens.reasoning is None
             else distribution.comonotonic_moment(tokens.output, tokens.reasoning))
    for i, low in enumerate(bounds):
        high = bounds[i + 1] if i + 1 < len(bounds) else None
        if tokens.input is None:
            share, part, part2 = (1.0, 0.0, 0.0) if i == 0 else (0.0, 0.0, 0.0)
        else:
            share, part = tokens.input.region(low, high)
            part2 = tokens.input.region(low, high, 2)[1]
        if share <= 1e-15:
            continue
        est = estimate(entry, workload, _num(part / share), _num(mean_out), as_of, _num(mean_reasoning),
                       priced_at=high if high is not None else low + 1)
        parts.append((share, est))
        b = est.breakdown
        a = float(b["input"] + b["cached_input"] + b["cache_write"]) / (part / share) if part else 0.0
        o = float(b["output"]) / mean_out if mean_out else 0.0
        r = float(b["reasoning"]) / mean_reasoning if mean_reasoning else 0.0
        second += (a * a * part2 + 2 * a * part * (o * mean_out + r * mean_reasoning)
                   + share * (o * o * out2 + 2 * o * r * cross + r * r * reas2))
    total = sum(share for share, _ in parts)
    weights = [(_num(share / total), est) for share, est in parts]
    likely = max(parts, key=lambda item: item[0])[1]
    breakdown = {k: sum((w * est.breakdown[k] for w, est in weights), Decimal(0)) for k in likely.breakdown}
    per_request = sum(breakdown.values(), Decimal(0))
    mean_tokens = Tokens(*(sum((w * getattr(est.tokens, k) for w, est in weights), Decimal(0))
                           for k in ("uncached_input", "cached_input", "cache_write", "output", "reasoning")))
    warnings = list(dict.fromkeys(w for _, est in weights for w in est.warnings))
    p95_in, p95_out, p95_reasoning = tokens.p95()
    at_p95 = estimate(entry, workload, round(p95_in), round(p95_out), as_of, Decimal(round(p95_reasoning)))
    sd = _num(math.sqrt(max(0.0, second - float(per_request) ** 2)))
    per_day, per_month, rpd, rpm = _volume(workload, per_request)
    p95_month = per_month + _num(distribution.Z95) * _num(math.sqrt(float(rpm))) * sd
    thresholds = {f">{t:,} input tokens": t for t in bounds[1:]}
    spread = Spread(
        p95_per_request=at_p95.per_request, p95_per_day=p95_month / Decimal(workload.days_per_month),
        p95_per_month=p95_month, p95_tokens=at_p95.tokens, p95_tier=at_p95.tier, sd_per_request=sd,
        tier_shares={name: 0.0 if tokens.input is None else tokens.input.share_above(t)
                     for name, t in thresholds.items()},
        tiers_above=thresholds, fits=tokens, over_window=_over_window(tokens, entry.model.context_window.value),
        over_max_output=_over_output(tokens, entry.model.max_output_tokens.value))
    return replace(likely, per_request=per_request, per_day=per_day, per_month=per_month, breakdown=breakdown,
                   tokens=mean_tokens, warnings=warnings, spread=spread, requests_per_day=rpd,
                   requests_per_month=rpm)
