"""Turn any result into titled sections of rows: the shape every text format renders."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from modelpick.render import layout_spread as spread
from modelpick.render import type_name
from modelpick.report import money_text
from modelpick.workload import DEFAULT_REQUESTS_PER_DAY

if TYPE_CHECKING:
    from modelpick.report import (
        CheckResult,
        ComparedEntry,
        Comparison,
        CostResult,
        EntryResult,
        ModelInfo,
        ModelList,
        ModelShow,
        ReasoningAssumed,
        Recommendation,
        ScanResult,
        TaskList,
    )


@dataclass
class Section:
    title: str | None
    headers: list[str]
    rows: list[list[str]]
    wrap: tuple[str, ...] = ()  # long text columns, wrapped at word boundaries to fit a width
    optional: tuple[str, ...] = ()  # dropped, in this order, when the columns do not fit a width


@dataclass
class Document:
    title: str | None = None
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


money = money_text


def tokens(n: int | None) -> str:
    if n is None:
        return "-"
    if n >= 1_000_000:
        return f"{n / 1_000_000:.3g}M"
    if n >= 1_000:
        return f"{n / 1000:.0f}k"
    return str(n)


def number(value: Decimal | float) -> str:
    value = Decimal(str(value))
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def score(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f}"


def quality(entry: EntryResult) -> str:
    """The quality for the task; thin evidence shows the quality its benchmarks give, starred."""
    evidence = entry.quality_evidence
    if evidence is not None and evidence.thin:
        return f"{evidence.unadjusted:.2f}*"
    return score(entry.scores.quality)


def hidden_tokens(r: ReasoningAssumed) -> str:
    """Hidden reasoning tokens per request, compact: `~` marks a figure derived from other entries, `?` one
    that is unknown."""
    n = r.hidden_tokens
    text = str(n) if n < 1000 else f"{n / 1000:.1f}k" if n < 10_000 else tokens(n)
    return {"derived": f"~{text}", "unknown": "?"}.get(r.kind, text)


def reasoning(r: ReasoningAssumed | None) -> str:
    return "-" if r is None or r.effort is None else f"{r.effort} {hidden_tokens(r)}"


def seconds(entry: EntryResult) -> str:
    value = entry.speed.seconds_per_request
    return "unknown" if value is None else f"{value:.3g} s"


def speed(entry: EntryResult) -> str:
    return "-" if entry.output_tokens_per_s is None else f"{entry.output_tokens_per_s:.0f} tok/s"


def _workload_line(result: Any) -> str:
    w = result.workload
    volume = (f"{number(w['requests_per_month'])} requests/month" if w.get("requests_per_month") is not None
              else f"{number(DEFAULT_REQUESTS_PER_DAY if w.get('requests_per_day') is None else w['requests_per_day'])}"
              " requests/day")
    counts = f"{spread.token_text(w['input_tokens'])} in / {spread.token_text(w['output_tokens'])} out tokens"
    parts = [f"task {result.task}", counts, volume]
    if w.get("cached_input_ratio"):
        parts.append(f"{w['cached_input_ratio']:.0%} cached")
    if w.get("batch"):
        parts.append("batch")
    name = f"{w['name']}: " if w.get("name") else ""
    return f"{name}{', '.join(parts)} (as of {result.as_of})"


# The modules with the LAYOUTS of the other commands' results, imported on first need, so that rendering a
# recommendation never pays for importing them.
MORE_LAYOUTS = ("layout_registry", "layout_frontier", "layout_cascade", "layout_replay")


def layout(result: Any, *, show_excluded: bool = False) -> Document:
    """The Document of a result, by its type's name (`type_name`): LAYOUTS here or in a module of MORE_LAYOUTS;
    TypeError for any other type."""
    name = type_name(type(result))
    for module in (None, *MORE_LAYOUTS):
        layouts = LAYOUTS if module is None else importlib.import_module(f"modelpick.render.{module}").LAYOUTS
        if name in layouts:
            return layouts[name](result, show_excluded=show_excluded)
    raise TypeError(f"no layout for {type(result).__name__}: a result type needs an entry in LAYOUTS (here, or in "
                    f"{', '.join(MORE_LAYOUTS)})")


class Footnotes:
    """Numbered notes under a table; identical texts share one number."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def marker(self, texts: list[str]) -> str:
        """`[1,3]` for these texts (numbering new ones), or "" for none."""
        numbers = []
        for text in texts:
            if text not in self.texts:
                self.texts.append(text)
            numbers.append(self.texts.index(text) + 1)
        return f"[{','.join(map(str, numbers))}]" if numbers else ""

    def notes(self) -> list[str]:
        return [f"[{i}] {text}" for i, text in enumerate(self.texts, 1)]


