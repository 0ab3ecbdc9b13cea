"""A table for a terminal: a light box renderer that writes, byte for byte, what rich's Table wrote for these
documents (box SIMPLE_HEAD without an edge, one space of padding, a bold header, the title bold and the notes
dim, each wrapped at the width) in a tenth of the time, without importing rich.

It follows rich 13-15's algorithms step by step (Table._calculate_column_widths, Padding, Text.wrap, divide_line,
truncate): the names in comments are rich's. Text of characters one cell wide (rich's own list of them, plus
`…`) is measured by `len`; a document with any other character (CJK, emoji, combining marks, spaces other than
the two below) is drawn by rich itself (`_rich_render`), as are sizes too small for a column to hold a
character: those need rich's Unicode width tables and their edge cases. tests/render/test_table_renderer.py
compares the two."""

from __future__ import annotations

import io
import os
import re
import sys

from modelpick.render.fit import drop_columns, wrap_cells, wrapped_widths
from modelpick.render.layout import Document, Section

GAP = 3  # padding, the column rule, padding
BOLD, DIM = "1", "2"  # the SGR codes of the styles used

# Characters rich measures as one cell without its Unicode tables (rich.cells._SINGLE_CELL_UNICODE_RANGES),
# and `…`, one cell in every Unicode version, which layout writes and rich writes when it truncates.
_NOT_SINGLE_CELL = re.compile("[^\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u2500-\u25fc\u2800-\u28ff\u2026]")
_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word
_TRAILING_SPACE = re.compile(r"\s+$")

Line = list[tuple[str, str | None]]  # one output line: (text, SGR code or None) segments


def _single_cell(doc: Document) -> bool:
    texts = [doc.title or "", *doc.notes]
    for section in doc.sections:
        texts += [section.title or "", *section.headers, *(cell for row in section.rows for cell in row)]
    return not any(_NOT_SINGLE_CELL.search(text) for text in texts)


def _divide_line(text: str, width: int, fold: bool) -> list[int]:
    """rich._wrap.divide_line, for text one cell per character: the offsets to break a line at."""
    if len(text.rstrip()) <= width:  # each word ends within the width (most cells): no break
        return []
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        word_length = len(word.rstrip())
        if width - offset >= word_length:
            offset += len(word)
        elif word_length > width:
            if fold:
                chunks = [word[i:i + width] for i in range(0, len(word), width)]
                for i, chunk in enumerate(chunks):
                    if start:
                        breaks.append(start)
                    if i == len(chunks) - 1:
                        offset = len(chunk)
                    else:
                        start += len(chunk)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _truncate(text: str, width: int, overflow: str, pad: bool) -> str:
    """rich.text.Text.truncate (rich.cells.set_cell_size for text one cell per character)."""
    length = len(text)
    if length > width:
        text = text[:width - 1] + "…" if overflow == "ellipsis" else text[:width]
    if pad and length < width:
        text += " " * (width - length)
    return text


