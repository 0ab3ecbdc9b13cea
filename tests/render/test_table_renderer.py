"""The light table renderer writes what rich's Table writes, byte for byte: the same documents drawn both
ways (`table._rich_render` is the rich code the table used before, and still uses for text beyond rich's one-cell
characters) at many widths, colour on and off, on a dumb terminal, with hostile cell text.

The renderer reproduces rich 15's layout, so the comparisons with rich run only where rich 15 is installed: a
later rich may lay tables out otherwise, and then the goldens (tests/cli/golden) still hold modelpick's output."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from modelpick import service
from modelpick.render import table
from modelpick.render.escape import visible_document
from modelpick.render.layout import Document, Section, layout

ROOT = Path(__file__).resolve().parents[2]
RICH_MAJOR = int(version("rich").split(".")[0])
needs_rich_15 = pytest.mark.skipif(RICH_MAJOR != 15, reason=f"the light renderer reproduces rich 15; rich {version('rich')} "
                                "is installed (the goldens still check the table)")
AS_OF = dt.date(2026, 11, 21)
WIDTHS = (5, 9, 20, 33, 40, 60, 79, 80, 100, 120, 200)
WORDS = "lorem ipsum dolor sit amet, consectetur-adipiscing-elit sed do eiusmod tempor " * 4
LONG = "x" * 150

HOSTILE = {
    "empty": Document(),
    "title only": Document(title="only a title " * 12),
    "no rows": Document(title="t", sections=[Section("sec", ["a", "b"], [])]),
    "no columns": Document(sections=[Section(None, [], [])]),
    "empty cells": Document(sections=[Section(None, ["a", "", "c"], [["", "", ""], ["x", "", ""]])]),
    "one column": Document(sections=[Section("one", ["only"], [["v " * 80], [LONG]])], notes=["n " * 90]),
    "long word, no wrap": Document(sections=[Section(None, ["id", "name", "v"], [["1", LONG, "z"], ["2", "s", LONG]])]),
    "long word, wrapped": Document(sections=[Section("S", ["id", "why"], [["1", LONG], ["2", WORDS]], wrap=("why",))]),
    "two wrapped": Document(title=WORDS, sections=[Section("S", ["id", "why", "what"], [
        ["1", WORDS, WORDS[:90]], ["2", LONG, "b"]], wrap=("why", "what"))], notes=[WORDS, LONG]),
    "many columns": Document(sections=[Section("many", [f"col{i}" for i in range(30)],
                                               [[f"value-{i}-{j}" for i in range(30)] for j in range(4)])]),
    "optional columns": Document(sections=[Section("many", [f"col{i}" for i in range(12)], [
        [f"value-{i}-{j}" * (i % 3 + 1) for i in range(12)] for j in range(4)], wrap=("col3",),
        optional=("col5", "col7"))]),
    "ellipsis": Document(sections=[Section(None, ["a", "b"], [["…" * 70, "b…" * 40]])], notes=["…" * 100]),
    "latin": Document(title="café naïve ÆØÅ " * 8, sections=[Section(None, ["é", "ü"], [["é" * 60, "ü ü " * 30]],
                                                                       wrap=("ü",))]),
    "controls": Document(title="a\x1bb", sections=[Section(None, ["h\x07", "w"], [
        ["\x1b[31mred\u202e", "tab\there\nnew line " * 10]], wrap=("w",))], notes=["\x9b\u200b"]),
    "markup": Document(title="[bold]x[/bold]", sections=[Section("[red]s", ["[b]", "w"], [["[link=x]y[/link]", ":smile:"]])],
                       notes=["[dim]n"]),
    "spaces": Document(title="  lead   and trail   ", sections=[Section(None, ["a ", " b"], [
        ["  x  ", "y    "], ["a  b  c", "   "]], wrap=("b",))], notes=["   ", "a    b"]),
    "no-break spaces": Document(sections=[Section(None, ["a", "b"], [["x\xa0y " * 20, "z w " * 10]], wrap=("a",))]),
    "sections": Document(title="T", sections=[Section("s1", ["a"], [["1"]]), Section(None, ["b", "c"], [["2", "3"]]),
                                              Section("s3", ["d"], [])], notes=["n1", "n2"]),
    "hyphens": Document(sections=[Section(None, ["k", "text"], [
        ["1", "a-very-long-hyphenated-identifier-with-many-parts-and/slashes_and_underscores " * 3]], wrap=("text",))]),
    # Beyond rich's one-cell characters: drawn by rich itself.
    "cjk": Document(title="日本語のテキスト 中文字符 " * 3, sections=[Section("表", ["名前", "why"], [
        ["日本語のテキスト", "中文字符 " * 12]], wrap=("why",))], notes=["한국어 " * 20]),
    "emoji": Document(title="🚀 rocket 👩‍💻 dev ❤️", sections=[Section(None, ["e", "why"], [["🚀 👩‍💻", "❤️ love " * 9]],
                                                                      wrap=("why",))]),
}


def assert_same(doc: Document, width: int, color: bool) -> None:
    doc = visible_document(doc)
    assert table.render(doc, width=width, color=color) == table._rich_render(doc, width, color), (width, color)


@needs_rich_15
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_documents_are_drawn_as_rich_draws_them(name: str) -> None:
    for width in WIDTHS:
        for color in (False, True):
            assert_same(HOSTILE[name], width, color)


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    workload = ROOT / "examples" / "ticket-triage.yaml"
    results = {
        "recommend": service.recommend(workload, as_of=AS_OF),
        "compare": service.compare(["gpt-4.1-mini", "claude-haiku-4-5"], workload, as_of=AS_OF),
        "cost": service.cost("gpt-5-nano", workload, as_of=AS_OF),
        "cascade": service.cascade(workload, as_of=AS_OF),
        "show": service.show("gpt-4.1-nano", sources=True, as_of=AS_OF),
        "models": service.models(as_of=AS_OF),
        "tasks": service.tasks(),
        "scan": service.scan([ROOT / "tests" / "fixtures" / "scan"], as_of=AS_OF),
    }
    return {name: layout(result, show_excluded=True) for name, result in results.items()}


@needs_rich_15
@pytest.mark.parametrize("name", ["recommend", "compare", "cost", "cascade", "show", "models", "tasks", "scan"])
def test_bundled_registry_documents_are_drawn_as_rich_draws_them(documents: dict[str, Document], name: str) -> None:
    for width in (40, 80, 120):
        for color in (False, True):
            assert_same(documents[name], width, color)


@needs_rich_15
@pytest.mark.parametrize("term", ["dumb", "unknown", "xterm-256color"])
def test_the_terminal_type_changes_what_rich_would(monkeypatch: pytest.MonkeyPatch, documents: dict[str, Document],
                                                   term: str) -> None:
    # A dumb terminal: no style, and rich draws 80 columns wide whatever the width.
    monkeypatch.setenv("TERM", term)
    assert_same(documents["recommend"], 120, True)
    assert ("\x1b[" in table.render(documents["recommend"], width=120, color=True)) is (term.startswith("xterm"))


def test_colour_is_bold_header_and_title_dim_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    doc = Document(title="T", sections=[Section(None, ["a", "b"], [["1", "2"]])], notes=["n"])
    assert table.render(doc, width=20, color=True) == (
        "\x1b[1mT\x1b[0m\n"
        "\x1b[1ma\x1b[0m\x1b[1m \x1b[0m \x1b[1m \x1b[0m\x1b[1mb\x1b[0m\n"
        "─────\n"
        "1   2\n"
        "\x1b[2mn\x1b[0m\n")


@needs_rich_15
def test_every_character_taken_as_one_cell_is_one_cell_to_rich() -> None:
    from rich.cells import cell_len

    singles = [chr(c) for c in range(0x30000) if not table._NOT_SINGLE_CELL.match(chr(c))]
    assert len(singles) > 1000 and "…" in singles and "日" not in singles
    assert [c for c in singles if cell_len(c) != 1] == []


def test_the_light_path_does_not_import_rich() -> None:
    code = ("import sys; from modelpick.render.table import render; from modelpick.render.layout import Document, Section;"
            "doc = Document(title='t', sections=[Section('s', ['a', 'b'], [['1', 'x' * 300]], wrap=('b',))]);"
            "assert render(doc, width=40, color=True).count('\\n') == 13;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))")
    env = {**os.environ, "TERM": "xterm"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out == "[]\n"
