"""The workload's min_quality and the task's floors."""

from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings, RuleContext


def check(entry: Entry, ctx: RuleContext, out: Findings) -> None:
    benchmarks = entry.model.benchmarks
    for key, minimum in ctx.workload.requires.min_quality.items():
        score = benchmarks.get(key)
        if score is None:
            out.reasons.append(f"{key} unknown (required >= {minimum:g})")
        elif score.value < minimum:
            out.reasons.append(f"{key} {score.value:g} < required {minimum:g}")
    for key, floor in ctx.task.floors.items():
        if key in ctx.workload.requires.min_quality:
            continue
        score = benchmarks.get(key)
        if score is None:
            out.warnings.append(f"{key} unknown: the {ctx.task_id} floor ({floor:g}) could not be checked")
        elif score.value < floor:
            why = f": {ctx.task.floor_reason}" if ctx.task.floor_reason else ""
            out.reasons.append(f"{key} {score.value:g} is below the {ctx.task_id} floor of {floor:g}{why}")
