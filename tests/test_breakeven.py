"""Break-even points, hand-computed for a made-up pair and checked by costing both sides of each point; the
"never" cases with their reasons; the bundled gpt-4.1-nano against gpt-5-nano on ticket-triage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from modelpick import service
from modelpick.registry import load_registry
from modelpick.report import BreakevenResult

AS_OF = dt.date(2026, 11, 21)
MILLION = Decimal(1_000_000)

# Two made-up entries (every figure fictional), prices per 1M tokens chosen so the roots are exact:
# A: input 1, cached 0.5, output 2, batch input 0.5 / output 1; B: input 2, cached 0.2, output 1, no batch.
PAIR = """\
provider: pairco
name: Pair Co (fictional)
sources:
  docs: {url: https://example.invalid/pairco, read: 2026-01-01}
models:
  - id: pa
    name: P A
    creator: pairco
    context_window: {value: 100000, source: docs}
    max_output_tokens: {value: 10000, source: docs}
    modalities: {source: docs, input: [text], output: [text]}
    features: {source: docs, values: [batch]}
    pricing: {source: docs, input: 1.0, cached_input: 0.5, output: 2.0, batch: {input: 0.5, output: 1.0}}
  - id: pb
    name: P B
    creator: pairco
    context_window: {value: 100000, source: docs}
    max_output_tokens: {value: 50000, source: docs}
    modalities: {source: docs, input: [text], output: [text]}
    features: {source: docs, values: []}
    pricing: {source: docs, input: 2.0, cached_input: 0.2, output: 1.0}
"""
WORKLOAD = {"task": "chat", "input_tokens": 1000, "output_tokens": 100, "requests_per_day": 1000}


@pytest.fixture
def pair(tmp_path: Path) -> BreakevenResult:
    path = tmp_path / "pairco.yaml"
    path.write_text(PAIR, encoding="utf-8")
    return service.breakeven(WORKLOAD, between=["pairco/pa", "pairco/pb"], registry=[path], as_of=AS_OF)


def by_parameter(result: BreakevenResult) -> dict:
    return {p.parameter: p for p in result.parameters}


def test_costs_now(pair: BreakevenResult) -> None:
    # A: 1,000 x 1 + 100 x 2 = 1,200 per 1M tokens a request; B: 1,000 x 2 + 100 x 1 = 2,100; x 30,000 a month.
    assert pair.a.per_request == Decimal(1200) / MILLION and pair.b.per_request == Decimal(2100) / MILLION
    assert (pair.a.per_month, pair.b.per_month) == (Decimal(36), Decimal(63))
    for p in pair.parameters:
        assert (p.per_month_a, p.per_month_b) == (Decimal(36), Decimal(63))


def test_output_length(pair: BreakevenResult) -> None:
    # A = 1,000 + 2 o, B = 2,000 + o: equal at o = 1,000.
    p = by_parameter(pair)["output_tokens"]
    assert p.breakeven == 1000 and p.never is None
    assert (p.cheaper_below, p.cheaper_above) == ("pairco/pa", "pairco/pb")
    below, above = p.checked
    assert (below.value, below.cost_a, below.cost_b) == (999, Decimal(2998) / MILLION, Decimal(2999) / MILLION)
    assert (above.value, above.cost_a, above.cost_b) == (1001, Decimal(3002) / MILLION, Decimal(3001) / MILLION)
    assert "pairco/pa stops fitting above 10,000 output tokens per request (max output 10,000, context window " \
           "100,000, hidden reasoning included)" in p.notes


def test_cached_input_ratio(pair: BreakevenResult) -> None:
    # A = 1,200 - 500 x, B = 2,100 - 1,800 x: equal at x = 900 / 1,300 = 9/13.
    p = by_parameter(pair)["cached_input_ratio"]
    assert p.breakeven == pytest.approx(9 / 13, abs=1e-12)
    assert (p.cheaper_below, p.cheaper_above) == ("pairco/pa", "pairco/pb")
    below, above = p.checked
    assert below.value < 9 / 13 < above.value and below.cheaper == "pairco/pa" and above.cheaper == "pairco/pb"
    x = Decimal(str(below.value))
    assert below.cost_a == (1200 - 500 * x) / MILLION and below.cost_b == (2100 - 1800 * x) / MILLION


def test_batch_share_never_with_a_model_without_batch_prices(pair: BreakevenResult) -> None:
    # A = 1,200 (1 - s) + 600 s, B = 2,100 at any share: A is cheaper throughout.
    p = by_parameter(pair)["batch_share"]
    assert p.breakeven is None
    assert p.never == "the lines do not cross between 0 and 1: pairco/pa is cheaper throughout"
    assert p.notes == ["pairco/pb has no batch prices: standard prices for its batch share"]
    assert [(c.value, c.cost_a, c.cost_b) for c in p.checked] == [
        (0.0, Decimal(1200) / MILLION, Decimal(2100) / MILLION), (1.0, Decimal(600) / MILLION, Decimal(2100) / MILLION)]


def test_volume_never(pair: BreakevenResult) -> None:
    p = by_parameter(pair)["requests_per_day"]
    assert p.breakeven is None and p.current == 1000
    assert p.never == ("both costs scale linearly with volume (cost per request x requests), so their ratio is "
                       "fixed: pairco/pa, the cheaper at 1 request, is the cheaper at any volume")
    assert p.checked_per == "month"
    assert [(c.value, c.cost_a, c.cost_b) for c in p.checked] == [
        (1.0, Decimal("0.036"), Decimal("0.063")), (1_000_000.0, Decimal(36000), Decimal(63000))]


def test_every_point_is_checked_on_both_sides(pair: BreakevenResult) -> None:
    for p in pair.parameters:
        if p.breakeven is not None:
            below, above = p.checked
            assert below.value < p.breakeven < above.value or below.value <= p.breakeven <= above.value
            assert below.cheaper != above.cheaper and None not in (below.cheaper, above.cheaper)


def test_gpt_4_1_nano_against_gpt_5_nano_on_ticket_triage() -> None:
    """800 input tokens (half cached), 20 output, 200,000 requests a day: costs from the registry's prices."""
    result = service.breakeven("examples/ticket-triage.yaml", between=["gpt-4.1-nano", "gpt-5-nano"], as_of=AS_OF)
    registry = load_registry()
    expected = []
    for name, hidden in (("gpt-4.1-nano", 0), ("gpt-5-nano", 0)):
        prices = registry.get(name).model.pricing
        per_request = (400 * prices.input + 400 * prices.cached_input + (20 + hidden) * prices.output) / MILLION
        expected.append(per_request * 200_000 * 30)
    assert [result.a.per_month, result.b.per_month] == expected
    params = by_parameter(result)
    assert all(p.breakeven is None for p in result.parameters)  # gpt-5-nano is cheaper on every count
    assert {(p.cheaper_below, p.cheaper_above) for p in result.parameters} == {("openai/gpt-5-nano",) * 2}
    assert params["output_tokens"].never == (
        "both costs move by the same amount per output token (hidden reasoning included), so the gap between them is "
        "fixed: openai/gpt-5-nano is cheaper throughout")
    assert params["cached_input_ratio"].never == ("the lines do not cross between 0 and 1: openai/gpt-5-nano is "
                                                  "cheaper throughout")


def test_the_same_model_twice_and_a_missing_one() -> None:
    from modelpick.errors import InputError

    with pytest.raises(InputError, match="name two different models: 'gpt-5-nano' twice"):
        service.breakeven(None, between=["gpt-5-nano", "gpt-5-nano"], as_of=AS_OF)
    with pytest.raises(InputError, match="name two different models: both name openai/gpt-5-nano"):
        service.breakeven(None, between=["gpt-5-nano", "openai/gpt-5-nano"], as_of=AS_OF)
    with pytest.raises(InputError, match="name two models to compare, not 1"):
        service.breakeven(None, between=["gpt-5-nano"], as_of=AS_OF)
