"""Token counts as distributions: a log-normal fitted through two points, and the sums the cost model needs.

Floats throughout (the statistics); the cost model turns the results into Decimal for money. Everything
here is pure and closed-form except `share_above_sum`, a quadrature.

The fit. X is log-normal when ln X ~ Normal(mu, s). With z = z95 = 1.6449 (the standard normal's 95th
percentile):

- through the median and the 95th percentile: mu = ln p50, s = (ln p95 - ln p50) / z;
- through the mean and the 95th percentile: mean = exp(mu + s^2/2) and p95 = exp(mu + z s), so
  ln p95 - ln mean = z s - s^2/2, whose smaller root is s = z - sqrt(z^2 - 2 ln(p95/mean)), and
  mu = ln mean - s^2/2. No log-normal fits when p95/mean > exp(z^2/2) (about 3.87).

p95 == p50 (or == mean) is a constant: s = 0.

The moments used, with Phi the standard normal CDF (through math.erf):

    P(X <= t)          = Phi((ln t - mu) / s)
    E[X^n; X > t]      = exp(n mu + n^2 s^2 / 2) Phi((mu + n s^2 - ln t) / s)     (n = 1, 2)
    E[X^n; a < X <= b] = E[X^n; X > a] - E[X^n; X > b]
    E[X Y]             = exp(mu_x + mu_y + (s_x + s_y)^2 / 2)  for X, Y comonotonic (one normal behind both)
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.95)  # 1.6448536269514722
# The largest p95/mean a log-normal can have (the double root of z s - s^2/2 = ln(p95/mean)).
MAX_P95_OVER_MEAN = math.exp(Z95 * Z95 / 2)


SQRT2 = math.sqrt(2.0)


def phi(x: float) -> float:
    """The standard normal CDF."""
    return 0.5 * (1.0 + math.erf(x / SQRT2))


@dataclass(frozen=True)
class LogNormal:
    """ln X ~ Normal(mu, sigma); sigma == 0 is the constant exp(mu)."""

    mu: float
    sigma: float

    @property
    def median(self) -> float:
        return math.exp(self.mu)

    @property
    def mean(self) -> float:
        return math.exp(self.mu + self.sigma ** 2 / 2)

    def moment(self, n: int = 1) -> float:
        """E[X^n] = exp(n mu + n^2 s^2 / 2)."""
        return math.exp(n * self.mu + n * n * self.sigma ** 2 / 2)

    def quantile(self, p: float) -> float:
        return math.exp(self.mu + self.sigma * NormalDist().inv_cdf(p)) if self.sigma else self.median

    @property
    def p95(self) -> float:
        return math.exp(self.mu + self.sigma * Z95)

    def cdf(self, t: float) -> float:
        """P(X <= t) = Phi((ln t - mu) / s)."""
        if t <= 0:
            return 0.0
        if not self.sigma:
            return 1.0 if self.median <= t else 0.0
        return phi((math.log(t) - self.mu) / self.sigma)

    def share_above(self, t: float) -> float:
        """P(X > t)."""
        return 1.0 - self.cdf(t)

    def partial_above(self, t: float, n: int = 1) -> float:
        """E[X^n; X > t] = exp(n mu + n^2 s^2/2) Phi((mu + n s^2 - ln t) / s): the part of E[X^n] from above t."""
        if t <= 0:
            return self.moment(n)
        if not self.sigma:
            return self.moment(n) if self.median > t else 0.0
        return self.moment(n) * phi((self.mu + n * self.sigma ** 2 - math.log(t)) / self.sigma)

    def region(self, low: float, high: float | None, n: int = 1) -> tuple[float, float]:
        """(P(low < X <= high), E[X^n; low < X <= high]); high None is no upper bound."""
        upper_p = 0.0 if high is None else self.share_above(high)
        upper_e = 0.0 if high is None else self.partial_above(high, n)
        return self.share_above(low) - upper_p, self.partial_above(low, n) - upper_e


def constant(value: float) -> LogNormal | None:
    """A fixed count as a (degenerate) log-normal; None for 0."""
    return LogNormal(math.log(value), 0.0) if value > 0 else None


@dataclass(frozen=True)
class RequestTokens:
    """One request's tokens on one entry: input independent of output; reasoning moving with the output
    (at the same quantile). None is 0 tokens."""

    input: LogNormal | None
    output: LogNormal | None
    reasoning: LogNormal | None

    @staticmethod
    def _at(x: LogNormal | None, what: str) -> float:
        return 0.0 if x is None else getattr(x, what)

    def mean(self) -> tuple[float, float, float]:
        return self._at(self.input, "mean"), self._at(self.output, "mean"), self._at(self.reasoning, "mean")

    def p95(self) -> tuple[float, float, float]:
        return self._at(self.input, "p95"), self._at(self.output, "p95"), self._at(self.reasoning, "p95")

    def generated(self) -> list[LogNormal]:
        return [x for x in (self.output, self.reasoning) if x is not None]

    def share_over_window(self, window: float) -> float:
        """P(input + output + reasoning > window)."""
        if self.input is None:
            return share_above_comonotonic(self.generated(), window)
        if not self.generated():
            return self.input.share_above(window)
        # The sum is above the window only if one part is above half of it: when both are negligible, skip
        # the quadrature (most entries' windows are far above any request).
        bound = self.input.share_above(window / 2) + share_above_comonotonic(self.generated(), window / 2)
        if bound < 1e-12:
            return 0.0
        return share_above_sum(self.input, self.generated(), window)

    def share_over_output(self, max_output: float) -> float:
        """P(output + reasoning > max_output)."""
        return share_above_comonotonic(self.generated(), max_output) if self.generated() else 0.0


def fit_p50(p50: float, p95: float) -> LogNormal:
    """The log-normal with median p50 and 95th percentile p95: mu = ln p50, s = (ln p95 - ln p50) / z95."""
    if p50 <= 0:
        raise ValueError(f"p50 ({p50:,}) must be above 0")
    if p95 < p50:
        raise ValueError(f"p95 ({p95:,}) must be at least p50 ({p50:,})")
    return LogNormal(math.log(p50), (math.log(p95) - math.log(p50)) / Z95)


def fit_mean(mean: float, p95: float) -> LogNormal:
    """The log-normal with this mean and 95th percentile: s = z - sqrt(z^2 - 2 ln(p95/mean)) (the smaller
    root of z s - s^2/2 = ln(p95/mean)), mu = ln mean - s^2/2. ValueError when none fits."""
    if mean <= 0:
        raise ValueError(f"the mean ({mean:,}) must be above 0")
    if p95 < mean:
        raise ValueError(f"p95 ({p95:,}) must be at least the mean ({mean:,})")
    ratio = math.log(p95 / mean)
    if p95 / mean > MAX_P95_OVER_MEAN:
        raise ValueError(f"no log-normal has a p95 of {p95 / mean:.2f}x its mean (at most "
                         f"{MAX_P95_OVER_MEAN:.2f}x): give p50 and p95 instead")
    sigma = Z95 - math.sqrt(max(0.0, Z95 * Z95 - 2 * ratio))
    return LogNormal(math.log(mean) - sigma ** 2 / 2, sigma)


def comonotonic_moment(x: LogNormal, y: LogNormal) -> float:
    """E[X Y] for X and Y driven by one normal (each at the same quantile): exp(mu_x + mu_y + (s_x + s_y)^2/2)."""
    return math.exp(x.mu + y.mu + (x.sigma + y.sigma) ** 2 / 2)


# Quadrature nodes over the standard normal: z in [-8, 8] by 0.01, weights Phi-increments (they sum to 1).
_STEP = 0.01
_NODES = [-8.0 + _STEP * (i + 0.5) for i in range(1600)]


def _weights() -> list[float]:
    return [phi(z + _STEP / 2) - phi(z - _STEP / 2) for z in _NODES]


_WEIGHTS: list[float] = []


def _sum_at(parts: Iterable[LogNormal], z: float) -> float:
    """Y(z) = the sum of exp(mu_i + s_i z): the parts taken together at the standard normal's z."""
    return sum(math.exp(p.mu + p.sigma * z) for p in parts)


