"""CSV rows from the result itself, not from display strings: raw numbers (plain decimals for money,
integers for tokens) that a spreadsheet or a script reads without parsing "$1,874" or "131k"."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from modelpick.render import type_name
from modelpick.render.layout import Document, Section, layout
from modelpick.report import Comparison, CostResult, EntryResult, Recommendation, money_number

ENTRY_HEADERS = ["rank", "model", "provider", "name", "score", "quality", "quality_unadjusted", "quality_coverage",
                 "quality_thin", "per_request", "per_day", "per_month", "batch", "service_tier", "tier", "context_window",
                 "output_tokens_per_s", "ttft_s", "seconds_per_request", "effort", "hidden_tokens",
                 "hidden_tokens_kind", "lifecycle", "reasons", "warnings"]


# Columns a workload of token distributions adds after the entry's columns (absent for plain numbers).
SPREAD_HEADERS = ["p95_per_request", "p95_per_day", "p95_per_month", "tier_shares", "overflow_context_window_share",
                  "overflow_max_output_share"]


def _spread(e: EntryResult) -> list[str]:
    """p95 figures, the share above each tier (`ABOVE=SHARE`, joined with ` | `) and the overflow shares."""
    p95, overflow = e.cost.p95, e.cost.overflow_share
    if p95 is None or overflow is None:
        return [""] * len(SPREAD_HEADERS)
    tiers = " | ".join(f"{t.above_input_tokens}={t.share:g}" for t in e.cost.tier_shares or [])
    return [decimal(p95.per_request), decimal(p95.per_day), decimal(p95.per_month), tiers,
            f"{overflow.context_window:g}", f"{overflow.max_output:g}"]


def _headers(entries: list[Any]) -> list[str]:
    return ENTRY_HEADERS + (SPREAD_HEADERS if any(e.cost.p95 is not None for e in entries) else [])


def _row(e: EntryResult, entries: list[Any]) -> list[str]:
    return _entry(e) + (_spread(e) if len(_headers(entries)) > len(ENTRY_HEADERS) else [])


def decimal(value: Decimal | None) -> str:
    """Money as a plain decimal, rounded as JSON rounds it (0.000002, never 2e-06)."""
    return "" if value is None else format(Decimal(str(money_number(value))), "f")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _entry(e: EntryResult) -> list[str]:
    evidence = e.quality_evidence
    values = [e.rank, e.model, e.provider, e.name, e.score, e.scores.quality,
              evidence.unadjusted if evidence else None, evidence.coverage if evidence else None,
              evidence.thin if evidence else None]
    cost = [decimal(e.cost.per_request), decimal(e.cost.per_day), decimal(e.cost.per_month)]
    r = e.reasoning
    rest = [e.cost.batch, e.cost.service_tier, e.cost.tier, e.context_window, e.output_tokens_per_s, e.ttft_s,
            e.speed.seconds_per_request, r.effort, r.hidden_tokens, r.kind, e.lifecycle,
            " | ".join(e.reasons), " | ".join(e.warnings)]
    return [*map(_text, values), *cost, *map(_text, rest)]


def records(result: Any, *, show_excluded: bool = False) -> Document:
    """The raw-value rows of a result of a type in RECORDS; any other result's layout, which is already one
    row per thing (show, models, ...)."""
    import modelpick.render.layout_cascade  # noqa: F401  (registers its records on import)
    import modelpick.render.layout_frontier  # noqa: F401  (registers its records on import)
    import modelpick.render.layout_replay  # noqa: F401  (registers its records on import)

    return RECORDS.get(type_name(type(result)), layout)(result, show_excluded=show_excluded)


def _recommendation(result: Recommendation, *, show_excluded: bool = False) -> Document:
    sections = [Section(None, _headers(result.ranking), [_row(e, result.ranking) for e in result.ranking])]
    if show_excluded and result.excluded:
        sections.append(Section("excluded", ["model", "provider", "name", "reasons"],
                                [[x.model, x.provider, x.name, " | ".join(x.reasons)] for x in result.excluded]))
    return Document(sections=sections)


def _comparison(result: Comparison, *, show_excluded: bool = False) -> Document:
    models = list(result.models)
    return Document(sections=[Section(None, [*_headers(models), "fits"],
                                      [[*_row(e, models), _text(e.fits)] for e in models])])


def _cost(result: CostResult, *, show_excluded: bool = False) -> Document:
    """One row per cost component and a total, each with the entry's columns, so one table holds both."""
    c = result.cost
    t = c.tokens
    counts = {"input": t.input - t.cached_input - t.cache_write, "cached_input": t.cached_input,
              "cache_write": t.cache_write, "output": t.output, "reasoning": t.reasoning}
    rows = []
    for part, count in counts.items():
        price = c.prices.get(part, c.prices.get("output") if part == "reasoning" else c.prices.get("input"))
        value = getattr(c.breakdown, part)
        rows.append([part, str(count), decimal(price), decimal(value), decimal(value * c.requests_per_day),
                     decimal(value * c.requests_per_month)])
    rows.append(["total", str(sum(counts.values())), "", decimal(c.per_request), decimal(c.per_day),
                 decimal(c.per_month)])
    headers = ["component", "tokens_per_request", "price_per_1m", "component_per_request", "component_per_day",
               "component_per_month"]
    return Document(sections=[Section(None, [*headers, *_headers([result])],
                                      [[*row, *_row(result, [result])] for row in rows])])


# Result type's name (render.type_name) -> its rows of raw values; the evaluations only, whose layouts show
# rounded display strings.
RECORDS: dict[str, Callable[..., Document]] = {
    type_name(Recommendation): _recommendation,
    type_name(Comparison): _comparison,
    type_name(CostResult): _cost,
}