def _caveats(entry: EntryResult, task: str) -> list[str]:
    """An entry's warnings, and its thin evidence, which the quality column can only star."""
    evidence = entry.quality_evidence
    warnings = [*entry.warnings, *spread.caveats(entry)]
    if evidence is None or not evidence.thin:
        return warnings
    return [*warnings, f"thin evidence: quality {evidence.unadjusted:.2f} rests on {evidence.coverage:.0%} of "
                             f"the {task} benchmark weight; ranked as {score(entry.scores.quality)}"]


def _legend(entries: list[EntryResult]) -> list[str]:
    """Say what the marks in the quality and reasoning cells mean, where some cell has one."""
    marks = {e.reasoning.kind for e in entries} & {"derived", "unknown"}
    legend = []
    if any(e.quality_evidence is not None and e.quality_evidence.thin for e in entries):
        legend.append("quality*: thin evidence")
    if any(e.reasoning.effort is not None for e in entries):
        legend.append("reasoning: the effort and hidden tokens per request assumed"
                      + (" (~ derived, ? unknown)" if marks else ""))
    see = " (see the numbered notes)" if marks or "quality*: thin evidence" in legend else ""
    return ["; ".join(legend) + see] if legend else []


def _recommendation(result: Recommendation, *, show_excluded: bool = False) -> Document:
    # Model and provider share a cell (PROVIDER/MODEL, as the commands take it): at 80 columns a provider
    # column would leave the why no room. The footnote markers follow the name.
    headers = ["#", "model", "$/month", "$/request", "quality", "reasoning", "speed", "context", "why"]
    p95 = spread.has_spread(result.ranking)
    if p95:
        headers.insert(3, "p95 $/month")
    footnotes = Footnotes()
    rows = []
    for e in result.ranking:
        # Entries in force are active unless the row says otherwise (preview, or deprecated when allowed).
        status = f"({e.lifecycle})" if e.lifecycle != "active" else None
        name = " ".join(filter(None, [f"{e.provider}/{e.model}", status, footnotes.marker(_caveats(e, result.task))]))
        rows.append([str(e.rank), name, money(e.cost.per_month), money(e.cost.per_request), quality(e),
                     reasoning(e.reasoning), speed(e), tokens(e.context_window), _why(e)])
        if p95:
            rows[-1].insert(3, money(e.cost.p95.per_month) if e.cost.p95 else "-")
    optional = ("p95 $/month", "context", "$/request", "speed") if p95 else ("context", "$/request", "speed")
    section = Section(None, headers, rows, wrap=("model", "why"), optional=optional)
    doc = Document(title=_workload_line(result), sections=[section],
                   notes=[*result.notes, *spread.definitions(result.ranking), *_legend(result.ranking),
                          *footnotes.notes()])
    if not result.ranking:
        doc.notes.append("no entry fits this workload")
    count = len(result.excluded)
    if show_excluded and count:
        doc.sections.append(Section(f"Excluded ({count})", ["model", "provider", "reasons"],
                                    [[x.model, x.provider, "; ".join(x.reasons)] for x in result.excluded],
                                    wrap=("model", "reasons")))
    elif count:
        doc.notes.append(f"{count} excluded; --show-excluded lists each with its reasons")
    return doc


