from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings, RuleContext


def check(entry: Entry, ctx: RuleContext, out: Findings) -> None:
    have = set(entry.model.features.values)
    if entry.model.reasoning:
        have.add("reasoning")
    for feature in ctx.workload.requires.features:
        if feature not in have:
            out.reasons.append(f"no {feature} (not listed by its sources)")
