from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings, RuleContext


def check(entry: Entry, ctx: RuleContext, out: Findings) -> None:
    missing = [m for m in ctx.workload.requires.input_modalities if m not in entry.model.modalities.input]
    if missing:
        out.reasons.append(f"no {', '.join(missing)} input (takes {', '.join(entry.model.modalities.input)})")
