"""Cascades (issue 14, item 2): blended costs computed by hand on the acme fixture, the break-even rate checked by
costing the cascade at it, the quality mix, and the search's rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from modelpick import cascade, service
from modelpick.errors import InputError, UnknownModelError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "registry"
AS_OF = dt.date(2026, 1, 15)
# acme/shared-open: 0.20 in, 0.60 out per 1M -> 1000 x 0.2 / 1M + 100 x 0.6 / 1M = $0.00026 per request
# acme/acme-alpha:  1.00 in, 4.00 out        -> 0.001 + 0.0004                 = $0.0014
# acme/acme-think:  2.00 in, 8.00 out (no hidden tokens: reasoning_tokens 0) -> 0.002 + 0.0008 = $0.0028
WORKLOAD = {"task": "chat", "input_tokens": 1000, "output_tokens": 100, "reasoning_tokens": 0,
            "requests_per_day": 1000}


def run(chain: list[str], rates: list[float], **kw: object) -> service.CascadeResult:  # type: ignore[name-defined]
    return service.cascade(WORKLOAD, chain=chain, escalation_rates=rates, registry=[FIXTURES], as_of=AS_OF, **kw)


def test_two_stage_blended_cost_by_hand():
    c = run(["acme/shared-open", "acme/acme-alpha"], [0.25]).cascades[0]
    # 0.00026 + 0.25 x 0.0014 = 0.00061 per request; x 1000 a day; x 30 a month
    assert c.per_request == Decimal("0.00061")
    assert c.per_day == Decimal("0.61")
    assert c.per_month == Decimal("18.3")
    assert [s.reaches for s in c.stages] == [1.0, 0.25]
    assert [s.answers for s in c.stages] == [0.75, 0.25]
    assert [s.per_request for s in c.stages] == [Decimal("0.00026"), Decimal("0.0014")]
    assert c.strongest == "acme/acme-alpha"  # shared-open's quality is unknown
    assert c.strongest_per_month == Decimal("42")  # 0.0014 x 1000 x 30
    assert c.saving_per_month == Decimal("23.7")
    # r* = 1 - c1 / c2 = 1 - 0.00026 / 0.0014
    assert c.break_even_rate == pytest.approx(1 - 0.00026 / 0.0014)
    assert c.expected_quality is None  # unknown stays unknown
    assert c.fits


def test_three_stage_blended_cost_by_hand():
    c = run(["acme/shared-open", "acme/acme-alpha", "acme/acme-think"], [0.5, 0.2]).cascades[0]
    # reach 1, 0.5, 0.1: 0.00026 + 0.5 x 0.0014 + 0.1 x 0.0028 = 0.00026 + 0.0007 + 0.00028 = 0.00124
    assert c.per_request == Decimal("0.00124")
    assert c.per_day == Decimal("1.24")
    assert c.per_month == Decimal("37.2")
    assert [s.reaches for s in c.stages] == [1.0, 0.5, pytest.approx(0.1)]
    assert [s.escalation_rate for s in c.stages] == [0.5, 0.2, None]
    # the strongest is acme-alpha (stage 2); R1* = (S - c1) / (c2 + R2 c3) = 0.00114 / 0.00196
    assert c.strongest == "acme/acme-alpha"
    assert c.break_even_rate == pytest.approx(0.00114 / 0.00196)


@pytest.mark.parametrize("costs,rates", [
    ([Decimal("0.00026"), Decimal("0.0014")], [Decimal("0.3")]),
    ([Decimal("0.00026"), Decimal("0.0014"), Decimal("0.0028")], [Decimal("0.5"), Decimal("0.9")]),
    ([Decimal("0.0001"), Decimal("0.0003"), Decimal("0.0028")], [Decimal("0.1"), Decimal("0.99")]),
])
def test_at_the_break_even_rate_the_cascade_costs_the_strongest_alone(costs, rates):
    strongest = costs[-1]
    rate = cascade.break_even_rate(costs, rates, strongest)
    assert rate is not None and 0 < rate < 1
    assert abs(cascade.blended(costs, [rate, *rates[1:]]) - strongest) < Decimal("1e-20")
    assert cascade.blended(costs, [rate + Decimal("0.01"), *rates[1:]]) > strongest
    assert cascade.blended(costs, [rate - Decimal("0.01"), *rates[1:]]) < strongest


def test_break_even_through_the_service():
    first = run(["acme/shared-open", "acme/acme-alpha"], [0.25]).cascades[0]
    at = run(["acme/shared-open", "acme/acme-alpha"], [first.break_even_rate]).cascades[0]
    assert float(at.per_month) == pytest.approx(float(first.strongest_per_month), rel=1e-9)
    assert float(at.saving_per_month) == pytest.approx(0, abs=1e-9)


def test_never_pays_and_pays_at_every_rate():
    costs = [Decimal(2), Decimal(1)]
    assert cascade.break_even_rate(costs, [Decimal("0.1")], Decimal(1)) is None
    assert cascade.break_even_text(costs, [Decimal("0.1")], Decimal(1), "x").startswith("never pays")
    # stage 2 is the strongest but stage 3 is cheap: even R1 = 1 costs less than stage 2 alone
    costs = [Decimal(1), Decimal("0.5"), Decimal(10)]
    assert cascade.break_even_rate(costs, [Decimal("0.5"), Decimal("0.01")], Decimal(10)) is None
    assert cascade.break_even_text(costs, [Decimal("0.5"), Decimal("0.01")], Decimal(10), "x").startswith(
        "pays at every")


def test_shares_and_quality_mix():
    rates = [Decimal("0.2"), Decimal("0.5")]
    assert cascade.reach_shares(rates) == [1, Decimal("0.2"), Decimal("0.1")]
    assert cascade.answer_shares(rates) == [Decimal("0.8"), Decimal("0.1"), Decimal("0.1")]
    assert sum(cascade.answer_shares(rates)) == 1
    # 0.8 x 0.4 + 0.1 x 0.6 + 0.1 x 0.9 = 0.32 + 0.06 + 0.09 = 0.47
    assert cascade.expected_quality([0.4, 0.6, 0.9], rates) == pytest.approx(0.47)
    assert cascade.expected_quality([0.4, None, 0.9], rates) is None
    assert cascade.strongest([0.4, 0.9, 0.9]) == 2 and cascade.strongest([None, None]) is None


def test_quality_and_costs_are_recommends():
    """Each stage's cost and quality are those compare (so recommend) gives the entry, on the bundled data."""
    workload = "examples/ticket-triage.yaml"
    result = service.cascade(workload, chain=["gpt-4.1-nano", "gpt-4.1"], escalation_rates=[0.3], as_of=AS_OF)
    compared = service.compare(["gpt-4.1-nano", "gpt-4.1"], workload, as_of=AS_OF).models
    c = result.cascades[0]
    for stage, entry in zip(c.stages, compared, strict=True):
        assert stage.per_month == entry.cost.per_month and stage.quality == pytest.approx(entry.scores.quality)
    q1, q2 = (entry.scores.quality for entry in compared)
    assert c.expected_quality == pytest.approx(0.7 * q1 + 0.3 * q2, abs=1e-4)
    assert c.strongest == "openai/gpt-4.1"
    n, full = (entry.cost.per_month for entry in compared)
    assert c.per_month == n + Decimal("0.3") * full
    assert c.saving_per_month == full - c.per_month


