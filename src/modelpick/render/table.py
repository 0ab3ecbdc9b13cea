"""A rich table for a terminal."""

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from modelpick.render.fit import drop_columns, wrap_cells, wrapped_widths
from modelpick.render.layout import Document

GAP = 3  # padding, the column rule, padding


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    width = width or 120
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, no_color=not color,
                      color_system="auto" if color else None, highlight=False)
    if doc.title:
        console.print(doc.title, style="bold", markup=False)
    for section in doc.sections:
        section = drop_columns(section, width, GAP)
        widths = wrapped_widths(section, width, GAP)
        section = wrap_cells(section, width, GAP)  # as plain text does: long ids break at their hyphens
        # Text, not str: registry and workload values must not be read as rich markup.
        table = Table(title=Text(section.title) if section.title else None, title_justify="left",
                      header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for i, header in enumerate(section.headers):
            if i in widths:
                table.add_column(Text(header), width=widths[i], overflow="fold")
            else:
                table.add_column(Text(header), no_wrap=True)
        for row in section.rows:
            table.add_row(*[Text(cell) for cell in row])
        console.print(table)
    for note in doc.notes:
        console.print(note, style="dim", markup=False)
    # rich pads every cell to its column's width; trailing blanks are noise in a terminal and in a diff.
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())
