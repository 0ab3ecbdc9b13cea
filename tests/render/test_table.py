from typing import Any

from modelpick.render import render
from modelpick.report import Recommendation

DERIVED = "hidden reasoning tokens derived, not measured: 5,500 per request at high"
PREVIEW = "preview: may change or go away without notice"
NO_BATCH = "no batch price offered: standard prices used"



def header(text: str) -> list[str]:
    return next(line for line in text.splitlines() if line.startswith("#")).split()


def test_narrow_table_drops_columns_wide_table_keeps_them(with_warnings: Recommendation) -> None:
    narrow = render(with_warnings, "table", width=80)
    wide = render(with_warnings, "table", width=160)
    assert header(narrow) == ["#", "model", "$/month", "quality", "reasoning", "why"]
    assert header(wide) == ["#", "model", "$/month", "$/request", "quality", "reasoning", "speed", "context", "why"]
    for text, width in ((narrow, 80), (wide, 160)):
        assert max(len(line) for line in text.splitlines()) <= width
        assert f"[2] {PREVIEW}" in text


def test_table_cells_are_not_markup(make_recommendation: Any, make_entry: Any) -> None:
    text = render(make_recommendation([make_entry(1, "[bold]alpha[/bold]")]), "table", width=120)
    assert "[bold]alpha[/bold]" in text