# Y at every node, for the last parts seen: the same parts come with several limits (the context windows of
# the entries whose hidden reasoning is the same), and the nodes' sums are most of a quadrature's work.
@functools.lru_cache(maxsize=64)
def _sums(parts: tuple[LogNormal, ...]) -> tuple[float, ...]:
    return tuple(_sum_at(parts, z) for z in _NODES)


# P(X > t) is exactly 0.0 (1.0) in floats once t is FAR sigmas above (below) X's median: Phi(+-(FAR - a rounding))
# is 0.5 (1 + erf(+-6.36)), and erf is +-1.0 exactly beyond 6 (1 - erf(6) = 2e-17, under half an ulp of 1).
_FAR = 9.0
# Below this sigma, neighbouring nodes' exponents may differ by an ulp only, where rounding could break Y(z)'s
# rise with z (or the FAR margin): no shortcut then.
_MIN_SIGMA = 1e-6


def _certain(x: LogNormal) -> tuple[float, float]:
    """(high, low): P(X > t) is exactly 0.0 for t >= high and exactly 1.0 for t <= low (as `share_above`
    computes it; t <= 0 included)."""
    if not x.sigma:
        return x.median, math.nextafter(x.median, 0.0)  # median <= t: 0.0; median > t: 1.0
    return math.exp(x.mu + _FAR * x.sigma), math.exp(x.mu - _FAR * x.sigma)


