from collections.abc import Hashable

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings
from modelpick.workload import ResolvedWorkload


def reads(w: ResolvedWorkload) -> Hashable:
    """Everything `check` reads of the workload (its outcome is the same for workloads equal in this)."""
    return tuple(w.requires.input_modalities)


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    missing = [m for m in w.requires.input_modalities if m not in entry.model.modalities.input]
    if missing:
        out.reasons.append(f"no {', '.join(missing)} input (takes {', '.join(entry.model.modalities.input)})")
