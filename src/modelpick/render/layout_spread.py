"""Rows and notes that a workload of token distributions adds to the recommend, compare and cost layouts
(render/layout.py): p95 figures, the fitted distributions, tier and overflow shares. A workload of plain
numbers adds nothing, so its output stays as it was."""

from __future__ import annotations

from typing import Any

from modelpick.report import EntryResult, money_text
from modelpick.report.evaluation import CostReport, TokenFit


def token_text(value: Any) -> str:
    """A workload's token count: `4,000`, or a distribution as given, `800 (p95 4,000)`, `mean 800 (p95 ...)`."""
    if isinstance(value, dict):
        center = f"{value['p50']:,}" if value.get("p50") is not None else f"mean {value.get('mean', 0):,}"
        return f"{center} (p95 {value['p95']:,})"
    return f"{value:,}"


def share_text(share: float) -> str:
    """3.2%, 0.04%, <0.01%, 0%."""
    if share >= 0.001:
        return f"{share:.1%}"
    if share >= 0.0001:
        return f"{share:.2%}"
    return "<0.01%" if share > 0 else "0%"


def has_spread(entries: list[Any]) -> bool:
    return any(e.cost.p95 is not None for e in entries)


def tier_text(cost: CostReport) -> str:
    """`3.2% >200,000 input tokens`, one per tier; `-` without tiers."""
    return "; ".join(f"{share_text(t.share)} {t.tier}" for t in cost.tier_shares or []) or "-"


def overflow_text(cost: CostReport) -> str:
    o = cost.overflow_share
    if o is None:
        return "-"
    return f"window {share_text(o.context_window)}, max output {share_text(o.max_output)}"


def caveats(entry: EntryResult) -> list[str]:
    """The share of requests that a long-context tier bills at its prices, where any cross one."""
    return [f"{share_text(t.share)} of requests cross the {t.tier} tier, billed wholly at its prices (derived from "
            "the fitted input distribution; included in the expected cost)"
            for t in entry.cost.tier_shares or [] if t.share >= 0.0001]


def compare_rows(entries: list[Any]) -> list[tuple[str, Any]]:
    """(label, cell getter) rows for compare, after $/request."""
    if not has_spread(entries):
        return []
    return [("p95 $/month", lambda e: money_text(e.cost.p95.per_month) if e.cost.p95 else "-"),
            ("p95 $/request", lambda e: money_text(e.cost.p95.per_request) if e.cost.p95 else "-"),
            ("tier share", lambda e: tier_text(e.cost)),
            ("overflow share", lambda e: overflow_text(e.cost))]


def _fit_text(name: str, fit: TokenFit | None) -> str | None:
    return None if fit is None or fit.given is None else f"{name} mu {fit.mu:.4g}, sigma {fit.sigma:.4g}"


def definitions(entries: list[Any]) -> list[str]:
    """What the $/month and p95 figures are, once under a table of entries with distributions."""
    if not has_spread(entries):
        return []
    return ["$/month and $/request are expected values over the fitted token distributions (derived); p95 "
            "$/request: one request with input, output and reasoning each at its p95; p95 $/month: requests x "
            "expected + 1.645 x sqrt(requests) x sd of one request's cost (normal approximation)"]


def cost_rows(cost: CostReport) -> list[list[str]]:
    """The cost table's p95 rows: the p95 request, and the p95 month (whose day is the month / days)."""
    p95 = cost.p95
    if p95 is None:
        return []
    tokens = sum(p95.tokens.values())
    return [["p95 request", f"{tokens:,}", "", money_text(p95.per_request), "", ""],
            ["p95 month", "", "", "", money_text(p95.per_day), money_text(p95.per_month)]]


def cost_notes(cost: CostReport) -> list[str]:
    p95 = cost.p95
    dist = cost.tokens.distribution
    if p95 is None or dist is None:
        return []
    fits = [t for t in (_fit_text("input", dist.input), _fit_text("output", dist.output),
                        _fit_text("reasoning", dist.reasoning)) if t]
    t = p95.tokens
    tier = f", at the {p95.tier} tier" if p95.tier else ""
    return [f"log-normal fits: {'; '.join(fits)}; the table's tokens are expected values, its prices those of "
            "the most likely tier (each tier's prices weigh in by its share)",
            f"p95 request: {t['input']:,} in + {t['output']:,} out + {t['reasoning']:,} reasoning, each at its "
            f"p95{tier}; p95 month: requests x expected + 1.645 x sqrt(requests) x sd of one request's cost "
            f"({money_text(p95.sd_per_request)}), a normal approximation",
            f"tier share: {tier_text(cost)}; overflow share: {overflow_text(cost)}"]
