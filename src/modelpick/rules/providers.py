from collections.abc import Hashable

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings
from modelpick.workload import ResolvedWorkload


def reads(w: ResolvedWorkload) -> Hashable:
    """Everything `check` reads of the workload (its outcome is the same for workloads equal in this)."""
    r = w.requires
    return tuple(r.providers), tuple(r.exclude_providers), r.open_weights


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    requires = w.requires
    if requires.providers and entry.provider not in requires.providers:
        out.reasons.append(f"provider {entry.provider} not in the allowed list ({', '.join(requires.providers)})")
    if entry.provider in requires.exclude_providers:
        out.reasons.append(f"provider {entry.provider} is excluded")
    if requires.open_weights and not entry.model.open_weights:
        out.reasons.append("weights are not open")
