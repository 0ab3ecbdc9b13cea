"""Text that a terminal, a log viewer or a spreadsheet shows and never acts on.

Registry values, workload names and scanned paths may come from a hostile file. Printed raw, an ESC starts
a terminal sequence (set the title, write a hyperlink, move the cursor, redefine keys), a C1 CSI (U+009B)
does the same on terminals that read 8-bit controls, BEL and BS sound or overwrite, a newline forges a row,
and a bidi override or a zero-width character makes text read other than it is. Every human format passes
its text through `visible`, which writes each such character as Python's repr writes it: `\\x1b`, `\\x07`,
`\\n`, `\\x9b`, `\\u202e`. A backslash is left as it is (a Windows path stays readable), so a value that
spells `\\x1b` out looks like one that held an ESC: both are harmless. JSON keeps the exact value (it
escapes control characters itself).

Stdlib only and no import of the rest of modelpick, so that the registry's validation names the same
characters (`controls`) without loading a renderer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from modelpick.render.layout import Document

# Unicode general categories escaped: Cc (C0, DEL, C1), Cf (format: bidi embeddings, overrides and isolates,
# LRM/RLM, zero-width space and joiners, word joiner, BOM, soft hyphen, tag characters), Zl and Zp (line
# and paragraph separators, which some viewers break lines at) and Cs (a lone surrogate, which cannot even
# be encoded to UTF-8 for printing).
ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})

# str.isprintable() is False for every character of those categories (and for a few harmless ones, such as
# a no-break space, which the slow path then keeps): the fast path for the text of nearly every cell.
_MAYBE = re.compile(r"[^\x20-\x7e]")


def _is_escaped(char: str) -> bool:
    return unicodedata.category(char) in ESCAPED_CATEGORIES


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(char: str) -> str:
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def controls(text: str) -> list[str]:
    """The characters of `text` that `visible` escapes, each once, in order of appearance."""
    if text.isprintable():
        return []
    return list(dict.fromkeys(c for c in text if _is_escaped(c)))


def visible(text: str) -> str:
    """`text` with every control, format and separator character written as its escape (`\\x1b`)."""
    if text.isprintable():
        return text
    return _MAYBE.sub(lambda m: _escape(m[0]) if _is_escaped(m[0]) else m[0], text)


def visible_document(doc: Document) -> Document:
    """The document with every title, header, cell and note made visible: the one place every human format
    (table, plain, markdown, csv) passes through."""
    sections = [replace(s, title=None if s.title is None else visible(s.title),
                        headers=[visible(h) for h in s.headers], rows=[[visible(c) for c in row] for row in s.rows],
                        wrap=tuple(map(visible, s.wrap)), optional=tuple(map(visible, s.optional)))
                for s in doc.sections]
    return replace(doc, title=None if doc.title is None else visible(doc.title), sections=sections,
                   notes=[visible(n) for n in doc.notes])
