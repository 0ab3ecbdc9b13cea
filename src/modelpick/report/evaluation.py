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


class TokenCounts(Result):
    input: int
    cached_input: int
    cache_write: int
    output: int
    reasoning: int


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
