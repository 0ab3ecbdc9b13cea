from collections.abc import Hashable

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings
from modelpick.workload import ResolvedWorkload


def reads(w: ResolvedWorkload) -> Hashable:
    """Everything `check` reads of the workload (its outcome is the same for workloads equal in this)."""
    return tuple(w.requires.features)


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    have = set(entry.model.features.values)
    if entry.model.reasoning:
        have.add("reasoning")
    for feature in w.requires.features:
        if feature not in have:
            out.reasons.append(f"no {feature} (not listed by its sources)")
