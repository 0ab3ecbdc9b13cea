from collections.abc import Hashable

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings
from modelpick.workload import ResolvedWorkload


def reads(w: ResolvedWorkload) -> Hashable:
    """Everything `check` reads of the workload (its outcome is the same for workloads equal in this)."""
    return w.requires.knowledge_after


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    after = w.requires.knowledge_after
    if after is None:
        return
    cutoff = entry.model.knowledge_cutoff
    if cutoff is None:
        out.reasons.append(f"knowledge cutoff unknown (required on or after {after})")
    elif cutoff.value < after:
        out.reasons.append(f"knowledge cutoff {cutoff.value} is before {after}")
