"""The typed results every renderer reads. JSON output is these models, dumped."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

SCHEMA_VERSION = "1"


def money_number(value: Decimal) -> float | int:
    """A JSON number without binary-float noise: round to 10 decimal places and at most 15 significant
    digits, which a float's shortest repr reproduces exactly."""
    # quantize() may not produce more digits than the context's precision: the default 28 fails from $1e18,
    # which the largest workload the schema allows reaches.
    with localcontext() as context:
        context.prec = 60
        value = value.quantize(Decimal("1e-10"), rounding=ROUND_HALF_EVEN)
        digits = value.adjusted() + 1
        if digits > 5:
            value = value.quantize(Decimal(1).scaleb(digits - 15), rounding=ROUND_HALF_EVEN)
        value = value.normalize()
        return int(value) if value == value.to_integral_value() else float(value)


def money_text(value: Decimal | float | None) -> str:
    """Money for people: whole dollars from $100, cents from $1, else three significant digits."""
    if value is None:
        return "-"
    value = Decimal(str(value))
    if value >= 100:
        return f"${value:,.0f}"
    if value >= 1:
        return f"${value:,.2f}"
    if value == 0:
        return "$0"
    places = max(2, -value.adjusted() + 2)
    whole, _, decimals = f"{value:.{places}f}".partition(".")
    return f"${whole}.{decimals.rstrip('0').ljust(2, '0')}"


Money = Annotated[Decimal, PlainSerializer(money_number, return_type=float, when_used="json")]


class Result(BaseModel):
    model_config = ConfigDict(frozen=True)


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
    schema_version: str = SCHEMA_VERSION
    as_of: dt.date
    workload: dict[str, Any]
    task: str
    weights: dict[str, float]
    notes: list[str] = []


class Recommendation(Evaluated):
    ranking: list[EntryResult]
    excluded: list[Excluded]


class Comparison(Evaluated):
    models: list[ComparedEntry]


class CostResult(ComparedEntry):
    schema_version: str = SCHEMA_VERSION
    as_of: dt.date
    workload: dict[str, Any]
    task: str
    notes: list[str] = []


class ModelInfo(Result):
    id: str
    provider: str
    name: str
    creator: str
    family: str | None
    context_window: int
    max_output_tokens: int
    knowledge_cutoff: dt.date | None
    release_date: dt.date | None
    modalities: dict[str, list[str]]
    features: list[str]
    reasoning: bool
    reasoning_efforts: dict[str, Any] | None = Field(
        default=None, description="efforts offered, the API default, and measurements per effort")
    open_weights: bool
    lifecycle: dict[str, Any]
    pricing: dict[str, Any]
    performance: dict[str, Any] | None
    benchmarks: dict[str, dict[str, Any]]
    snapshots: list[str]
    aliases: list[str]
    sources: dict[str, dict[str, Any]]
    file: str


class ValueOrigin(Result):
    """Where one value of an entry was set: its registry layer, file and line, and the source it cites."""

    path: str
    value: Any
    layer: str
    file: str
    line: int | None
    source: str | None
    url: str | None
    read: str | None


class ModelShow(ModelInfo):
    schema_version: str = SCHEMA_VERSION
    origins: list[ValueOrigin] | None = Field(default=None, description="with --sources: every value's origin")


class ModelList(Result):
    schema_version: str = SCHEMA_VERSION
    models: list[ModelInfo]


class TaskInfo(Result):
    id: str
    name: str
    description: str
    benchmarks: dict[str, float]
    balance: dict[str, float]
    floors: dict[str, float]
    example: dict[str, int]


class TaskList(Result):
    schema_version: str = SCHEMA_VERSION
    tasks: list[TaskInfo]


class Finding(Result):
    rule: str
    severity: Literal["error", "warning"]
    message: str


class CheckCost(Result):
    per_request: Money
    per_day: Money
    per_month: Money


class BestAlternative(Result):
    model: str
    provider: str
    per_month: Money


class CostChange(Result):
    baseline_model: str | None
    baseline_per_month: Money | None
    per_month: Money | None
    change: float | None = None  # ratio: 0.25 = 25% more than the baseline


class CheckedWorkload(Result):
    name: str
    model: str
    provider: str | None
    status: Literal["pass", "warn", "fail"]
    findings: list[Finding]
    cost: CheckCost | None
    best_alternative: BestAlternative | None
    rank: int | None = None
    line: int | None = None
    baseline: CostChange | None = None
    reasoning: ReasoningAssumed | None = Field(default=None, description="the effort and hidden tokens assumed")


class CheckResult(Result):
    schema_version: str = SCHEMA_VERSION
    as_of: dt.date
    config: str
    strict: bool = False
    results: list[CheckedWorkload]
    summary: dict[str, int]


class ImportResult(Result):
    """What `registry import` read and wrote."""

    schema_version: str = SCHEMA_VERSION
    format: str
    file: str
    read: dt.date = Field(description="the date every imported value cites as read")
    total: int
    imported: int
    skipped: dict[str, int] = Field(description="reason -> entries skipped for it")
    filtered: int = Field(description="entries of providers left out by --provider")
    providers: dict[str, int] = Field(description="provider -> entries written")
    written: list[str]
