"""Results of recommend, compare and cost: each entry evaluated against a workload."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from modelpick.report.base import Money, Output, Result


class CostBreakdown(Result):
    input: Money
    cached_input: Money
    cache_write: Money
    output: Money
    reasoning: Money


def _absent(value: Any) -> bool:
    return value is None


class TokenFit(Result):
    """A token count as a log-normal distribution: ln X ~ Normal(mu, sigma) (sigma 0: a constant)."""

    given: dict[str, int] | None = Field(description="the points the workload gave ({p50, p95} or {mean, p95}); "
                                                     "null where derived (reasoning as a ratio of output)")
    mean: float
    p50: float
    p95: float
    mu: float
    sigma: float


class TokenDistributions(Result):
    """The distributions the expected cost integrates over (derived: fitted through the workload's points)."""

    input: TokenFit | None
    output: TokenFit | None
    reasoning: TokenFit | None
    basis: str


class TokenCounts(Result):
    """Tokens per request; for token distributions, expected values (rounded), with the fits."""

    input: int
    cached_input: int
    cache_write: int
    output: int
    reasoning: int
    distribution: TokenDistributions | None = Field(default=None, exclude_if=_absent)


P95_REQUEST = "the cost of one request with input, output and reasoning tokens each at its p95"
P95_MONTH = ("requests x expected cost per request + 1.645 x sqrt(requests) x sd of one request's cost (normal "
             "approximation of a month's total; the volume as given)")
EXPECTED = ("derived: expected over the fitted token distributions (log-normal; input and output independent, "
            "reasoning moving with output)")


class CostP95(Result):
    """p95 figures of a distribution workload (derived from the fitted distributions)."""

    per_request: Money = Field(description=P95_REQUEST)
    per_day: Money = Field(description="per_month / days per month")
    per_month: Money = Field(description=P95_MONTH)
    tokens: dict[str, int] = Field(description="the p95 request: input, output, reasoning")
    tier: str | None = Field(description="the long-context tier the p95 request is billed at")
    sd_per_request: Money = Field(description="standard deviation of one request's cost")
    definition: str


class TierShare(Result):
    tier: str
    above_input_tokens: int
    share: float = Field(description="share of requests whose input is above the threshold, billed wholly at "
                                     "the tier's prices (derived)")


class OverflowShare(Result):
    """Shares of requests that do not fit (derived from the fitted distributions)."""

    context_window: float = Field(description="input + output + reasoning above the context window")
    max_output: float = Field(description="output + reasoning above max output")


class CostReport(Result):
    per_request: Money
    per_day: Money
    per_month: Money
    breakdown: CostBreakdown
    batch: bool
    service_tier: str = "standard"
    tier: str | None
    tokens: TokenCounts
    prices: dict[str, Money]
    requests_per_day: Money
    requests_per_month: Money
    derived: str | None = Field(default=None, exclude_if=_absent,
                                description="set when the per_* figures are expected values over token distributions")
    p95: CostP95 | None = Field(default=None, exclude_if=_absent)
    tier_shares: list[TierShare] | None = Field(default=None, exclude_if=_absent)
    overflow_share: OverflowShare | None = Field(default=None, exclude_if=_absent)


class Scores(Result):
    quality: float | None
    cost: float | None
    speed: float | None


class ReasoningAssumed(Result):
    """The reasoning effort and hidden tokens assumed for an entry, and on what evidence."""

    effort: str | None = Field(description="null: the entry does not reason")
    effort_basis: str
    hidden_tokens: int = Field(description="hidden reasoning tokens per request, billed and counted in limits")
    per_output_token: float | None
    kind: Literal["none", "workload", "measured", "derived", "unknown"]
    basis: str


class QualityEvidence(Result):
    """What an entry's quality rests on: the task's benchmarks it has, on their fixed scales."""

    benchmarks: dict[str, float] = Field(description="benchmark key -> the entry's value")
    coverage: float = Field(description="share of the task's benchmark weight these cover, 0..1")
    thin: bool = Field(description="coverage below the threshold: quality is scaled down for ranking")
    unadjusted: float = Field(description="quality before the thin-evidence adjustment")
    effort: str | None = Field(default=None, description="the reasoning effort the scores were measured at, "
                                                         "where the registry has scores per effort")


class Speed(Result):
    """Seconds per request: time to the first answer token (thinking included) + output / output speed."""

    seconds_per_request: float | None
    basis: str


class EntryResult(Result):
    rank: int | None
    model: str
    provider: str
    name: str
    score: float | None
    scores: Scores
    cost: CostReport
    reasons: list[str]
    warnings: list[str]
    quality_basis: dict[str, float]
    context_window: int
    output_tokens_per_s: float | None
    ttft_s: float | None
    lifecycle: str
    reasoning: ReasoningAssumed
    quality_evidence: QualityEvidence | None
    speed: Speed


class ComparedEntry(EntryResult):
    fits: bool


class Excluded(Result):
    model: str
    provider: str
    name: str
    reasons: list[str]


class Evaluated(Result):
    """What recommend and compare share: the day, the workload and the task it was evaluated for."""

    as_of: dt.date
    workload: dict[str, Any]
    task: str
    weights: dict[str, float]
    notes: list[str] = []


class Recommendation(Evaluated, Output):
    ranking: list[EntryResult]
    excluded: list[Excluded]


class Comparison(Evaluated, Output):
    models: list[ComparedEntry]


class CostResult(Output, ComparedEntry):
    as_of: dt.date
    workload: dict[str, Any]
    task: str
    notes: list[str] = []
