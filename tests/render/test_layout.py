import datetime as dt
from typing import Any

from modelpick.render.layout import Footnotes, layout
from modelpick.report import CheckedWorkload, CheckResult, ReasoningAssumed, Recommendation

DERIVED = "hidden reasoning tokens derived, not measured: 5,500 per request at high"
PREVIEW = "preview: may change or go away without notice"
NO_BATCH = "no batch price offered: standard prices used"



def test_title_prints_plain_numbers(make_recommendation: Any, make_entry: Any) -> None:
    doc = layout(make_recommendation([make_entry(1, "alpha")], requests_per_month=1500000.0))
    assert doc.title == "triage: task classification, 100 in / 10 out tokens, 1,500,000 requests/month (as of 2026-11-21)"


def test_identical_warnings_share_one_number() -> None:
    footnotes = Footnotes()
    assert footnotes.marker(["a", "b"]) == "[1,2]"
    assert footnotes.marker(["b", "c"]) == "[2,3]"
    assert footnotes.marker([]) == ""
    assert footnotes.notes() == ["[1] a", "[2] b", "[3] c"]


def test_every_warning_has_a_marker_and_a_note(with_warnings: Recommendation) -> None:
    doc = layout(with_warnings)
    section = doc.sections[0]
    model = section.headers.index("model")
    assert [row[model] for row in section.rows] == ["testco/alpha [1,2]", "testco/beta [2,3,4]", "testco/gamma"]
    assert doc.notes[1:] == [f"[1] {DERIVED}", f"[2] {PREVIEW}", f"[3] {NO_BATCH}",
                             "[4] thin evidence: quality 0.48 rests on 25% of the classification benchmark weight; "
                             "ranked as 0.24"]


def test_quality_and_reasoning_cells(with_warnings: Recommendation) -> None:
    doc = layout(with_warnings)
    section = doc.sections[0]
    cells = [(row[section.headers.index("quality")], row[section.headers.index("reasoning")]) for row in section.rows]
    assert cells == [("0.50", "high ~5.5k"), ("0.48*", "-"), ("unknown", "-")]
    assert doc.notes[0] == ("quality*: thin evidence; reasoning: the effort and hidden tokens per request assumed "
                            "(~ derived, ? unknown) (see the numbered notes)")


def test_check_rows_say_the_reasoning_assumed() -> None:
    reasoning = ReasoningAssumed(effort="high", effort_basis="the API default", hidden_tokens=12_345,
                                 per_output_token=None, kind="derived", basis="median")
    result = CheckResult(as_of=dt.date(2026, 1, 1), config="modelpick.yaml", summary={"pass": 1, "warn": 0, "fail": 0},
                         results=[CheckedWorkload(name="w", model="m", provider="p", status="pass", findings=[],
                                                  cost=None, best_alternative=None, reasoning=reasoning)])
    section = layout(result).sections[0]
    assert section.headers[4] == "reasoning" and section.rows[0][4] == "high ~12k"