def share_above_sum(x: LogNormal, parts: list[LogNormal], limit: float) -> float:
    """P(X + Y > limit), Y = the sum of `parts` taken at one common quantile (comonotonic: together they
    are Y(z) = sum of exp(mu_i + s_i z)), X independent of Y:

        P = integral over z of P(X > limit - Y(z)) dPhi(z)

    by the midpoint rule on z in [-8, 8] in steps of 0.01 (beyond, probability under 1e-15).

    The sum runs over the nodes in order; its terms are exactly 0 while limit - Y(z) is far above X
    (`_certain`) and exactly their weight once it is far below, and Y(z) rises with z: so the nodes where
    a term is 0 (a prefix) are skipped, those after the last uncertain one add their weight, and only the
    nodes between evaluate P(X > .) -- the same additions of the same floats as at every node."""
    if not _WEIGHTS:
        _WEIGHTS.extend(_weights())
    total = 0.0
    if all(not p.sigma for p in parts):  # Y(z) is one number: one term, at every node
        rest = limit - _sum_at(parts, _NODES[0])
        share = 1.0 if rest <= 0 else x.share_above(rest)
        for w in _WEIGHTS:
            total += w * share
        return min(1.0, total)
    first, last = 0, len(_NODES)
    if all(not s or s >= _MIN_SIGMA for s in (x.sigma, *(p.sigma for p in parts))):
        high, low = _certain(x)
        nodes = range(len(_NODES))  # Y at the nodes the bisections visit only (with a constant X, none are between)
        first = bisect.bisect_left(nodes, True, key=lambda i: limit - _sum_at(parts, _NODES[i]) < high)
        last = bisect.bisect_left(nodes, True, lo=first, key=lambda i: limit - _sum_at(parts, _NODES[i]) <= low)
    sums = _sums(tuple(parts)) if first < last else ()
    mu, sigma = x.mu, x.sigma
    for i in range(first, last):
        rest = limit - sums[i]
        if rest <= 0 or not sigma:
            share = 1.0 if rest <= 0 else x.share_above(rest)
        else:  # x.share_above(rest), its operations inlined: this is the quadrature's inner loop
            share = 1.0 - 0.5 * (1.0 + math.erf((math.log(rest) - mu) / sigma / SQRT2))
        total += _WEIGHTS[i] * share
    for w in _WEIGHTS[last:]:
        total += w
    return min(1.0, total)


def share_above_comonotonic(parts: list[LogNormal], limit: float) -> float:
    """P(Y > limit) for Y = sum of `parts` at one common quantile: Y(z) rises with z, so it is 1 - Phi(z*)
    where Y(z*) = limit (found by bisection)."""
    if not parts:
        return 0.0 if limit >= 0 else 1.0
    if all(not p.sigma for p in parts):
        return 1.0 if _sum_at(parts, 0.0) > limit else 0.0
    low, high = -40.0, 40.0
    if _sum_at(parts, low) > limit:
        return 1.0
    if _sum_at(parts, high) <= limit:
        return 0.0
    for _ in range(200):
        mid = (low + high) / 2
        if mid in (low, high):  # low and high are neighbouring floats: every further step leaves them as they are
            break
        low, high = (mid, high) if _sum_at(parts, mid) <= limit else (low, mid)
    return 1.0 - phi(high)
