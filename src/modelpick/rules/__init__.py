"""Hard rules, one per concern. Each adds every reason an entry fails, never only the first."""

from collections.abc import Callable, Hashable

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules import (
    budget,
    context,
    features,
    knowledge,
    lifecycle,
    modalities,
    providers,
    quality,
    speed,
)
from modelpick.rules.base import Findings, Rule
from modelpick.workload import ResolvedWorkload

RULES: tuple[Rule, ...] = (
    modalities.check,
    features.check,
    context.check,
    knowledge.check,
    providers.check,
    lifecycle.check,
    quality.check,
    budget.check,
    speed.check,
)

# The rules whose outcome reads only the entry and some of the workload's requirements, task and date: not
# its token counts or the cost estimate (context and budget do). Each maps to its module's `reads`: what it
# reads of the workload, so that a batch of workloads (batch.py) runs it once per (entry, that).
STATIC_RULES: dict[Rule, Callable[[ResolvedWorkload], Hashable]] = {
    modalities.check: modalities.reads,
    features.check: features.reads,
    knowledge.check: knowledge.reads,
    providers.check: providers.reads,
    lifecycle.check: lifecycle.reads,
    quality.check: quality.reads,
    speed.check: speed.reads,
}


def apply_rules(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, rules: tuple[Rule, ...] = RULES) -> Findings:
    out = Findings()
    for rule in rules:
        rule(entry, w, cost, out)
    return out


__all__ = ["RULES", "STATIC_RULES", "Findings", "Rule", "apply_rules"]
