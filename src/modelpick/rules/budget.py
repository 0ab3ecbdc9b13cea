"""The workload's monthly budget, judged on the monthly cost: for token distributions, the expected one (a
month's bill is the sum of many requests, which stays close to its expectation: the p95 month in the output
says how close)."""

from decimal import Decimal

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings
from modelpick.workload import ResolvedWorkload


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    limit = w.requires.max_monthly_cost_usd
    if limit is not None and cost.per_month > Decimal(str(limit)):
        out.reasons.append(f"costs ${cost.per_month:,.2f}/month, over the budget of ${limit:,.2f}")