def _why(entry: EntryResult) -> str:
    """The reason that weighs most; when that is not quality, the benchmark values the quality rests on
    follow it, so the row never shows quality as a bare 0-1 number."""
    lead = entry.reasons[0] if entry.reasons else ""
    evidence = entry.quality_evidence
    if evidence is None or lead.startswith("quality"):
        return lead
    values = ", ".join(f"{k} {v:g}" for k, v in list(evidence.benchmarks.items())[:2])
    at = f" at {evidence.effort}" if evidence.effort else ""
    return f"{lead}; quality{at} from {values}{', ...' if len(evidence.benchmarks) > 2 else ''}"


def _evidence(entry: EntryResult) -> str:
    evidence = entry.quality_evidence
    if evidence is None:
        return "none on record"
    return f"{evidence.coverage:.0%} of the task's benchmark weight{', thin' if evidence.thin else ''}"


def _effort(entry: EntryResult) -> str:
    r = entry.reasoning
    return "does not reason" if r.effort is None else f"{r.effort} ({r.effort_basis})"


def _entry_rows(entries: list[ComparedEntry], task: str, footnotes: Footnotes) -> list[list[str]]:
    def row(label: str, get: Any) -> list[str]:
        return [label, *[get(e) for e in entries]]

    return [
        row("provider", lambda e: e.provider),
        row("fits", lambda e: "yes" if e.fits else "no"),
        row("rank", lambda e: str(e.rank) if e.rank else "-"),
        row("score", lambda e: score(e.score)),
        row("quality", quality),
        row("quality evidence", _evidence),
        row("$/month", lambda e: money(e.cost.per_month)),
        row("$/day", lambda e: money(e.cost.per_day)),
        row("$/request", lambda e: money(e.cost.per_request)),
        *[row(label, get) for label, get in spread.compare_rows(entries)],
        row("batch", lambda e: "yes" if e.cost.batch else "no"),
        row("service tier", lambda e: e.cost.service_tier),
        row("tier", lambda e: e.cost.tier or "-"),
        row("reasoning effort", _effort),
        row("hidden tokens/request", lambda e: "-" if e.reasoning.effort is None else hidden_tokens(e.reasoning)),
        row("hidden tokens basis", lambda e: f"{e.reasoning.kind}: {e.reasoning.basis}"),
        row("s/request", seconds),
        row("s/request basis", lambda e: e.speed.basis),
        row("speed", speed),
        row("context", lambda e: tokens(e.context_window)),
        row("lifecycle", lambda e: e.lifecycle),
        row("notes", lambda e: footnotes.marker(_caveats(e, task)) or "-"),
    ] + _numbered_rows("why", [e.reasons for e in entries])


def _numbered_rows(label: str, lists: list[list[str]]) -> list[list[str]]:
    """One row per item (why 1, why 2, ...) so that side-by-side columns stay narrow."""
    depth = max((len(items) for items in lists), default=0)
    return [[f"{label} {i + 1}", *[items[i] if i < len(items) else "" for items in lists]] for i in range(depth)]


def _comparison(result: Comparison, *, show_excluded: bool = False) -> Document:
    headers = ["", *[e.model for e in result.models]]
    footnotes = Footnotes()
    rows = _entry_rows(result.models, result.task, footnotes)
    return Document(title=_workload_line(result), sections=[Section(None, headers, rows, wrap=tuple(headers[1:]))],
                    notes=[*result.notes, *spread.definitions(list(result.models)), *_legend(list(result.models)),
                           *footnotes.notes()])


