"""Results of `frontier` (the cost/quality Pareto frontier of a workload) and `breakeven` (where the cheaper
of two entries changes as one workload value moves)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from modelpick.report.base import Money, Output, Result
from modelpick.report.evaluation import Evaluated, ReasoningAssumed


class FrontierPoint(Result):
    """One charted entry: it fits the workload and its quality is known."""

    model: str
    provider: str
    name: str
    per_month: Money
    per_request: Money
    quality: float = Field(description="the quality the ranking uses (thin evidence scaled down), 0..1, 4 places")
    quality_unadjusted: float
    thin: bool = Field(description="thin evidence: quality is scaled down (see recommend)")
    seconds_per_request: float | None = Field(description="null: speed unknown")
    frontier: bool = Field(description="on the cost/quality frontier: no charted entry dominates it")
    dominated_by: str | None = Field(description="PROVIDER/MODEL of one entry that dominates it (the cheapest, "
                                                 "then the best quality, then by name); null on the frontier")
    speed_frontier: bool | None = Field(description="on the cost/speed frontier of the charted entries; null: "
                                                    "speed unknown")
    reasoning: ReasoningAssumed
    warnings: list[str]


class Unplotted(Result):
    """An entry left off the chart, and why: it does not fit, or its quality is unknown."""

    model: str
    provider: str
    name: str
    fits: bool
    reasons: list[str]


class FrontierResult(Evaluated, Output):
    points: list[FrontierPoint] = Field(description="by monthly cost, then quality (best first), then name")
    frontier: list[str] = Field(description="PROVIDER/MODEL of the frontier entries, cheapest first")
    speed_frontier: list[str] = Field(description="PROVIDER/MODEL on the cost/speed frontier, cheapest first")
    unplotted: list[Unplotted]


Parameter = Literal["requests_per_day", "cached_input_ratio", "output_tokens", "batch_share"]


class PairEntry(Result):
    """One of the two entries compared, at the workload as given."""

    model: str
    provider: str
    name: str
    per_request: Money
    per_month: Money
    fits: bool
    reasons: list[str] = Field(description="why it does not fit, when it does not")
    warnings: list[str]


class SideCheck(Result):
    """Both entries' costs at one value of the parameter (a check of the break-even point): per request, or per
    month for requests_per_day (BreakevenPoint.checked_per)."""

    value: float
    cost_a: Money
    cost_b: Money
    cheaper: str | None = Field(description="PROVIDER/MODEL; null when they cost the same")


class BreakevenPoint(Result):
    parameter: Parameter
    current: float = Field(description="the workload's value")
    range: list[float] = Field(description="the values searched: [low, high]")
    breakeven: float | None = Field(description="where the cheaper entry changes; null: never")
    never: str | None = Field(description="why it never changes, when it does not")
    cheaper_below: str | None = Field(description="PROVIDER/MODEL cheaper below the point (or throughout); "
                                                  "null when they cost the same")
    cheaper_above: str | None
    per_month_a: Money = Field(description="A's monthly cost at the current value")
    per_month_b: Money
    checked: list[SideCheck] = Field(description="both costs just below and above the point (or at both ends of "
                                                 "the range)")
    checked_per: Literal["request", "month"] = "request"
    notes: list[str]


class BreakevenResult(Evaluated, Output):
    a: PairEntry
    b: PairEntry
    parameters: list[BreakevenPoint]