def test_a_stage_that_fails_the_workload_is_reported_and_the_cascade_does_not_fit():
    r = run(["acme/shared-open", "acme/acme-alpha"], [0.2], requires={"features": ["tool_calling"]})
    c = r.cascades[0]
    assert not c.fits and not c.stages[0].fits and c.stages[1].fits
    assert any("tool_calling" in reason for reason in c.stages[0].excluded)
    assert any("does not fit" in note for note in r.notes)


@pytest.mark.parametrize("chain,rates,message", [
    (["acme/shared-open", "acme/acme-alpha", "acme/acme-think"], [0.2],
     "escalation_rates: 3 models make 2 hand-offs: give 2 escalation rates (one per hand-off), got 1"),
    (["acme/shared-open", "acme/acme-alpha"], [1.5], "escalation_rates: 1.5 is not a share of requests: give a "
                                                     "rate from 0 to 1"),
    (["acme/shared-open", "acme/shared-open"], [0.2], "chain: acme/shared-open is in the chain twice"),
    (["acme/shared-open"], [], "chain: a cascade needs two or more models, got 1"),
])
def test_errors_name_the_argument(chain, rates, message):
    with pytest.raises(InputError) as err:
        run(chain, rates)
    assert str(err.value) == message and err.value.argument


def test_unknown_model_says_did_you_mean():
    with pytest.raises(UnknownModelError, match=r"unknown model 'acme-alpa' \(did you mean 'acme-alpha' or"):
        run(["acme-alpa", "acme/acme-think"], [0.2])


def test_search_lists_pairs_that_pay_and_beat_every_single_entry():
    result = service.cascade("examples/ticket-triage.yaml", as_of=AS_OF)
    assert result.mode == "search" and 0 < len(result.cascades) <= 10
    singles = service.recommend("examples/ticket-triage.yaml", as_of=AS_OF).ranking
    for c in result.cascades:
        first, last = c.stages
        assert c.escalation_rates == [cascade.DEFAULT_RATE]
        assert first.per_month < last.per_month and first.quality < last.quality  # cheaper and weaker first
        assert c.strongest == f"{last.provider}/{last.model}" and c.per_month < last.per_month  # it pays
        assert not any(s.cost.per_month <= c.per_month and (s.scores.quality or 0) > c.expected_quality
                       for s in singles)
    months = [c.per_month for c in result.cascades]
    assert months == sorted(months) and [c.rank for c in result.cascades] == list(range(1, len(months) + 1))


def test_search_triples_and_top():
    result = service.cascade("examples/ticket-triage.yaml", depth=3, escalation_rates=[0.1], top=3, as_of=AS_OF)
    assert len(result.cascades) == 3
    assert all(len(c.chain) == 3 and c.escalation_rates == [0.1, 0.1] for c in result.cascades)
    with pytest.raises(InputError, match="depth: 4 is not one of 2, 3"):
        service.cascade("examples/ticket-triage.yaml", depth=4, as_of=AS_OF)