def _cost(result: CostResult, *, show_excluded: bool = False) -> Document:
    c = result.cost
    t = c.tokens
    prices = c.prices
    rows = []
    for part, count, price_key in [("input", t.input - t.cached_input - t.cache_write, "input"),
                                   ("cached_input", t.cached_input, "cached_input"),
                                   ("cache_write", t.cache_write, "cache_write"),
                                   ("output", t.output, "output"), ("reasoning", t.reasoning, "reasoning")]:
        price = prices.get(price_key, prices.get("output") if part == "reasoning" else prices.get("input"))
        value = getattr(c.breakdown, part)
        if part == "reasoning" and result.reasoning.effort is not None:
            part = f"reasoning ({result.reasoning.effort}, {result.reasoning.kind})"
        elif not count and not value:
            continue
        rows.append([part, f"{count:,}", money(price) if price is not None else "-", money(value),
                     money(value * c.requests_per_day), money(value * c.requests_per_month)])
    footnotes = Footnotes()
    total = " ".join(filter(None, ["total", footnotes.marker(_caveats(result, result.task))]))
    rows.append([total, f"{t.input + t.output + t.reasoning:,}", "", money(c.per_request), money(c.per_day),
                 money(c.per_month)])
    rows += spread.cost_rows(c)
    title = f"{result.provider}/{result.model}: {_workload_line(result)}"
    r = result.reasoning
    notes = [f"{'batch' if c.batch else c.service_tier} prices{f', tier {c.tier}' if c.tier else ''}; "
             f"prices in USD per 1M tokens; {number(c.requests_per_day)} requests/day, "
             f"{number(c.requests_per_month)} requests/month", *result.notes, *spread.cost_notes(c),
             "reasoning: the model does not reason" if r.effort is None else
             f"reasoning: {_effort(result)}, {r.hidden_tokens:,} hidden tokens per request ({r.kind}: {r.basis})",
             f"lifecycle: {result.lifecycle} as of {result.as_of}"]
    if not result.fits:
        notes.append("does not fit this workload: " + "; ".join(result.reasons))
    else:
        notes += [f"why: {reason}" for reason in result.reasons]
    notes += footnotes.notes()
    return Document(title=title, notes=notes, sections=[Section(
        None, ["component", "tokens/request", "price/1M", "$/request", "$/day", "$/month"], rows)])


def _info_rows(m: ModelInfo) -> list[list[str]]:
    src = m.sources

    def cite(path: str) -> str:
        s = src.get(path)
        if not s:
            return ""
        others = "; ".join(f"{o['source']} says {o.get('value')}" for o in s.get("others", []))
        return f"{s['url']} ({s['read']})" + (f" [{others}]" if others else "")

    p = m.pricing
    price_bits = [f"{k} ${p[k]:g}" for k in ("input", "cached_input", "cache_write", "output", "reasoning")
                  if p.get(k) is not None]
    rows = [
        ["name", m.name, ""], ["provider", m.provider, m.file], ["creator", m.creator, ""],
        ["family", m.family or "-", ""],
        ["snapshots", ", ".join(m.snapshots) or "-", ""], ["aliases", ", ".join(m.aliases) or "-", ""],
        ["release date", str(m.release_date or "unknown"), cite("release_date")],
        ["knowledge cutoff", str(m.knowledge_cutoff or "unknown"), cite("knowledge_cutoff")],
        ["context window", f"{m.context_window:,}", cite("context_window")],
        ["max output", f"{m.max_output_tokens:,}", cite("max_output_tokens")],
        ["modalities", f"in: {', '.join(m.modalities['input'])}; out: {', '.join(m.modalities['output'])}",
         cite("modalities")],
        ["features", ", ".join(m.features) or "-", cite("features")],
        ["open weights", "yes" if m.open_weights else "no", ""],
        ["pricing (USD/1M)", ", ".join(price_bits), cite("pricing")],
    ]
    if p.get("batch"):
        rows.append(["batch pricing", ", ".join(f"{k} ${v:g}" for k, v in p["batch"].items() if v is not None),
                     cite("pricing")])
    for tier in p.get("tiers") or []:
        bits = ", ".join(f"{k} ${tier[k]:g}" for k in ("input", "cached_input", "output") if tier.get(k) is not None)
        rows.append([f"tier >{tier['above_input_tokens']:,} in", bits, cite("pricing")])
    life = m.lifecycle
    in_force = f"{life['status_as_of']} as of {life['as_of']}" + (f" (per {life['status_source']})"
                                                                  if life.get("status_source") else "")
    if life.get("disputes"):
        in_force += f"; disputed: {'; '.join(life['disputes'])}"
    rows.append(["lifecycle", in_force, ""])
    rows.append([f"  {life.get('rank', 'provider')} claim", _claim_text(life), cite("lifecycle")])
    for claim in life.get("claims") or []:
        rows.append([f"  {claim['rank']} claim", _claim_text(claim), f"{claim['source']}"])
    if m.performance:
        perf = ", ".join(f"{k} {v:g}" for k, v in m.performance.items() if v is not None)
        rows.append(["performance", perf, cite("performance")])
    rows += _effort_rows(m, cite)
    for key, b in m.benchmarks.items():
        version = f" ({b['version']})" if b.get("version") else ""
        others = "; ".join(f"{o.get('value')} per {o.get('source')}" for o in b.get("others", []))
        rows.append([f"benchmark {key}", f"{b['value']:g}{version}",
                     f"{b['source']} ({b['read']})" + (f" [also: {others}]" if others else "")])
    return rows


