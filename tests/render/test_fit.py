"""render.fit: how wide a section's columns are, and which stay."""

from __future__ import annotations

import pytest

from modelpick.render.fit import wrapped_widths
from modelpick.render.layout import Section

# Every line boundary str.splitlines knows.
BOUNDARIES = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("boundary", BOUNDARIES, ids=repr)
def test_a_cell_is_as_wide_as_its_longest_line(boundary: str) -> None:
    section = Section(None, ["id", "text"], [["1", f"abc{boundary}abcdefgh"]], wrap=("text",))
    assert wrapped_widths(section, 100, gap=3) == {1: 8}


def test_a_cell_of_one_line_is_as_wide_as_its_text() -> None:
    section = Section(None, ["id", "text"], [["1", "abc abcdefgh\t…"]], wrap=("text",))
    assert wrapped_widths(section, 100, gap=3) == {1: 14}
