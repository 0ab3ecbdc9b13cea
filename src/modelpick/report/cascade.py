"""Results of `modelpick cascade`: a chain of models, each escalating a share of requests to the next."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from modelpick.report.base import Money, Output, Result
from modelpick.report.evaluation import Evaluated, ReasoningAssumed


class CascadeStage(Result):
    """One stage of a cascade: its share of the requests, and its own cost and quality alone."""

    stage: int = Field(description="1 for the model every request goes to first")
    model: str
    provider: str
    name: str
    reaches: float = Field(description="share of all requests that reach this stage")
    answers: float = Field(description="share of all requests answered here (not escalated further)")
    escalation_rate: float | None = Field(description="share of this stage's requests handed to the next; "
                                                      "null at the last stage")
    per_request: Money = Field(description="this stage's cost alone, had it served every request")
    per_day: Money
    per_month: Money
    batch: bool
    service_tier: str
    tier: str | None
    reasoning: ReasoningAssumed
    quality: float | None = Field(description="task quality as recommend scores it; null: unknown")
    quality_thin: bool
    fits: bool
    excluded: list[str] = Field(description="every hard rule of the workload this stage fails")
    warnings: list[str]


class Cascade(Result):
    """A chain of stages, its blended cost and expected quality, and what it saves against its strongest stage."""

    rank: int | None = Field(description="place in a search's list; null for a chain given")
    chain: list[str] = Field(description="PROVIDER/MODEL of each stage, first to last")
    escalation_rates: list[float] = Field(description="one per hand-off, 0..1")
    stages: list[CascadeStage]
    per_request: Money = Field(description="blended: sum over stages of the share reaching it x its cost")
    per_day: Money
    per_month: Money
    expected_quality: float | None = Field(description="sum over stages of the share answered there x its "
                                                       "quality; an assumption (see `assumption`); null: a "
                                                       "stage's quality is unknown")
    strongest: str | None = Field(description="PROVIDER/MODEL of the stage of highest known quality")
    strongest_per_month: Money | None
    saving_per_month: Money | None = Field(description="the strongest stage alone minus the cascade; "
                                                       "negative: the cascade costs more")
    saving_share: float | None
    break_even_rate: float | None = Field(description="first hand-off rate above which the cascade costs more "
                                                      "than the strongest stage alone (later rates held); "
                                                      "null: never pays or pays at every rate, see break_even")
    break_even: str
    fits: bool = Field(description="false when any stage fails the workload's hard rules")


class CascadeResult(Evaluated, Output):
    mode: Literal["chain", "search"] = Field(description="chain: the models given; search: the best found")
    depth: int
    definition: str
    assumption: str
    cascades: list[Cascade]
