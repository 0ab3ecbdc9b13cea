from collections.abc import Hashable

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings
from modelpick.workload import ResolvedWorkload


def reads(w: ResolvedWorkload) -> Hashable:
    """Everything `check` reads of the workload (its outcome is the same for workloads equal in this)."""
    return w.requires.max_ttft_s, w.requires.min_output_tokens_per_s


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    requires = w.requires
    perf = entry.model.performance
    if requires.max_ttft_s is not None:
        ttft = perf.ttft_s if perf else None
        if ttft is None:
            out.reasons.append(f"time to first token unknown (required <= {requires.max_ttft_s:g} s)")
        elif ttft > requires.max_ttft_s:
            out.reasons.append(f"time to first token {ttft:g} s > {requires.max_ttft_s:g} s")
    if requires.min_output_tokens_per_s is not None:
        tps = perf.output_tokens_per_s if perf else None
        if tps is None:
            out.reasons.append(f"output speed unknown (required >= {requires.min_output_tokens_per_s:g} tokens/s)")
        elif tps < requires.min_output_tokens_per_s:
            out.reasons.append(f"output speed {tps:g} tokens/s < {requires.min_output_tokens_per_s:g} tokens/s")
