"""Hard rules, one per concern. Each adds every reason an entry fails, never only the first."""

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


def apply_rules(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, rules: tuple[Rule, ...] = RULES) -> Findings:
    out = Findings()
    for rule in rules:
        rule(entry, w, cost, out)
    return out


__all__ = ["RULES", "Findings", "Rule", "apply_rules"]
