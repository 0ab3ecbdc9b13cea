"""Renderers: pure functions from a result to text. Each format lives in its own module, imported only
when used, so that `--format json` never pays for rich or tabulate. Every human format shows values through
`escape.visible`: the table, plain, markdown and csv documents here, github and junit in their modules.

FORMATS registers every format; the command line builds each command's --format choices from it
(`offered_by`), so adding a format is its module plus one line here."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Literal

# What a command prints, for the formats it offers: a report (recommend, compare, cost, show, models, tasks,
# registry import and diff), or findings that CI acts on (check, scan, registry validate and audit).
REPORT = "report"
FINDINGS = "findings"
CHART = "chart"  # a chart besides the report (frontier): svg


@dataclass(frozen=True)
class Format:
    """One --format: the module whose `render` writes it, what that function reads (the result itself, its
    Document from layout, or its Document of raw records), the terminal facts it takes, and which kinds of
    command offer it."""

    module: str
    reads: Literal["result", "document", "records"]
    offered_by: tuple[str, ...]
    takes: tuple[Literal["width", "color"], ...] = ()


FORMATS: dict[str, Format] = {
    "table": Format("table", "document", (REPORT, FINDINGS), takes=("width", "color")),
    "markdown": Format("markdown", "document", (REPORT, FINDINGS)),
    "plain": Format("plain", "document", (REPORT, FINDINGS), takes=("width",)),
    "json": Format("json_", "result", (REPORT, FINDINGS)),
    "csv": Format("csv_", "records", (REPORT,)),
    "github": Format("github", "result", (FINDINGS,)),
    "junit": Format("junit", "result", (FINDINGS,)),
    "svg": Format("svg", "result", (CHART,)),
}


def formats_for(kind: str) -> list[str]:
    """The format names a kind of command offers, in FORMATS order."""
    return [name for name, fmt in FORMATS.items() if kind in fmt.offered_by]


def type_name(result_type: type) -> str:
    """How renderers key a result type (layout.LAYOUTS, records.RECORDS, github's and junit's RENDERERS): by its
    module and name, not the type itself, so that rendering one result imports the module of its type alone."""
    return f"{result_type.__module__}.{result_type.__qualname__}"


def renderer_for(renderers: dict[str, Any], result: Any, fmt: str) -> Any:
    """The renderer of `result`'s type in a format's RENDERERS (keyed by `type_name`); TypeError naming the
    types the format renders for any other."""
    try:
        return renderers[type_name(type(result))]
    except KeyError:
        raise TypeError(f"the {fmt} format does not render {type(result).__name__}; it renders "
                        f"{', '.join(name.rpartition('.')[2] for name in renderers)}") from None


def render(result: Any, fmt: str, *, show_excluded: bool = False, width: int | None = None,
           color: bool = False) -> str:
    """`result` as text in the format named `fmt` (a key of FORMATS)."""
    spec = FORMATS[fmt]
    module = importlib.import_module(f"modelpick.render.{spec.module}")
    terminal = {"width": width, "color": color}
    options = {name: terminal[name] for name in spec.takes}
    if spec.reads == "result":
        return module.render(result, **options)
    from modelpick.render.escape import visible_document

    if spec.reads == "records":
        from modelpick.render.records import records as layout
    else:
        from modelpick.render.layout import layout
    return module.render(visible_document(layout(result, show_excluded=show_excluded)), **options)
