"""A rich table for a terminal."""

import io

from rich.console import Console
from rich.table import Table

from modelpick.render.layout import Document


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width or 120, force_terminal=color, no_color=not color,
                      color_system="auto" if color else None, highlight=False)
    if doc.title:
        console.print(doc.title, style="bold", markup=False)
    for section in doc.sections:
        table = Table(title=section.title, title_justify="left", header_style="bold", show_lines=False)
        for header in section.headers:
            table.add_column(header, overflow="fold")
        for row in section.rows:
            table.add_row(*row)
        console.print(table)
    for note in doc.notes:
        console.print(note, style="dim", markup=False)
    return out.getvalue()
