"""The result of `modelpick check`: each configured workload judged against the registry and its policy."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from modelpick.report.base import Money, Output, Result
from modelpick.report.evaluation import ReasoningAssumed


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


class CheckResult(Output):
    as_of: dt.date
    config: str
    strict: bool = False
    results: list[CheckedWorkload]
    summary: dict[str, int]

    @property
    def failing(self) -> int:
        """The workloads that fail the check (`summary["fail"]`): the CLI exits 1 when there is one."""
        return sum(r.status == "fail" for r in self.results)
