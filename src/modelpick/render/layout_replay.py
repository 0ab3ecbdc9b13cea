"""Layout and CSV records of `modelpick replay`: LAYOUTS, which `layout` reads on first need, and records.RECORDS,
which this module adds to when imported (records imports it)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from modelpick.render import type_name
from modelpick.render.layout import Document, Section, money, number, tokens
from modelpick.render.records import RECORDS, decimal
from modelpick.report.replay import ReplayResult, ReplayRow

SERVED = "as served"


def _difference(cost: Decimal, served: Decimal) -> str:
    if cost == served:
        return "same"
    sign = "+" if cost > served else "-"
    share = f" ({(cost - served) / served:+.0%})" if served else ""
    return f"{sign}{money(abs(cost - served))}{share}"


def _rows(groups: list[ReplayRow], label: bool = True) -> list[list[str]]:
    """Each group: its name (or `as served`), requests and served cost; then, indented, each candidate's."""
    rows = []
    for g in groups:
        rows.append([g.key if label else SERVED, number(g.requests), money(g.served), ""])
        rows += [[f"  on {c.model}", "", money(c.cost), _difference(c.cost, g.served)] for c in g.candidates]
    return rows


def _notes(result: ReplayResult) -> list[str]:
    notes = [*result.warnings]
    if result.first_bad_lines:
        shown = "; ".join(f"line {b.line}: {b.reason}" for b in result.first_bad_lines)
        more = result.bad_lines - len(result.first_bad_lines)
        notes.append(f"bad lines: {shown}" + (f"; and {more:,} more" if more else ""))
    notes += [f"unknown model {u.name!r} ({u.requests:,} requests): {u.message}" for u in result.unknown_models]
    return notes + result.notes


def _replay(result: ReplayResult, *, show_excluded: bool = False) -> Document:
    span = f", {result.first_day} to {result.last_day}" if result.first_day else ""
    title = (f"{result.log} ({result.format}): {result.requests:,} requests repriced{span}, from "
             f"{result.rows:,} rows")
    headers = ["requests", "cost", "vs served"]
    sections = [Section("total", ["priced", *headers], _rows([result.total], label=False))]
    if result.by_day:
        sections.append(Section("per day", ["day", *headers], _rows(result.by_day)))
    if result.by_model:
        sections.append(Section("per served model", ["served model", *headers], _rows(result.by_model)))
        sections.append(Section("tokens per served model", ["served model", "input", "cached", "writes", "output",
                                                            "reasoning"],
                                [[g.key, *(tokens(v) for v in (g.input_tokens, g.cached_tokens, g.cache_write_tokens,
                                                               g.output_tokens, g.reasoning_tokens))]
                                 for g in result.by_model]))
    return Document(title=title, sections=sections, notes=_notes(result))


RECORD_HEADERS = ["group", "key", "requests", "input_tokens", "cached_tokens", "cache_write_tokens", "output_tokens",
                  "reasoning_tokens", "priced_as", "model", "cost", "difference"]


def _records(result: ReplayResult, *, show_excluded: bool = False) -> Document:
    """One row per (group, priced model): group total, day or served_model; raw numbers."""
    rows = []
    for group, members in (("total", [result.total]), ("day", result.by_day), ("served_model", result.by_model)):
        for g in members:
            counts = [str(v) for v in (g.requests, g.input_tokens, g.cached_tokens, g.cache_write_tokens,
                                       g.output_tokens, g.reasoning_tokens)]
            served_model = g.key if group == "served_model" else ""
            rows.append([group, g.key, *counts, "served", served_model, decimal(g.served), ""])
            rows += [[group, g.key, *counts, "candidate", c.model, decimal(c.cost), decimal(c.difference)]
                     for c in g.candidates]
    return Document(sections=[Section(None, RECORD_HEADERS, rows)])


LAYOUTS: dict[str, Callable[..., Document]] = {type_name(ReplayResult): _replay}
RECORDS[type_name(ReplayResult)] = _records
