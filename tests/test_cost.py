"""The cost model against hand-computed figures.

Prices are USD per 1M tokens (see tests/fixtures/registry)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal as D

import pytest

from modelpick import cost_model as cost
from modelpick import ranking
from modelpick.report import money_number
from modelpick.workload import resolve

NO_CACHED_PRICE = "no cached-input price: cached tokens billed at the input price"
NO_BATCH = "no batch price offered: standard prices used"
LONG = ">200,000 input tokens"
AS_OF = dt.date(2026, 1, 1)


@pytest.fixture
def run(fixture_registry, make_workload, tasks):
    """run("acme/acme-alpha", 1000, 500, batch=True, ...) -> CostEstimate, hidden reasoning tokens assumed as
    the ranking assumes them (a chat workload unless `task` is given)."""

    def go(name: str, input_tokens, output_tokens, **workload):
        wl = make_workload(input_tokens=input_tokens, output_tokens=output_tokens, **workload)
        ctx = resolve(wl, tasks, AS_OF)
        return ranking.estimate(fixture_registry, ctx, fixture_registry.get(name))

    return go


def breakdown(input=0, cached_input=0, cache_write=0, output=0, reasoning=0) -> dict[str, D]:
    return {"input": D(input), "cached_input": D(cached_input), "cache_write": D(cache_write),
            "output": D(output), "reasoning": D(reasoning)}


# --- components -------------------------------------------------------------------------------------------


def test_plain_input_and_output(run):
    est = run("acme/acme-alpha", 1000, 500)
    # 1000 x $1.00/1M = 0.001 ; 500 x $4.00/1M = 0.002
    assert est.breakdown == breakdown(input="0.001", output="0.002")
    assert est.per_request == D("0.003")
    assert est.tokens == cost.Tokens(D(1000), D(0), D(0), D(500), D(0))
    assert (est.batch, est.tier, est.warnings) == (False, None, [])
    assert est.prices.input == D("1.00") and est.prices.output == D("4.00")


def test_cached_input_priced(run):
    est = run("acme/acme-alpha", 1000, 500, cached_input_ratio=0.8)
    # 1000 x 0.8 = 800 cached x $0.10/1M = 0.00008 ; 200 uncached x $1.00/1M = 0.0002 ; 500 x $4 = 0.002
    assert est.breakdown == breakdown(input="0.0002", cached_input="0.00008", output="0.002")
    assert est.per_request == D("0.00228")
    assert (est.tokens.uncached_input, est.tokens.cached_input) == (D(200), D(800))
    assert est.warnings == []


def test_cached_ratio_without_cached_price_bills_input_price(run):
    est = run("hostco/acme-alpha", 1000, 500, cached_input_ratio=0.5)
    # 500 cached x $1.20 (input price, no cached price) = 0.0006 ; 500 uncached x $1.20 = 0.0006 ;
    # 500 out x $4.80 = 0.0024
    assert est.breakdown == breakdown(input="0.0006", cached_input="0.0006", output="0.0024")
    assert est.per_request == D("0.0036")
    assert est.warnings == [NO_CACHED_PRICE]


def test_cache_write_priced(run):
    est = run("acme/acme-alpha", 1000, 500, cached_input_ratio=0.8, cache_write_ratio=0.1)
    # 100 written x $1.25 = 0.000125 ; 800 cached x $0.10 = 0.00008 ; 100 uncached x $1.00 = 0.0001 ;
    # 500 out x $4.00 = 0.002
    assert est.breakdown == breakdown(input="0.0001", cached_input="0.00008", cache_write="0.000125",
                                      output="0.002")
    assert est.per_request == D("0.002305")
    assert est.tokens.input == D(1000)
    assert est.warnings == []


def test_cache_write_unpriced_billed_at_input_price(run):
    est = run("hostco/acme-alpha", 1000, 500, cache_write_ratio=0.25)
    # 250 written x $1.20 (input price) = 0.0003 ; 750 uncached x $1.20 = 0.0009 ; 500 out x $4.80 = 0.0024
    assert est.breakdown == breakdown(input="0.0009", cache_write="0.0003", output="0.0024")
    assert est.per_request == D("0.0036")
    assert est.warnings == []  # documented: writes without a price are billed as input, silently


# --- reasoning --------------------------------------------------------------------------------------------


def test_reasoning_given_explicitly(run):
    est = run("acme/acme-think", 1000, 500, reasoning_tokens=3000)
    # 1000 x $2 = 0.002 ; 500 x $8 = 0.004 ; 3000 reasoning x $8 (output price) = 0.024
    assert est.breakdown == breakdown(input="0.002", output="0.004", reasoning="0.024")
    assert est.per_request == D("0.030")
    assert est.tokens.reasoning == D(3000)
    assert est.warnings == []


def test_reasoning_at_the_api_default_from_the_entrys_own_figure(run):
    est = run("acme/acme-think", 1000, 500)
    # API default medium, not measured: the effort-less 2.5 per output token; 500 out x 2.5 = 1250 x $8 = 0.01
    assert est.tokens.reasoning == D(1250)
    assert est.breakdown == breakdown(input="0.002", output="0.004", reasoning="0.01")
    assert est.per_request == D("0.016")
    assert est.warnings == []  # what the hidden tokens rest on is the reasoning assumption's (test_reasoning)


@pytest.mark.parametrize(("effort", "reasoning_tokens", "reasoning_cost", "per_request"), [
    # low, measured on ifbench (chat's evaluation): 1,000 / 1,000 = 1 per output token -> 500 x $8 = 0.004
    ("low", 500, "0.004", "0.010"),
    # high: 8,000 / 1,000 = 8 per output token -> 4,000 x $8 = 0.032
    ("high", 4000, "0.032", "0.038"),
])
def test_reasoning_model_at_two_efforts(run, effort, reasoning_tokens, reasoning_cost, per_request):
    est = run("acme/acme-think", 1000, 500, reasoning_effort=effort)
    assert est.tokens.reasoning == D(reasoning_tokens)
    assert est.breakdown == breakdown(input="0.002", output="0.004", reasoning=reasoning_cost)
    assert est.per_request == D(per_request)


def test_reasoning_derived_from_other_entries(run):
    # hostco-reasoner has no figure; at high, the median of the entries measured at high on ifbench is
    # acme-think's 8 per output token: 500 x 8 = 4,000 reasoning x $6 (its reasoning price) = 0.024
    est = run("hostco/hostco-reasoner", 1000, 500, reasoning_effort="high")
    assert est.tokens.reasoning == D(4000)
    assert est.breakdown == breakdown(input="0.003", output="0.006", reasoning="0.024")
    assert est.per_request == D("0.033")


def test_reasoning_unknown_counts_none(run):
    # API default not on record: medium assumed; nobody is measured at medium, so nothing can be derived
    est = run("hostco/hostco-reasoner", 1000, 500)
    assert est.breakdown == breakdown(input="0.003", output="0.006")
    assert est.tokens.reasoning == D(0)


def test_reasoning_uses_its_own_price_when_set(run):
    est = run("hostco/hostco-reasoner", 1000, 500, reasoning_tokens=1000)
    # 1000 reasoning x $6 (reasoning price, not the $12 output price) = 0.006
    assert est.breakdown == breakdown(input="0.003", output="0.006", reasoning="0.006")
    assert est.per_request == D("0.015")
    assert est.warnings == []


def test_non_reasoning_entry_ignores_reasoning_tokens(run):
    est = run("acme/acme-alpha", 1000, 500, reasoning_tokens=5000)
    assert est.tokens.reasoning == D(0)
    assert est.breakdown["reasoning"] == D(0)
    assert est.per_request == D("0.003")
    assert est.warnings == []


# --- service tiers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("service_tier", "per_request", "breakdown_", "warnings"), [
    # flex: 1,000 x $0.50 = 0.0005 ; 500 x $2.00 = 0.001
    ("flex", "0.0015", {"input": "0.0005", "output": "0.001"}, []),
    # priority: 1,000 x $1.75 = 0.00175 ; 500 x $7.00 = 0.0035
    ("priority", "0.00525", {"input": "0.00175", "output": "0.0035"}, []),
    ("standard", "0.003", {"input": "0.001", "output": "0.002"}, []),
])
def test_service_tier_prices(run, service_tier, per_request, breakdown_, warnings):
    est = run("acme/acme-alpha", 1000, 500, service_tier=service_tier)
    assert est.breakdown == breakdown(**breakdown_)
    assert (est.per_request, est.service_tier, est.batch, est.warnings) == (D(per_request), service_tier, False,
                                                                              warnings)
    # a month at the default 1,000 requests a day over 30 days
    assert est.per_month == D(per_request) * 30_000


def test_service_tier_not_offered_is_standard_with_a_warning(run):
    est = run("hostco/acme-alpha", 1000, 500, service_tier="flex")
    # 1,000 x $1.20 = 0.0012 ; 500 x $4.80 = 0.0024
    assert (est.per_request, est.service_tier) == (D("0.0036"), "standard")
    assert est.warnings == ["no flex price offered: standard prices used"]


def test_batch_and_a_service_tier_are_exclusive(make_workload):
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="give batch or a service_tier, not both"):
        make_workload(batch=True, service_tier="flex")


# --- batch and tiers --------------------------------------------------------------------------------------


def test_batch_prices_applied(run):
    est = run("acme/acme-alpha", 1000, 500, batch=True)
    # 1000 x $0.50 = 0.0005 ; 500 x $2.00 = 0.001
    assert est.breakdown == breakdown(input="0.0005", output="0.001")
    assert est.per_request == D("0.0015")
    assert (est.batch, est.tier, est.warnings) == (True, None, [])


def test_batch_cached_input_uses_batch_cached_price(run):
    est = run("acme/acme-alpha", 1000, 500, batch=True, cached_input_ratio=0.5)
    # 500 cached x $0.05 = 0.000025 ; 500 uncached x $0.50 = 0.00025 ; 500 out x $2 = 0.001
    assert est.breakdown == breakdown(input="0.00025", cached_input="0.000025", output="0.001")
    assert est.warnings == []


def test_batch_requested_but_not_offered(run):
    est = run("hostco/acme-alpha", 1000, 500, batch=True)
    # standard prices: 1000 x $1.20 = 0.0012 ; 500 x $4.80 = 0.0024
    assert est.breakdown == breakdown(input="0.0012", output="0.0024")
    assert est.per_request == D("0.0036")
    assert est.batch is False
    assert est.warnings == [NO_BATCH]


@pytest.mark.parametrize(
    ("input_tokens", "tier", "expected"),
    [
        # at the threshold: standard. 200000 x $1 = 0.2 ; 500 x $4 = 0.002
        (200_000, None, breakdown(input="0.2", output="0.002")),
        # one above: the tier for the WHOLE request. 200001 x $2 = 0.400002 ; 500 x $8 = 0.004
        (200_001, LONG, breakdown(input="0.400002", output="0.004")),
    ],
)
def test_long_context_tier_applies_only_above_threshold(run, input_tokens, tier, expected):
    est = run("acme/acme-alpha", input_tokens, 500)
    assert est.tier == tier
    assert est.breakdown == expected
    assert est.warnings == []


def test_long_context_tier_applies_to_cached_and_cache_write(run):
    est = run("acme/acme-alpha", 400_000, 1000, cached_input_ratio=0.5, cache_write_ratio=0.25)
    # tier: 200000 cached x $0.20 = 0.04 ; 100000 written x $2.50 = 0.25 ; 100000 uncached x $2 = 0.2 ;
    # 1000 out x $8 = 0.008
    assert est.breakdown == breakdown(input="0.2", cached_input="0.04", cache_write="0.25", output="0.008")
    assert est.per_request == D("0.498")


def test_long_context_tier_with_batch(run):
    est = run("acme/acme-alpha", 200_001, 500, batch=True)
    # tier batch: 200001 x $1.00 = 0.200001 ; 500 x $4.00 = 0.002
    assert est.breakdown == breakdown(input="0.200001", output="0.002")
    assert est.per_request == D("0.202001")
    assert (est.batch, est.tier, est.warnings) == (True, LONG, [])


def test_long_context_tier_without_tier_batch_prices(run):
    est = run("acme/acme-think", 300_000, 1000, batch=True, reasoning_tokens=0)
    # standard TIER prices (not the base batch prices): 300000 x $4 = 1.2 ; 1000 x $16 = 0.016
    assert est.breakdown == breakdown(input="1.2", output="0.016")
    assert est.per_request == D("1.216")
    assert (est.batch, est.tier) == (False, LONG)
    assert est.warnings == [f"no batch price for the {LONG} tier: standard tier prices used"]


def test_base_batch_still_applies_below_tier(run):
    est = run("acme/acme-think", 200_000, 1000, batch=True, reasoning_tokens=0)
    # base batch: 200000 x $1 = 0.2 ; 1000 x $4 = 0.004
    assert est.breakdown == breakdown(input="0.2", output="0.004")
    assert (est.batch, est.tier, est.warnings) == (True, None, [])


# --- volume -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("volume", "per_day", "per_month", "requests_per_day", "requests_per_month"),
    [
        # default 1000/day x 30 days: 0.003 x 1000 = 3 ; 3 x 30 = 90
        ({}, "3", "90", "1000", "30000"),
        # 250/day: 0.003 x 250 = 0.75 ; 0.75 x 30 = 22.5
        ({"requests_per_day": 250}, "0.75", "22.5", "250", "7500"),
        # 6000/month over 30 days = 200/day: 0.003 x 200 = 0.6 ; 0.003 x 6000 = 18
        ({"requests_per_month": 6000}, "0.6", "18", "200", "6000"),
        # 100/day x 31 days: 0.003 x 100 = 0.3 ; 0.3 x 31 = 9.3
        ({"requests_per_day": 100, "days_per_month": 31}, "0.3", "9.3", "100", "3100"),
        # 3100/month over 31 days = 100/day
        ({"requests_per_month": 3100, "days_per_month": 31}, "0.3", "9.3", "100", "3100"),
    ],
)
def test_per_day_and_per_month(run, volume, per_day, per_month, requests_per_day, requests_per_month):
    est = run("acme/acme-alpha", 1000, 500, **volume)
    assert est.per_request == D("0.003")
    assert est.per_day == D(per_day)
    assert est.per_month == D(per_month)
    assert est.requests_per_day == D(requests_per_day)
    assert est.requests_per_month == D(requests_per_month)


# --- no float noise ---------------------------------------------------------------------------------------


def test_money_numbers_have_no_float_noise(run):
    est = run("acme/acme-alpha", 1000, 500, cached_input_ratio=0.8, cache_write_ratio=0.1)
    shown = {k: repr(money_number(v)) for k, v in est.breakdown.items()}
    assert shown == {"input": "0.0001", "cached_input": "8e-05", "cache_write": "0.000125", "output": "0.002",
                     "reasoning": "0"}
    # 0.002305 x 1000 = 2.305 ; x 30 = 69.15
    assert [repr(money_number(v)) for v in (est.per_request, est.per_day, est.per_month)] == [
        "0.002305", "2.305", "69.15"]


def test_money_number_of_a_month_not_divisible_into_days(run):
    est = run("acme/acme-alpha", 1000, 500, requests_per_month=1000)
    # 0.003 x 1000 = 3 a month; a day is 1000/30 requests, so 3/30 = 0.1 once rounded
    assert est.per_month == D(3)
    assert repr(money_number(est.per_month)) == "3"
    assert repr(money_number(est.per_day)) == "0.1"
    assert repr(money_number(est.requests_per_day)) == "33.3333333333"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(D("0.1") + D("0.2"), "0.3"), (D("0.00000000004"), "0"), (D("0.00000000005"), "0"),
     (D("0.00000000015"), "2e-10"), (D("123456.123456789"), "123456.123456789"),
     (D("1234567.12345678912"), "1234567.12345679"), (D("90.000"), "90"),
     # beyond the default 28-digit precision: a month of the largest workload the schema allows
     (D("3333333333333333333.33333333333"), "3333333333333330000"), (D("1e18"), "1000000000000000000")],
)
def test_money_number_rounding(value, shown):
    assert repr(money_number(value)) == shown


# --- price history (pricing.effective_from / pricing.history) -----------------------------------------------


@pytest.fixture
def repriced(fixture_registry):
    """acme-alpha at 1.00/4.00 from 2026-03-01, 2.00/8.00 before (from 2025-06-01), 0.80/3.20 from 2027-01-01."""
    from dataclasses import replace

    from modelpick.registry.schema import Pricing

    entry = fixture_registry.get("acme/acme-alpha")
    data = entry.model.pricing.model_dump()
    data.update(effective_from="2026-03-01", history=[
        {"source": "fixture", "effective_from": "2025-06-01", "input": "2.00", "output": "8.00"},
        {"source": "fixture", "effective_from": "2027-01-01", "input": "0.80", "output": "3.20"},
    ])
    return replace(entry, model=entry.model.model_copy(update={"pricing": Pricing.model_validate(data)}))


@pytest.mark.parametrize("day, per_request, warning", [
    ("2025-05-31", "0.0060", "no price known on 2025-05-31: the earliest known prices (from 2025-06-01) are used"),
    ("2025-06-01", "0.0060", None),
    ("2026-02-28", "0.0060", None),   # 1000 x 2.00 + 500 x 8.00, per 1M
    ("2026-03-01", "0.0030", None),   # 1000 x 1.00 + 500 x 4.00
    ("2026-12-31", "0.0030", None),
    ("2027-01-01", "0.0024", None),   # 1000 x 0.80 + 500 x 3.20
])
def test_the_price_in_force_on_the_day_is_used(repriced, make_workload, day, per_request, warning):
    import datetime as dt

    est = cost.estimate(repriced, make_workload(), 1000, 500, dt.date.fromisoformat(day))
    assert est.per_request == D(per_request)
    assert est.warnings == ([warning] if warning else [])


def test_without_a_day_the_main_prices_apply(repriced, make_workload):
    assert cost.estimate(repriced, make_workload(), 1000, 500).per_request == D("0.0030")


def test_a_dated_price_list_keeps_its_own_tiers_and_batch(repriced, make_workload):
    import datetime as dt

    est = cost.estimate(repriced, make_workload(batch=True), 300_000, 0, dt.date(2025, 7, 1))
    assert est.warnings == [NO_BATCH]
    assert est.tier is None
    assert est.per_request == D("0.6")  # 300,000 x 2.00 / 1M: the 2025 list has no tiers and no batch price


@pytest.mark.parametrize("update, message", [
    ({"history": [{"source": "fixture", "effective_from": "2025-06-01", "input": 1, "output": 1}]},
     "effective_from is required when history is given"),
    ({"effective_from": "2025-06-01",
      "history": [{"source": "fixture", "effective_from": "2025-06-01", "input": 1, "output": 1}]},
     "each effective_from date may appear once"),
])
def test_history_needs_distinct_dates(fixture_registry, update, message):
    from pydantic import ValidationError

    from modelpick.registry.schema import Pricing

    data = {**fixture_registry.get("acme/acme-alpha").model.pricing.model_dump(), **update}
    with pytest.raises(ValidationError, match=message):
        Pricing.model_validate(data)


# --- token distributions ----------------------------------------------------------------------------------
# Figures computed here from statistics.NormalDist, independently of modelpick.distribution.

from statistics import NormalDist  # noqa: E402

Z95 = NormalDist().inv_cdf(0.95)
PHI = NormalDist().cdf


def lognormal(p50: float, p95: float) -> tuple[float, float]:
    return math.log(p50), math.log(p95 / p50) / Z95


def partial(mu: float, s: float, t: float, n: int = 1) -> float:
    """E[X^n; X > t] for ln X ~ N(mu, s)."""
    return math.exp(n * mu + n * n * s * s / 2) * PHI((mu + n * s * s - math.log(t)) / s)


def test_expected_cost_without_a_tier(run):
    # acme-old: $0.50 in, $1.50 out, no tier
    est = run("acme/acme-old", {"p50": 1000, "p95": 3000}, {"p50": 400, "p95": 1200})
    (mi, si), (mo, so) = lognormal(1000, 3000), lognormal(400, 1200)
    mean_in, mean_out = math.exp(mi + si * si / 2), math.exp(mo + so * so / 2)
    assert float(est.per_request) == pytest.approx(mean_in * 0.5e-6 + mean_out * 1.5e-6, rel=1e-9)
    assert float(est.per_month) == pytest.approx(30_000 * float(est.per_request), rel=1e-12)
    assert est.spread.tier_shares == {}
    # p95 request: 3,000 in x $0.50 + 1,200 out x $1.50 = 0.0015 + 0.0018
    assert est.spread.p95_per_request == D("0.0033")


def test_expected_cost_integrates_over_the_long_context_tier(run):
    # acme-alpha: $1 in / $4 out; above 200,000 input tokens the whole request at $2 / $8. Output fixed at 500.
    est = run("acme/acme-alpha", {"p50": 100_000, "p95": 400_000}, 500)
    mu, s = lognormal(100_000, 400_000)
    p_high = 1 - PHI((math.log(200_000) - mu) / s)
    e_high = partial(mu, s, 200_000)
    e_low = math.exp(mu + s * s / 2) - e_high
    expected = e_low * 1e-6 + e_high * 2e-6 + 500 * (4e-6 * (1 - p_high) + 8e-6 * p_high)
    assert float(est.per_request) == pytest.approx(expected, rel=1e-9)
    assert est.spread.tier_shares == {LONG: pytest.approx(p_high, rel=1e-9)}
    assert p_high == pytest.approx(1 - PHI(Z95 / 2)) == pytest.approx(0.2054, abs=1e-4)  # ln 2 / (ln 4 / z95)
    # a request at the p95 counts is billed wholly at the tier: 400,000 x $2 + 500 x $8
    assert est.spread.p95_per_request == D("0.804") and est.spread.p95_tier == LONG
    # p95 month: N x E + z95 x sqrt(N) x sd, sd from E[c^2] region by region (N = 1,000/day x 30 days)
    e2_high, e2_all = partial(mu, s, 200_000, 2), math.exp(2 * mu + 2 * s * s)
    second = (1e-12 * (e2_all - e2_high) + 2 * 1e-6 * e_low * 500 * 4e-6 + (1 - p_high) * (500 * 4e-6) ** 2
              + 4e-12 * e2_high + 2 * 2e-6 * e_high * 500 * 8e-6 + p_high * (500 * 8e-6) ** 2)
    sd = math.sqrt(second - expected ** 2)
    assert float(est.spread.sd_per_request) == pytest.approx(sd, rel=1e-6)
    assert float(est.spread.p95_per_month) == pytest.approx(30_000 * expected + Z95 * math.sqrt(30_000) * sd,
                                                            rel=1e-9)
    assert est.spread.p95_per_day == est.spread.p95_per_month / 30


def test_scalar_counts_have_no_spread(run):
    assert run("acme/acme-alpha", 1000, 500).spread is None


def test_constant_distribution_costs_as_the_number(run):
    est = run("acme/acme-alpha", {"p50": 1000, "p95": 1000}, {"mean": 500, "p95": 500})
    assert est.per_request == pytest.approx(D("0.003"), abs=D("1e-15"))
    assert est.spread.p95_per_request == D("0.003") and float(est.spread.sd_per_request) == pytest.approx(0, abs=1e-12)


def test_overflow_shares(run):
    # acme-old: context window 128,000, max output 8,000; input and output independent
    est = run("acme/acme-old", {"p50": 50_000, "p95": 120_000}, {"p50": 2_000, "p95": 9_000})
    (mi, si), (mo, so) = lognormal(50_000, 120_000), lognormal(2_000, 9_000)
    assert est.spread.over_max_output == pytest.approx(1 - PHI((math.log(8_000) - mo) / so), rel=1e-9)
    # P(I + O > 128,000) = E over O of P(I > 128,000 - O), O at 20,000 equiprobable quantiles
    n, total = 20_000, 0.0
    for k in range(n):
        o = math.exp(mo + so * NormalDist().inv_cdf((k + 0.5) / n))
        rest = 128_000 - o
        total += 1.0 if rest <= 0 else 1 - PHI((math.log(rest) - mi) / si)
    assert est.spread.over_window == pytest.approx(total / n, rel=2e-3)


@pytest.mark.parametrize("volume", [
    {}, {"requests_per_day": 1000}, {"requests_per_day": 1000.0}, {"requests_per_day": 0.0}, {"requests_per_day": -0.0},
    {"requests_per_day": 0}, {"requests_per_month": 6000}, {"requests_per_month": 6000.0, "days_per_month": 31},
    {"requests_per_month": -0.0}, {"requests_per_day": 0.1}])
def test_request_counts_cached_per_workload_shape_are_the_decimals_computed_afresh(make_workload, volume):
    """_volume reuses the request counts of an earlier workload with the same three values: the very Decimals
    (digits and exponent: 1000 and 1000.0, 0.0 and -0.0 print differently) that str() of each value gives."""
    workload = make_workload(task="chat", input_tokens=1000, output_tokens=500, **volume)
    cost._volume(make_workload(task="chat", requests_per_day=0.0), D("0.3"))  # a zero of the other sign cached first
    cost._volume(make_workload(task="chat", requests_per_month=0.0), D("0.3"))
    cost._volume(make_workload(task="chat", requests_per_day=1000.0 if volume.get("requests_per_day") == 1000
                               else 1000), D("0.3"))  # the same number of the other type cached first
    days = D(workload.days_per_month)
    if workload.requests_per_month is not None:
        month_requests = D(str(workload.requests_per_month))
        day_requests = month_requests / days
        per_month = D("0.3") * month_requests
        direct = (per_month / days, per_month, day_requests, month_requests)
    else:
        day_requests = D(str(workload.requests_per_day if workload.requests_per_day is not None
                             else cost.DEFAULT_REQUESTS_PER_DAY))
        per_day = D("0.3") * day_requests
        direct = (per_day, per_day * days, day_requests, day_requests * days)
    for _ in range(2):  # computed, then cached
        assert [str(x) for x in cost._volume(workload, D("0.3"))] == [str(x) for x in direct]
