from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings, RuleContext


def check(entry: Entry, ctx: RuleContext, out: Findings) -> None:
    requires = ctx.workload.requires
    if requires.providers and entry.provider not in requires.providers:
        out.reasons.append(f"provider {entry.provider} not in the allowed list ({', '.join(requires.providers)})")
    if entry.provider in requires.exclude_providers:
        out.reasons.append(f"provider {entry.provider} is excluded")
    if requires.open_weights and not entry.model.open_weights:
        out.reasons.append("weights are not open")
