"""What every hard rule sees, and what it reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.registry.schema import TaskProfile
from modelpick.workload import Workload


@dataclass(frozen=True)
class RuleContext:
    workload: Workload
    task_id: str
    task: TaskProfile
    as_of: dt.date
    input_tokens: int
    output_tokens: int
    cost: CostEstimate


@dataclass
class Findings:
    """Reasons exclude an entry; warnings do not."""

    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Rule(Protocol):
    def __call__(self, entry: Entry, ctx: RuleContext, out: Findings) -> None: ...


def tokens(n: int | float) -> str:
    return f"{int(n):,}"