def _wrap(text: str, width: int, *, overflow: str = "fold", no_wrap: bool = False, pad: bool = False) -> list[str]:
    """rich.text.Text.wrap: `pad` is justify "left" (a table cell), else "default" (console.print)."""
    lines = []
    for line in text.split("\n"):
        if no_wrap:
            lines.append(_truncate(line, width, overflow, pad))
            continue
        bounds = [0, *_divide_line(line, width, overflow == "fold"), len(line)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = line[a:b]
            if len(piece) > width and (space := _TRAILING_SPACE.search(piece)):  # Text.rstrip_end
                piece = piece[:len(piece) - min(len(space.group(0)), len(piece) - width)]
            lines.append(_truncate(piece, width, overflow, pad))
    return lines


def _measure(text: str, max_width: int, pad: int) -> int:
    """The maximum of Measurement.get(Padding(Text(text))) at `max_width` (the minimum plays no part)."""
    if max_width < 1:
        return 0
    if max_width - pad < 1:
        padded = max_width
    else:
        widest = min(max((len(line) for line in text.splitlines()), default=0), max_width)
        padded = min((widest if widest >= 1 else 0) + pad, max_width)
    padded = min(padded, max_width)
    return padded if padded >= 1 else 0


def _ratio_reduce(total: int, maximums: list[int], values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce with every ratio 1."""
    ratios = [1 if maximum else 0 for maximum in maximums]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * total / total_ratio))
            result.append(value - distributed)
            total -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


class _Table:
    """One section as rich.table.Table(box=SIMPLE_HEAD, show_edge=False, pad_edge=False) drew it: columns of
    a fixed width (the wrapped ones, overflow "fold") and the others no_wrap (overflow "ellipsis")."""

    def __init__(self, section: Section, fixed: dict[int, int]) -> None:
        self.section = section
        self.fixed = fixed
        n = len(section.headers)
        self.pads = [(0 if i == 0 else 1, 0 if i == n - 1 else 1) for i in range(n)]
        self.columns = [[header, *(row[i] for row in section.rows)] for i, header in enumerate(section.headers)]

    def _measure_column(self, i: int, max_width: int) -> int:
        """Table._measure_column: the maximum of the column's measurement."""
        if max_width < 1:
            return 0
        pad = sum(self.pads[i])
        if i in self.fixed:
            return min(self.fixed[i] + pad, max_width)
        return min(max(_measure(cell, max_width, pad) for cell in self.columns[i]), max_width)

    def widths(self, max_width: int) -> list[int]:
        """Table._calculate_column_widths (no column may collapse: each is fixed or no_wrap)."""
        widths = [self._measure_column(i, max_width) or 1 for i in range(len(self.columns))]
        if sum(widths) > max_width:
            widths = _ratio_reduce(sum(widths) - max_width, widths, widths)
            widths = [self._measure_column(i, width) or 0 for i, width in enumerate(widths)]
        return widths

    def _cell(self, text: str, i: int, width: int, style: str | None) -> list[Line]:
        left, right = self.pads[i]
        inner = width - left - right
        if inner < 1:  # Console.render draws nothing where there is no room
            return []
        lines = _wrap(text, inner, overflow="fold" if i in self.fixed else "ellipsis", no_wrap=i not in self.fixed,
                      pad=True)
        return [[(" " * left, style), (line, style), (" " * right, style)] for line in lines]

    def _row(self, cells: list[str], widths: list[int], header: bool) -> list[Line]:
        style = BOLD if header else None
        rendered = [self._cell(cell, i, width, style) for i, (cell, width) in enumerate(zip(cells, widths, strict=True))]
        filled = max(len(lines) for lines in rendered)
        height = max(1, filled)
        for lines, width in zip(rendered, widths, strict=True):
            at = 0 if header else len(lines)  # Segment.align_bottom for the header, align_top for rows
            lines[at:at] = [[(" " * width, style)]] * (filled - len(lines))
            lines += [[(" " * width, None)]] * (height - len(lines))  # Segment.set_shape
        out = []
        for n in range(height):
            line: Line = []
            for i, lines in enumerate(rendered):
                if i:
                    line.append((" ", None))
                line += lines[n]
            out.append(line)
        return out

    def lines(self, width: int) -> list[Line]:
        """The section's lines at a console `width`."""
        if not self.columns:
            return [[]]
        widths = self.widths(width - (len(self.columns) - 1))
        table_width = sum(widths) + len(widths) - 1
        out: list[Line] = []
        if self.section.title and table_width >= 1:
            out += [[(line, None)] for line in _wrap(self.section.title, table_width, pad=True)]
        out += self._row(self.section.headers, widths, header=True)
        out.append([("─" * table_width, None)])
        for row in self.section.rows:
            out += self._row(row, widths, header=False)
        return [_crop(line, width) for line in out]


def _crop(line: Line, width: int) -> Line:
    """Segment.adjust_line_length without padding: a line cut at the console's width."""
    if sum(len(text) for text, _ in line) <= width:
        return line
    cropped: Line = []
    length = 0
    for text, style in line:
        if length + len(text) < width:
            cropped.append((text, style))
            length += len(text)
        else:
            cropped.append((text[:width - length], style))
            break
    return cropped


def _show(lines: list[Line], color: bool) -> str:
    if color:
        text = ("".join(f"\x1b[{style}m{t}\x1b[0m" if style and t else t for t, style in line) for line in lines)
    else:
        text = ("".join(t for t, _ in line) for line in lines)
    # rich pads every cell to its column's width; trailing blanks are noise in a terminal and in a diff.
    return "".join(line.rstrip() + "\n" for line in text)


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    width = width or 120
    if sys.platform == "win32" or width < 1 or not _single_cell(doc):  # a legacy Windows console is one column narrower
        return _rich_render(doc, width, color)
    # A dumb terminal (Console.is_dumb_terminal) gets no style, and is 80 columns wide whatever the width.
    dumb = color and os.environ.get("TERM", "").lower() in ("dumb", "unknown")
    styled, console_width = color and not dumb, 80 if dumb else width
    lines: list[Line] = []
    if doc.title:
        lines += [[(line, BOLD)] for line in _wrap(doc.title, console_width)]
    for section in doc.sections:
        section = drop_columns(section, width, GAP)
        fixed = wrapped_widths(section, width, GAP)
        section = wrap_cells(section, width, GAP)  # as plain text does: long ids break at their hyphens
        lines += _Table(section, fixed).lines(console_width)
    for note in doc.notes:
        lines += [[(line, DIM)] for line in _wrap(note, console_width)]
    return _show(lines, styled)


def _rich_render(doc: Document, width: int, color: bool) -> str:
    """The table drawn by rich: for text that needs its Unicode tables, and as the reference the light
    renderer is tested against."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, no_color=not color,
                      color_system="auto" if color else None, highlight=False)
    if doc.title:
        console.print(doc.title, style="bold", markup=False)
    for section in doc.sections:
        section = drop_columns(section, width, GAP)
        widths = wrapped_widths(section, width, GAP)
        section = wrap_cells(section, width, GAP)
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
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())
