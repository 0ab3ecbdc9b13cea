"""Plain text for pipes and logs: aligned columns, no colour, no box drawing, lines within a width."""

import textwrap

from tabulate import tabulate

from modelpick.render.fit import drop_columns, wrap_cells
from modelpick.render.layout import Document

GAP = 2  # tabulate's "simple" format puts two spaces between columns
HEADER_PAD = 2  # and makes a column two wider than its header (tabulate.MIN_PADDING)


def render(doc: Document, *, width: int | None = None) -> str:
    def fill(text: str) -> str:
        return text if width is None else textwrap.fill(text, width, subsequent_indent="    ")

    parts = [fill(doc.title)] if doc.title else []
    for section in doc.sections:
        if section.title:
            parts.append(f"\n{section.title}")
        if width is not None:
            section = wrap_cells(drop_columns(section, width, GAP, HEADER_PAD), width, GAP, HEADER_PAD)
        parts.append(tabulate(section.rows, headers=section.headers, tablefmt="simple", disable_numparse=True))
    parts += [fill(note) for note in doc.notes]
    return "\n".join(parts) + "\n"
