"""The workload's min_quality and the task's floors."""

from collections.abc import Hashable

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings
from modelpick.workload import ResolvedWorkload


def reads(w: ResolvedWorkload) -> Hashable:
    """Everything `check` reads of the workload (its outcome is the same for workloads equal in this)."""
    return tuple(w.requires.min_quality.items()), w.task_id, tuple(w.task.floors.items()), w.task.floor_reason


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    benchmarks = entry.model.benchmarks
    for key, minimum in w.requires.min_quality.items():
        score = benchmarks.get(key)
        if score is None:
            out.reasons.append(f"{key} unknown (required >= {minimum:g})")
        elif score.value < minimum:
            out.reasons.append(f"{key} {score.value:g} < required {minimum:g}")
    for key, floor in w.task.floors.items():
        if key in w.requires.min_quality:
            continue
        score = benchmarks.get(key)
        if score is None:
            out.warnings.append(f"{key} unknown: the {w.task_id} floor ({floor:g}) could not be checked")
        elif score.value < floor:
            why = f": {w.task.floor_reason}" if w.task.floor_reason else ""
            out.reasons.append(f"{key} {score.value:g} is below the {w.task_id} floor of {floor:g}{why}")
