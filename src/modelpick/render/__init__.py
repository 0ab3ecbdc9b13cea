"""Renderers: pure functions from a result to text. Each format lives in its own module, imported only
when used, so that `--format json` never pays for rich or tabulate. Every human format shows values through
`escape.visible`: the table, plain, markdown and csv documents here, github and junit in their modules."""

from __future__ import annotations

import importlib
from typing import Any

FORMATS = ("table", "markdown", "plain", "json", "csv")
CHECK_FORMATS = ("table", "markdown", "plain", "json", "github", "junit")


def render(result: Any, fmt: str, *, show_excluded: bool = False, width: int | None = None,
           color: bool = False) -> str:
    if fmt == "json":
        return result.model_dump_json(indent=2) + "\n"
    if fmt in ("github", "junit"):
        return importlib.import_module(f"modelpick.render.{fmt}").render(result)
    if fmt == "csv":
        from modelpick.render.records import records as layout
    else:
        from modelpick.render.layout import layout

    from modelpick.render.escape import visible_document

    document = visible_document(layout(result, show_excluded=show_excluded))
    module = importlib.import_module(f"modelpick.render.{'csv_' if fmt == 'csv' else fmt}")
    if fmt == "table":
        return module.render(document, width=width, color=color)
    if fmt == "plain":
        return module.render(document, width=width)
    return module.render(document)
