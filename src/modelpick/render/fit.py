"""Fitting a section to a width: which columns stay, and how wide the wrapped ones may be. Pure text
arithmetic, shared by the table (rich) and plain (tabulate) renderers."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace

from modelpick.render.layout import Section

MIN_WRAPPED = 30  # narrower than this, a wrapped column reads as fragments


def _cell_width(cell: str) -> int:
    if cell.isprintable():  # no line boundary (every one is a control or separator character): one line
        return len(cell)
    return max((len(line) for line in cell.splitlines()), default=0)


def _natural_widths(section: Section, header_pad: int) -> list[int]:
    return [max([len(header) + header_pad, *(_cell_width(row[i]) for row in section.rows)])
            for i, header in enumerate(section.headers)]


def _needed(section: Section, gap: int, header_pad: int) -> int:
    widths = _natural_widths(section, header_pad)
    return sum(min(w, MIN_WRAPPED) if h in section.wrap else w for h, w in zip(section.headers, widths, strict=True)) \
        + gap * (len(widths) - 1)


def drop_columns(section: Section, width: int, gap: int, header_pad: int = 0) -> Section:
    """Drop the section's optional columns, in their order, until the other columns and each wrapped one at
    MIN_WRAPPED fit the width (`gap`: characters between two columns; `header_pad`: what a renderer adds to
    a header's width)."""
    for header in section.optional:
        if _needed(section, gap, header_pad) <= width:
            break
        if header in section.headers:
            i = section.headers.index(header)
            section = replace(section, headers=section.headers[:i] + section.headers[i + 1:],
                              rows=[row[:i] + row[i + 1:] for row in section.rows])
    return section


def wrapped_widths(section: Section, width: int, gap: int, header_pad: int = 0) -> dict[int, int]:
    """Column index -> width for each wrapped column: the room the others leave, shared out narrowest first,
    so that a short column keeps its width and the long ones share the rest."""
    natural = _natural_widths(section, header_pad)
    wrapped = [i for i, h in enumerate(section.headers) if h in section.wrap]
    room = width - gap * (len(natural) - 1) - sum(w for i, w in enumerate(natural) if i not in wrapped)
    widths = {}
    for count, i in enumerate(sorted(wrapped, key=natural.__getitem__)):
        widths[i] = min(natural[i], max(MIN_WRAPPED // 2, room // (len(wrapped) - count)))
        room -= widths[i]
    return widths


_AFTER_SLASH_OR_UNDERSCORE = re.compile(r"(?<=[/_])(?=\w)")


class _Wrapper(textwrap.TextWrapper):
    """Breaks ids (`groq/openai/gpt-oss-20b`, `livebench_mathematics`) after a slash or an underscore as well
    as at a hyphen, before it cuts a word anywhere."""

    def _split(self, text: str) -> list[str]:
        return [part for chunk in super()._split(text) for part in _AFTER_SLASH_OR_UNDERSCORE.split(chunk)]


_REPLACED = frozenset("\t\n\x0b\x0c\r")  # whitespace TextWrapper rewrites


def wrap_text(text: str, width: int) -> str:
    # Text that fits, without trailing blanks or whitespace TextWrapper rewrites, is what it would return.
    if 0 < len(text) <= width and not text[-1].isspace() and _REPLACED.isdisjoint(text):
        return text
    return "\n".join(_Wrapper(width).wrap(text)) or text


def wrap_cells(section: Section, width: int, gap: int, header_pad: int = 0) -> Section:
    """The section with each wrapped cell broken into lines of the width its column gets."""
    widths = wrapped_widths(section, width, gap, header_pad)
    return replace(section, rows=[[wrap_text(cell, widths[i]) if i in widths else cell for i, cell in enumerate(row)]
                                  for row in section.rows])
