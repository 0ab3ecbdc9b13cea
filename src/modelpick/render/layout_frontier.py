"""Layouts of `frontier` and `breakeven` (table, markdown, plain) and their CSV records: LAYOUTS, which `layout`
reads on first need, and FRONTIER_RECORDS, which this module adds to records.RECORDS when imported (records
imports it)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from modelpick.render import chart, type_name
from modelpick.render.layout import Document, Footnotes, Section, _workload_line, money
from modelpick.render.records import RECORDS, decimal
from modelpick.report.frontier import BreakevenResult, FrontierPoint, FrontierResult

PARAMETER_NAMES = {"requests_per_day": "requests per day", "cached_input_ratio": "cached-input ratio",
                   "output_tokens": "output tokens", "batch_share": "batch share"}


def _key(p: FrontierPoint) -> str:
    return f"{p.provider}/{p.model}"


def _marks(result: FrontierResult) -> dict[str, str]:
    """PROVIDER/MODEL -> its chart mark: frontier entries numbered cheapest first, the others `.`."""
    frontier = {key: chart.mark(i) for i, key in enumerate(result.frontier)}
    return {_key(p): frontier.get(_key(p), chart.DOMINATED) for p in result.points}


def _seconds(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.3g}"


def _frontier(result: FrontierResult, *, show_excluded: bool = False) -> Document:
    marks = _marks(result)
    footnotes = Footnotes()
    rows = []
    for p in result.points:
        name = " ".join(filter(None, [_key(p), footnotes.marker(p.warnings)]))
        quality = f"{p.quality_unadjusted:.2f}*" if p.thin else f"{p.quality:.2f}"
        speed = _seconds(p.seconds_per_request) + (" +" if p.speed_frontier else "")
        by = "-" if p.dominated_by is None else f"#{marks[p.dominated_by]} {p.dominated_by}"
        rows.append([marks[_key(p)], name, money(p.per_month), quality, speed, by])
    sections = []
    lines = chart.chart([chart.Point(float(p.per_month), p.quality, marks[_key(p)]) for p in result.points])
    if lines:
        sections.append(Section("cost/quality chart", ["quality"], [[line] for line in lines]))
    headers = ["#", "model", "$/month", "quality", "s/request", "dominated by"]
    sections.append(Section(None, headers, rows, wrap=("model", "dominated by")))
    unknown = [u for u in result.unplotted if u.fits]
    excluded = [u for u in result.unplotted if not u.fits]
    if unknown:
        sections.append(Section(f"Not charted: quality unknown ({len(unknown)})", ["model", "why"],
                                [[f"{u.provider}/{u.model}", "; ".join(u.reasons)] for u in unknown],
                                wrap=("why",)))
    if show_excluded and excluded:
        sections.append(Section(f"Not charted: excluded ({len(excluded)})", ["model", "reasons"],
                                [[f"{u.provider}/{u.model}", "; ".join(u.reasons)] for u in excluded],
                                wrap=("model", "reasons")))
    notes = [*result.notes]
    if lines:
        notes.append(chart.legend(len(result.frontier)))
    notes.append(f"{len(result.frontier)} of {len(result.points)} charted entries on the cost/quality frontier "
                 "(#: their chart marks): no other costs less or the same AND scores at least as well, better in one; "
                 "each dominated entry (.) names the cheapest entry that dominates it. s/request: seconds per request; "
                 "+: also on the cost/speed frontier (no other entry costs less or the same AND is as quick, better "
                 "in one)")
    if any(p.thin for p in result.points):
        notes.append("quality*: thin evidence: the quality its benchmarks give; charted, as recommend ranks it, "
                     "scaled down by their coverage")
    if not result.points:
        notes.append("no entry fits this workload with a known quality: nothing to chart")
    if excluded and not show_excluded:
        notes.append(f"{len(excluded)} excluded; --show-excluded lists each with its reasons")
    return Document(title=_workload_line(result), sections=sections, notes=[*notes, *footnotes.notes()])


def value_text(parameter: str, value: float | None) -> str:
    if value is None:
        return "never"
    if parameter in ("requests_per_day", "output_tokens"):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.4g}"


def _side(key: str | None, a: str) -> str:
    return "same" if key is None else "A" if key == a else "B"


def _breakeven(result: BreakevenResult, *, show_excluded: bool = False) -> Document:
    a, b = f"{result.a.provider}/{result.a.model}", f"{result.b.provider}/{result.b.model}"
    rows = []
    notes = [*result.notes]
    for p in result.parameters:
        name = PARAMETER_NAMES[p.parameter]
        rows.append([name, value_text(p.parameter, p.current), value_text(p.parameter, p.breakeven),
                     _side(p.cheaper_below, a), _side(p.cheaper_above, a)])
        if p.never:
            notes.append(f"{name}: never: {p.never}")
        else:
            checks = "; ".join(f"at {value_text(p.parameter, c.value)}: ${decimal(c.cost_a)} vs ${decimal(c.cost_b)}"
                               for c in p.checked)
            notes.append(f"{name}: break-even at {value_text(p.parameter, p.breakeven)}; checked per "
                         f"{p.checked_per} ({a} vs {b}): {checks}")
        notes += [f"{name}: {note}" for note in p.notes]
    for entry, key in ((result.a, a), (result.b, b)):
        if not entry.fits:
            notes.append(f"{key} does not fit this workload: {'; '.join(entry.reasons)}")
        notes += [f"{key}: {w}" for w in entry.warnings]
    headers = ["parameter", "now", "break-even", "cheaper below", "cheaper above"]
    now = (f"now: A = {a} {money(result.a.per_month)}/month, B = {b} {money(result.b.per_month)}/month; "
           "cheaper below / above: on either side of the break-even point, or throughout when there is none")
    return Document(title=_workload_line(result), sections=[Section(None, headers, rows)], notes=[now, *notes])


FRONTIER_HEADERS = ["model", "provider", "name", "per_month", "per_request", "quality", "quality_unadjusted",
                    "quality_thin", "seconds_per_request", "frontier", "dominated_by", "speed_frontier", "effort",
                    "hidden_tokens", "warnings"]


def _bool(value: bool | None) -> str:
    return "" if value is None else "true" if value else "false"


def _frontier_records(result: FrontierResult, *, show_excluded: bool = False) -> Document:
    rows = [[p.model, p.provider, p.name, decimal(p.per_month), decimal(p.per_request), str(p.quality),
             str(p.quality_unadjusted), _bool(p.thin), "" if p.seconds_per_request is None else
             str(p.seconds_per_request), _bool(p.frontier), p.dominated_by or "", _bool(p.speed_frontier),
             p.reasoning.effort or "", str(p.reasoning.hidden_tokens), " | ".join(p.warnings)]
            for p in result.points]
    sections = [Section(None, FRONTIER_HEADERS, rows)]
    if show_excluded and result.unplotted:
        sections.append(Section("not charted", ["model", "provider", "name", "fits", "reasons"],
                                [[u.model, u.provider, u.name, _bool(u.fits), " | ".join(u.reasons)]
                                 for u in result.unplotted]))
    return Document(sections=sections)


def _number(value: float | None) -> str:
    return "" if value is None else format(Decimal(str(value)).normalize(), "f")


def _breakeven_records(result: BreakevenResult, *, show_excluded: bool = False) -> Document:
    headers = ["parameter", "current", "range_low", "range_high", "breakeven", "never", "cheaper_below",
               "cheaper_above", "model_a", "model_b", "per_month_a", "per_month_b", "checked_per", "checked",
               "notes"]
    a, b = f"{result.a.provider}/{result.a.model}", f"{result.b.provider}/{result.b.model}"
    rows = [[p.parameter, _number(p.current), _number(p.range[0]), _number(p.range[1]), _number(p.breakeven),
             p.never or "", p.cheaper_below or "", p.cheaper_above or "", a, b, decimal(p.per_month_a),
             decimal(p.per_month_b), p.checked_per,
             " | ".join(f"{_number(c.value)}: {decimal(c.cost_a)} vs {decimal(c.cost_b)}" for c in p.checked),
             " | ".join(p.notes)] for p in result.parameters]
    return Document(sections=[Section(None, headers, rows)])


LAYOUTS: dict[str, Callable[..., Document]] = {
    type_name(FrontierResult): _frontier,
    type_name(BreakevenResult): _breakeven,
}
FRONTIER_RECORDS: dict[str, Callable[..., Document]] = {
    type_name(FrontierResult): _frontier_records,
    type_name(BreakevenResult): _breakeven_records,
}
RECORDS.update(FRONTIER_RECORDS)
