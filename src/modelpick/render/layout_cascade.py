"""Layout and CSV records of `modelpick cascade`: LAYOUTS, which `layout` reads on first need, and records.RECORDS,
which this module adds to when imported (records imports it)."""

from __future__ import annotations

from modelpick.render import type_name
from modelpick.render.layout import Document, Footnotes, Section, _workload_line, money, reasoning
from modelpick.render.records import RECORDS, decimal
from modelpick.report.cascade import Cascade, CascadeResult, CascadeStage


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}".replace(".0%", "%")


def _quality(value: float | None, thin: bool = False) -> str:
    return "unknown" if value is None else f"{value:.2f}{'*' if thin else ''}"


def _caveats(stage: CascadeStage) -> list[str]:
    name = f"{stage.provider}/{stage.model}"
    out = [f"{name} does not fit: {'; '.join(stage.excluded)}"] if stage.excluded else []
    out += [f"{name}: {w}" for w in stage.warnings]
    if stage.quality_thin:
        out.append(f"{name}: thin evidence, quality scaled down as recommend ranks it")
    return out


def _saving(c: Cascade) -> str:
    if c.saving_per_month is None:
        return "unknown"
    share = f" ({c.saving_share:.0%})" if c.saving_share is not None else ""
    return f"{money(c.saving_per_month) if c.saving_per_month >= 0 else '-' + money(-c.saving_per_month)}{share}"


def _break_even(c: Cascade) -> str:
    if c.break_even_rate is not None:
        return _share(c.break_even_rate)
    return "never pays" if c.break_even.startswith("never") else "any rate" if c.break_even.startswith("pays") \
        else "unknown"


def _chain(result: CascadeResult, c: Cascade, footnotes: Footnotes) -> Document:
    rows = []
    for s in c.stages:
        name = " ".join(filter(None, [f"{s.provider}/{s.model}", footnotes.marker(_caveats(s))]))
        rows.append([str(s.stage), name, _share(s.reaches), _share(s.answers), money(s.per_request),
                     money(s.per_month), _quality(s.quality, s.quality_thin), reasoning(s.reasoning),
                     "yes" if s.fits else "NO"])
    stages = Section("stages (each alone, had it served every request)",
                     ["stage", "model", "reaches", "answers", "$/request", "$/month", "quality", "reasoning", "fits"],
                     rows, wrap=("model",), optional=("reasoning", "$/request"))
    strongest = "unknown" if c.strongest is None else f"{c.strongest}, {money(c.strongest_per_month)}/month"
    summary = Section("cascade", ["", "value"], [
        ["escalation rates", ", ".join(_share(r) for r in c.escalation_rates)],
        ["blended $/request", money(c.per_request)],
        ["blended $/day", money(c.per_day)],
        ["blended $/month", money(c.per_month)],
        ["expected quality", f"{_quality(c.expected_quality)} (an assumption; see below)"],
        ["strongest stage alone", strongest],
        ["saving per month", _saving(c)],
        ["break-even", c.break_even],
        ["fits the workload", "yes" if c.fits else "NO: a stage fails its hard rules"],
    ], wrap=("value",))
    return Document(title=f"{' -> '.join(c.chain)}: {_workload_line(result)}", sections=[stages, summary])


def _search(result: CascadeResult, footnotes: Footnotes) -> Document:
    rows = []
    for c in result.cascades:
        caveats = [text for s in c.stages for text in _caveats(s)]
        name = " ".join(filter(None, [" -> ".join(c.chain), footnotes.marker(caveats)]))
        rows.append([str(c.rank), name, ", ".join(_share(r) for r in c.escalation_rates), money(c.per_month),
                     money(c.per_request), _quality(c.expected_quality), _saving(c), _break_even(c)])
    headers = ["#", "cascade", "rates", "$/month", "$/request", "quality", "saving", "break-even"]
    section = Section(None, headers, rows, wrap=("cascade",), optional=("$/request", "rates", "break-even"))
    kind = "pairs" if result.depth == 2 else "triples"
    return Document(title=f"best {kind}: {_workload_line(result)}", sections=[section], notes=[
        "quality: expected quality, the escalation-weighted mix (an assumption; see below); saving: against the "
        "last stage (the strongest) alone; break-even: the first hand-off rate above which the cascade costs "
        "more than that"])


def _cascade(result: CascadeResult, *, show_excluded: bool = False) -> Document:
    footnotes = Footnotes()
    doc = _chain(result, result.cascades[0], footnotes) if result.mode == "chain" else _search(result, footnotes)
    doc.notes += [*result.notes, f"cascade: {result.definition}", f"assumption: {result.assumption}",
                  *footnotes.notes()]
    return doc


STAGE_HEADERS = ["rank", "chain", "escalation_rates", "per_request", "per_day", "per_month", "expected_quality",
                 "strongest", "strongest_per_month", "saving_per_month", "saving_share", "break_even_rate",
                 "break_even", "fits", "stage", "model", "provider", "reaches", "answers", "escalation_rate",
                 "stage_per_request", "stage_per_day", "stage_per_month", "stage_quality", "stage_quality_thin",
                 "stage_fits", "stage_excluded", "stage_warnings"]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _records(result: CascadeResult, *, show_excluded: bool = False) -> Document:
    """One row per stage of each cascade, the cascade's own figures repeated on each: raw numbers."""
    rows = []
    for c in result.cascades:
        head = [_text(c.rank), " -> ".join(c.chain), " ".join(map(str, c.escalation_rates)), decimal(c.per_request),
                decimal(c.per_day), decimal(c.per_month), _text(c.expected_quality), _text(c.strongest),
                decimal(c.strongest_per_month), decimal(c.saving_per_month), _text(c.saving_share),
                _text(c.break_even_rate), c.break_even, _text(c.fits)]
        for s in c.stages:
            rows.append([*head, str(s.stage), s.model, s.provider, _text(s.reaches), _text(s.answers),
                         _text(s.escalation_rate), decimal(s.per_request), decimal(s.per_day), decimal(s.per_month),
                         _text(s.quality), _text(s.quality_thin), _text(s.fits), " | ".join(s.excluded),
                         " | ".join(s.warnings)])
    return Document(sections=[Section(None, STAGE_HEADERS, rows)])


# Result type's name (render.type_name) -> its layout, and its CSV records in `records.RECORDS`.
LAYOUTS = {type_name(CascadeResult): _cascade}
RECORDS[type_name(CascadeResult)] = _records
