"""The log-normal fit and its partial expectations, against figures computed here independently
(statistics.NormalDist and numerical sums), not with the module's own formulas."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest

from modelpick import distribution as d

Z = NormalDist().inv_cdf(0.95)


def test_fit_p50_p95_hand_computed():
    fit = d.fit_p50(800, 4000)
    # mu = ln 800 = 6.684612 ; s = ln(4000/800) / 1.644854 = 1.609438 / 1.644854 = 0.978469
    assert fit.mu == pytest.approx(6.684612, abs=1e-6)
    assert fit.sigma == pytest.approx(0.978469, abs=1e-6)
    assert fit.median == pytest.approx(800)
    assert fit.p95 == pytest.approx(4000)
    # mean = exp(mu + s^2/2) = 800 x exp(0.478700) = 1291.18
    assert fit.mean == pytest.approx(1291.18, abs=0.01)


def test_fit_constant_when_p95_equals_p50():
    fit = d.fit_p50(500, 500)
    assert (fit.sigma, fit.mean, fit.p95) == (0.0, pytest.approx(500), pytest.approx(500))
    assert fit.share_above(499) == 1.0 and fit.share_above(500) == 0.0
    assert fit.partial_above(499) == pytest.approx(500) and fit.partial_above(500) == 0.0


def test_fit_mean_p95_hand_computed():
    fit = d.fit_mean(1000, 2500)
    # ln 2.5 = 0.916291 = z s - s^2/2 ; smaller root s = z - sqrt(z^2 - 2 x 0.916291)
    s = Z - math.sqrt(Z * Z - 2 * math.log(2.5))
    assert fit.sigma == pytest.approx(s) and fit.sigma == pytest.approx(0.710529, abs=1e-6)
    assert fit.mean == pytest.approx(1000)
    assert fit.p95 == pytest.approx(2500)


def test_fit_mean_refuses_too_heavy_a_tail():
    assert d.MAX_P95_OVER_MEAN == pytest.approx(3.8681, abs=1e-4)
    with pytest.raises(ValueError, match=r"^no log-normal has a p95 of 4.00x its mean \(at most 3.87x\): "
                                         r"give p50 and p95 instead$"):
        d.fit_mean(1000, 4000)
    d.fit_mean(1000, 3868)  # just inside


def test_fit_refuses_p95_below_center():
    with pytest.raises(ValueError, match=r"^p95 \(400\) must be at least p50 \(800\)$"):
        d.fit_p50(800, 400)


def test_cdf_and_partial_expectation_against_normaldist_and_a_numerical_sum():
    fit = d.fit_p50(800, 4000)
    normal = NormalDist(math.log(800), math.log(5) / Z)
    assert fit.cdf(2000) == pytest.approx(normal.cdf(math.log(2000)), abs=1e-12)
    assert fit.share_above(4000) == pytest.approx(0.05, abs=1e-12)
    # E[X; X > 2000] by summing x over a fine grid of the underlying normal
    step, total, total2 = 1e-4, 0.0, 0.0
    y = math.log(2000)
    while y < normal.mean + 12 * normal.stdev:
        mid = y + step / 2
        w = normal.pdf(mid) * step
        total += math.exp(mid) * w
        total2 += math.exp(2 * mid) * w
        y += step
    assert fit.partial_above(2000) == pytest.approx(total, rel=1e-6)
    assert fit.partial_above(2000, 2) == pytest.approx(total2, rel=1e-6)
    p, e = fit.region(0, 2000)
    assert p == pytest.approx(normal.cdf(y := math.log(2000)))
    assert e == pytest.approx(fit.mean - total, rel=1e-6)


def test_comonotonic_moment():
    x, y = d.LogNormal(1.0, 0.5), d.LogNormal(2.0, 0.3)
    # E[exp(1 + 0.5 Z) exp(2 + 0.3 Z)] = exp(3 + 0.8^2 / 2)
    assert d.comonotonic_moment(x, y) == pytest.approx(math.exp(3 + 0.32))


def test_share_above_sum_of_constants_and_a_lognormal():
    x = d.fit_p50(800, 4000)
    # X + 1000 (a constant) > 5000  <=>  X > 4000: 5%
    assert d.share_above_sum(x, [d.LogNormal(math.log(1000), 0)], 5000) == pytest.approx(0.05, abs=1e-4)
    # comonotonic sum O + 2 O = 3 O > 3 x p95  <=>  O > p95
    o = d.fit_p50(300, 600)
    twice = d.LogNormal(o.mu + math.log(2), o.sigma)
    assert d.share_above_comonotonic([o, twice], 1800) == pytest.approx(0.05, abs=1e-9)
    assert d.share_above_comonotonic([d.LogNormal(math.log(10), 0)], 9) == 1.0


def _share_above_sum_every_node(x: d.LogNormal, parts: list[d.LogNormal], limit: float) -> float:
    """The quadrature as written first: every node, Y(z) and P(X > limit - Y(z)) computed afresh."""
    step = 0.01
    total = 0.0
    for i in range(1600):
        z = -8.0 + step * (i + 0.5)
        w = d.phi(z + step / 2) - d.phi(z - step / 2)
        rest = limit - sum(math.exp(p.mu + p.sigma * z) for p in parts)
        total += w * (1.0 if rest <= 0 else x.share_above(rest))
    return min(1.0, total)


def _share_above_comonotonic_200_steps(parts: list[d.LogNormal], limit: float) -> float:
    def at(z: float) -> float:
        return sum(math.exp(p.mu + p.sigma * z) for p in parts)

    low, high = -40.0, 40.0
    if at(low) > limit:
        return 1.0
    if at(high) <= limit:
        return 0.0
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if at(mid) <= limit else (low, mid)
    return 1.0 - d.phi(high)


_INPUTS = [d.fit_p50(14_000, 43_000), d.fit_p50(3_000, 3_000), d.fit_p50(800, 4_000), d.LogNormal(9.0, 2e-7),
           d.fit_p50(100, 2_000)]
_GENERATED = [[d.fit_p50(2_000, 9_000)], [d.fit_p50(2_000, 9_000), d.fit_p50(900, 4_050)],
              [d.LogNormal(7.0, 0.0), d.LogNormal(6.0, 0.0)], [d.fit_p50(300, 330), d.LogNormal(5.0, 3e-7)],
              [d.fit_p50(5, 5_000)]]


@pytest.mark.parametrize("x", _INPUTS)
@pytest.mark.parametrize("parts", _GENERATED)
@pytest.mark.parametrize("limit", [0, 50, 4_096, 16_000, 32_768, 128_000, 1_000_000, 10_000_000])
def test_share_above_sum_skips_only_nodes_whose_terms_are_exact(x, parts, limit):
    # skipped nodes, cached node sums and the inlined P(X > .) give the very same float as every node computed
    assert d.share_above_sum(x, parts, limit) == _share_above_sum_every_node(x, parts, limit)
    assert d.share_above_sum(x, parts, limit) == _share_above_sum_every_node(x, parts, limit)  # node sums cached


@pytest.mark.parametrize("parts", [p for p in _GENERATED if any(q.sigma for q in p)])
@pytest.mark.parametrize("limit", [1, 500, 2_000, 9_000, 30_000, 1e9])
def test_share_above_comonotonic_stops_when_the_bisection_cannot_move(parts, limit):
    assert d.share_above_comonotonic(parts, limit) == _share_above_comonotonic_200_steps(parts, limit)