def _claim_text(claim: dict[str, Any]) -> str:
    """One source's lifecycle word: its status or dates, its replacement, and when it was said."""
    bits = [f"{k.replace('_on', '')} {claim[k]}" for k in ("deprecated_on", "shutdown_on") if claim.get(k)]
    bits = bits or [claim.get("status") or "listed, no status flag"]
    bits += [f"replacement {claim['replacement']}"] if claim.get("replacement") else []
    bits += [f"said {claim['said_on']}"] if claim.get("said_on") else []
    return "; ".join(bits)


def _effort_rows(m: ModelInfo, cite: Any) -> list[list[str]]:
    """Efforts offered and the API default, then per measured effort its speed and hidden tokens per visible
    output token on each evaluation."""
    efforts = m.reasoning_efforts
    if not efforts:
        return []
    offered = ", ".join(efforts["supported"]) or "not on record"
    rows = [["reasoning efforts", f"{offered}; API default {efforts['default'] or 'not on record'}",
             cite("reasoning_efforts")]]
    for effort, measured in efforts["measured"].items():
        ratios = ", ".join(f"{k} {e['per_output_token']:.3g}" for k, e in measured["evals"].items())
        speed_bits = [f"{measured[k]:g} {unit}" for k, unit in (("ttft_s", "s to first answer token"),
                                                                 ("output_tokens_per_s", "tokens/s"))
                      if measured.get(k) is not None]
        scores = ", ".join(f"{k} {v:g}" for k, v in measured["benchmarks"].items())
        bits = [*speed_bits, f"hidden tokens per output token: {ratios}", *([f"scores: {scores}"] if scores else [])]
        rows.append([f"at {effort}", "; ".join(bits),
                     cite(f"reasoning_efforts.measured.{effort}")])
    return rows


def _show(result: ModelShow, *, show_excluded: bool = False) -> Document:
    sections = [Section(None, ["field", "value", "source"], _info_rows(result), wrap=("value", "source"))]
    if result.origins is not None:
        rows = [[o.path, _value_text(o.value), o.layer, f"{o.file}:{o.line}" if o.line else o.file,
                 f"{o.url} ({o.read})" if o.read else str(o.url or "-")] for o in result.origins]
        sections.append(Section("where each value comes from", ["value", "is", "layer", "file", "source"], rows,
                                wrap=("is", "file", "source")))
    return Document(title=f"{result.provider}/{result.id}", sections=sections)


def _value_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_value_text(v) for v in value) if all(not isinstance(v, dict) for v in value) \
            else f"{len(value)} items"
    text = "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _models(result: ModelList, *, show_excluded: bool = False) -> Document:
    headers = ["model", "provider", "creator", "context", "max out", "$in/1M", "$out/1M", "modalities", "status"]
    rows = [[m.id, m.provider, m.creator, tokens(m.context_window), tokens(m.max_output_tokens),
             f"{m.pricing['input']:g}", f"{m.pricing['output']:g}", ",".join(m.modalities["input"]),
             m.lifecycle["status_as_of"]] for m in result.models]
    return Document(sections=[Section(None, headers, rows)], notes=[f"{len(rows)} entries"])


