"""What every hard rule sees (an entry, the resolved workload, the entry's cost estimate on it), and what it
reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.workload import ResolvedWorkload


@dataclass
class Findings:
    """Reasons exclude an entry; warnings do not."""

    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Rule(Protocol):
    def __call__(self, entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None: ...


def tokens(n: int | float) -> str:
    return f"{int(n):,}"
