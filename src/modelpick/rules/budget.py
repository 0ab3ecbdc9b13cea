from decimal import Decimal

from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings, RuleContext


def check(entry: Entry, ctx: RuleContext, out: Findings) -> None:
    limit = ctx.workload.requires.max_monthly_cost_usd
    if limit is not None and ctx.cost.per_month > Decimal(str(limit)):
        out.reasons.append(f"costs ${ctx.cost.per_month:,.2f}/month, over the budget of ${limit:,.2f}")