def _tasks(result: TaskList, *, show_excluded: bool = False) -> Document:
    def weights(d: dict[str, float]) -> str:
        total = sum(d.values()) or 1
        return ", ".join(f"{k} {v / total:.0%}" for k, v in d.items())

    rows = [[t.id, t.name, weights(t.benchmarks), weights(t.balance),
             ", ".join(f"{k} >= {v:g}" for k, v in t.floors.items()) or "-"] for t in result.tasks]
    return Document(sections=[Section(None, ["task", "name", "quality from", "balance", "floors"], rows)])


def _check(result: CheckResult, *, show_excluded: bool = False) -> Document:
    rows = []
    for r in result.results:
        where = f"{r.provider}/{r.model}" if r.provider else r.model
        cost = money(r.cost.per_month) if r.cost else "-"
        if r.baseline and r.baseline.change is not None:
            cost += f" ({r.baseline.change:+.0%} vs {money(r.baseline.baseline_per_month)})"
        messages = [f"{f.severity} [{f.rule}] {f.message}" for f in r.findings] or ["ok"]
        rows.append([r.status.upper(), r.name, where, cost, reasoning(r.reasoning), messages[0]])
        rows += [["", "", "", "", "", m] for m in messages[1:]]
    s = result.summary
    notes = [f"{s['pass']} pass, {s['warn']} warn, {s['fail']} fail ({result.config}, as of {result.as_of}"
             f"{', strict' if result.strict else ''})"]
    headers = ["status", "workload", "model", "$/month", "reasoning", "findings"]
    return Document(sections=[Section(None, headers, rows)], notes=notes)


def _scan(result: ScanResult, *, show_excluded: bool = False) -> Document:
    rows = [[f.status, f"{f.path}:{f.line}:{f.column}", f.text,
             f"{f.provider}/{f.model}" if f.provider and f.model else (f.model or "-"), f.message]
            for f in result.findings]
    s = result.summary
    counts = ", ".join(f"{s[k]} {k}" for k in ("ok", "unpinned", "retiring", "deprecated", "retired", "unknown"))
    notes = [f"{s['files']} files scanned: {counts} (as of {result.as_of})"]
    # What the bounds cut and what could not be read, a few paths by name (the JSON lists more).
    notes += [f"{t.shown:,} finding{'' if t.shown == 1 else 's'} shown for {t.path}; {t.not_shown:,} more not shown"
              for t in result.truncated[:_SCAN_NOTE_PATHS]]
    more = s.get("truncated_files", 0) - min(len(result.truncated), _SCAN_NOTE_PATHS)
    if more > 0:
        notes.append(f"{more:,} more files with findings not shown ({s.get('findings_cut', 0):,} findings not "
                     f"shown in all)")
    notes += [f"skipped {k.path}: {k.reason}" for k in result.skipped[:_SCAN_NOTE_PATHS]]
    more = s.get("skipped", 0) - min(len(result.skipped), _SCAN_NOTE_PATHS)
    if more > 0:
        notes.append(f"{more:,} more files or folders skipped")
    return Document(sections=[Section(None, ["status", "where", "text", "model", "message"], rows)],
                    notes=notes)


_SCAN_NOTE_PATHS = 10


# Result type's name (`type_name`) -> its layout: named, so that a recommendation's table does not import the
# models of show, models, tasks, check and scan.
LAYOUTS: dict[str, Callable[..., Document]] = {
    "modelpick.report.evaluation.Recommendation": _recommendation,
    "modelpick.report.evaluation.Comparison": _comparison,
    "modelpick.report.evaluation.CostResult": _cost,
    "modelpick.report.catalog.ModelShow": _show,
    "modelpick.report.catalog.ModelList": _models,
    "modelpick.report.catalog.TaskList": _tasks,
    "modelpick.report.check.CheckResult": _check,
    "modelpick.report.scan.ScanResult": _scan,
}
