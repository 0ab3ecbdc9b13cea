"""The cost/quality frontier: its properties over the bundled registry, an exact small case, and the text chart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from modelpick import service
from modelpick.frontier import dominates, pareto
from modelpick.render import chart, render

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "registry"
AS_OF = dt.date(2026, 11, 21)
WORKLOADS = [
    ("examples/ticket-triage.yaml", {}),
    (None, {"task": "coding", "input_tokens": 12000, "output_tokens": 1500, "requests_per_day": 2000}),
    (None, {"task": "chat", "cached_input_ratio": 0.5, "batch": True}),
    (None, {"task": "extraction", "requires": {"features": ["structured_outputs"]}}),
]


def test_dominates_needs_no_worse_in_each_and_better_in_one() -> None:
    assert dominates((Decimal(1), -0.5), (Decimal(2), -0.5))
    assert dominates((Decimal(2), -0.6), (Decimal(2), -0.5))
    assert not dominates((Decimal(2), -0.5), (Decimal(2), -0.5))  # equal: neither dominates
    assert not dominates((Decimal(1), -0.4), (Decimal(2), -0.5))  # cheaper but worse


def test_a_hand_made_frontier() -> None:
    # (cost, -quality): a cheap/weak, b dear/strong and f its twin, c dominated by b and f (b: the same cost and
    # quality, first by name), d by a and e (a's twin).
    objectives = {"a": (Decimal(10), -0.5), "b": (Decimal(40), -0.9), "c": (Decimal(50), -0.6),
                  "d": (Decimal(10), -0.4), "e": (Decimal(10), -0.5), "f": (Decimal(40), -0.9)}
    assert pareto(objectives) == {"a": None, "b": None, "c": "b", "d": "a", "e": None, "f": None}


@pytest.mark.parametrize(("workload", "keys"), WORKLOADS)
def test_frontier_properties_over_the_bundled_registry(workload: str | None, keys: dict) -> None:
    result = service.frontier(workload, as_of=AS_OF, **keys)
    points = {f"{p.provider}/{p.model}": p for p in result.points}
    assert result.points, "the bundled registry charts something for every workload here"

    def objectives(key: str) -> tuple[Decimal, float]:
        return points[key].per_month, -points[key].quality

    for key, p in points.items():
        dominators = [other for other in points if dominates(objectives(other), objectives(key))]
        if p.frontier:
            assert p.dominated_by is None and not dominators, key
        else:
            assert p.dominated_by in dominators, key
            assert p.dominated_by == min(dominators, key=lambda k: (*objectives(k), k))  # the cheapest, then best
            assert points[p.dominated_by].frontier, key  # the cheapest dominator is on the frontier
    assert result.frontier == [k for k, p in points.items() if p.frontier]
    costs = [p.per_month for p in result.points]
    assert costs == sorted(costs)
    # cost/speed: the same rule over the entries with a known speed
    timed = {k: (p.per_month, p.seconds_per_request) for k, p in points.items() if p.seconds_per_request is not None}
    for key, p in points.items():
        if key not in timed:
            assert p.speed_frontier is None
        else:
            assert p.speed_frontier == (not any(dominates(timed[o], timed[key]) for o in timed))
    # every entry is charted or listed with why
    unplotted = {f"{u.provider}/{u.model}": u for u in result.unplotted}
    assert len(points) + len(unplotted) == len(points.keys() | unplotted.keys())
    assert all(u.reasons for u in unplotted.values())
    assert all(u.reasons[0].startswith("quality unknown") for u in unplotted.values() if u.fits)


def test_the_fixture_frontier_exactly() -> None:
    """acme and hostco, chat at 1,000 in / 100 out tokens, 1,000 requests a day: acme/acme-alpha costs
    1,000 x $1 + 100 x $4 per 1M = $0.0014 a request, $42 a month, and dominates the rest."""
    result = service.frontier(None, registry=[FIXTURES], as_of=dt.date(2025, 12, 1), task="chat", input_tokens=1000,
                              output_tokens=100, requires={"providers": ["acme", "hostco"]})
    assert result.frontier == ["acme/acme-alpha"]
    first = result.points[0]
    assert (first.provider, first.model, first.per_month, first.per_request) == \
        ("acme", "acme-alpha", Decimal(42), Decimal("0.0014"))
    assert {f"{p.provider}/{p.model}": p.dominated_by for p in result.points[1:]} == {
        "hostco/acme-alpha": "acme/acme-alpha", "acme/acme-think": "acme/acme-alpha",
        "hostco/hostco-reasoner": "acme/acme-alpha"}
    assert {(u.provider, u.model, u.fits) for u in result.unplotted if u.fits} == \
        {("acme", "shared-open", True), ("hostco", "shared-open", True)}


def test_the_chart_fits_80_columns_and_starts_no_line_with_a_blank() -> None:
    points = [chart.Point(180, 0.35, "1"), chart.Point(439, 0.51, "2"), chart.Point(312, 0.29, "."),
              chart.Point(8880, 0.73, "3")]
    lines = chart.chart(points)
    assert all(len(line) <= 80 and line[:1].strip() for line in lines)
    assert lines[-1].startswith("$100") and "$1k" in lines[-1] and "$10k" in lines[-1]
    assert "".join(lines).count("1") >= 1 and "3" in "".join(lines[:3])  # the best quality is on the top rows
    assert chart.chart([]) == []


def test_the_frontier_table_fits_80_columns() -> None:
    result = service.frontier("examples/ticket-triage.yaml", as_of=AS_OF)
    for fmt in ("table", "plain"):
        text = render(result, fmt, width=80)
        assert max(len(line) for line in text.splitlines()) <= 80, fmt
        assert "cost/quality chart" in text and "dominated by" in text
