from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings
from modelpick.workload import ResolvedWorkload


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    after = w.requires.knowledge_after
    if after is None:
        return
    cutoff = entry.model.knowledge_cutoff
    if cutoff is None:
        out.reasons.append(f"knowledge cutoff unknown (required on or after {after})")
    elif cutoff.value < after:
        out.reasons.append(f"knowledge cutoff {cutoff.value} is before {after}")
