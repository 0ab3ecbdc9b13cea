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
from dataclasses import dataclass, field
from decimal import Decimal

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


def estimate(entry: Entry, workload: Workload, input_tokens: int, output_tokens: int,
             as_of: dt.date | None = None, reasoning: Decimal = Decimal(0)) -> CostEstimate:
    """The cost of the workload on one entry, at the prices in force on `as_of`. Token counts come resolved
    (task defaults applied; `reasoning` = hidden reasoning tokens per request, see reasoning.assume)."""
    wanted = "batch" if workload.batch else None if workload.service_tier == "standard" else workload.service_tier
    prices, variant, tier, warnings = select_prices(entry, input_tokens, wanted, as_of)

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
    days = Decimal(workload.days_per_month)
    if workload.requests_per_month is not None:
        per_month_requests = _dec(workload.requests_per_month)
        per_day_requests = per_month_requests / days
        per_month = per_request * per_month_requests
        per_day = per_month / days  # dividing last keeps a whole month exact
    else:
        per_day_requests = _dec(workload.requests_per_day if workload.requests_per_day is not None
                                else DEFAULT_REQUESTS_PER_DAY)
        per_month_requests = per_day_requests * days
        per_day = per_request * per_day_requests
        per_month = per_day * days
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
