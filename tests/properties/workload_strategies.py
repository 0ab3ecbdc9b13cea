"""Hypothesis strategies and settings shared by the property tests: valid workload dicts within the bounds of
modelpick.workload, and an exact Decimal context for the cost maths."""

from __future__ import annotations

import datetime as dt
import decimal
import os
from contextlib import AbstractContextManager
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from modelpick.registry.loader import bundled_data, load_tasks
from modelpick.registry.schema import FEATURES, MODALITIES

# Derandomized: each test draws the same examples on every run (seeded from the test's own source), so CI never
# fails on an example that no earlier run tried, and no example database has to travel between runs. Set
# MODELPICK_PROPERTY_EXPLORE=1 locally to draw new random examples (10x as many) when hunting for bugs.
EXPLORE = bool(os.environ.get("MODELPICK_PROPERTY_EXPLORE"))


def property_settings(max_examples: int, *, slow: bool = False) -> settings:
    """Settings for one property test: derandomized, no deadline (CI machines vary), no example database.
    `slow` suppresses the too_slow health check, for tests whose every example loads or ranks a registry."""
    return settings(
        max_examples=max_examples * (10 if EXPLORE else 1),
        derandomize=not EXPLORE,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow] if slow else [],
    )


# 1000 digits: the products and sums of an estimate need a few hundred at most (a subnormal ratio such as
# 5e-324 times a price included), so in this context they are exact. Only per_day from requests_per_month (the
# month divided by its days) can round, at the 1000th digit.
WIDE = decimal.Context(prec=1000, traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])


def exact(*, trap_rounding: bool = False) -> AbstractContextManager[decimal.Context]:
    """A Decimal context in which an estimate's products and sums are exact; with `trap_rounding`, any
    operation that rounds raises decimal.Inexact, which proves the figures exact."""
    context = WIDE.copy()
    context.traps[decimal.Inexact] = trap_rounding
    return decimal.localcontext(context)


TASKS = load_tasks()
TASK_IDS = sorted(TASKS.profiles)
BENCHMARKS = sorted(TASKS.benchmarks)
# One bundled file per provider, named after it (tests/properties/conftest.py checks that this holds).
BUNDLED_PROVIDERS = sorted(p.stem for p in (bundled_data() / "models").glob("*.yaml"))
FIXTURE_PROVIDERS = ["acme", "hostco"]

# Workload bounds (modelpick.workload).
MAX_TOKENS = 100_000_000
MAX_REQUESTS_PER_DAY = 1e12
MAX_REQUESTS_PER_MONTH = 1e13
# Long-context tier thresholds in the registries (input above one switches the whole request to its prices).
TIER_THRESHOLDS = (100_000, 128_000, 199_999, 200_000, 256_000, 272_000, 512_000)

# Mostly realistic sizes (so that some entries fit), sometimes anything up to the bound.
input_counts = st.one_of(
    st.integers(0, 5_000),
    st.integers(0, 300_000),
    st.builds(lambda t, d: t + d, st.sampled_from(TIER_THRESHOLDS), st.integers(-2, 2)),
    st.integers(0, MAX_TOKENS),
)
output_counts = st.one_of(st.integers(0, 2_000), st.integers(0, 30_000), st.integers(0, MAX_TOKENS))
ratios = st.one_of(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.8, 0.9, 1.0]), st.floats(0, 1))


@st.composite
def cache_ratios(draw: st.DrawFn) -> tuple[float, float]:
    """(cached_input_ratio, cache_write_ratio) whose sum Workload accepts (<= 1 in float arithmetic), often
    summing to exactly 1 (the rest of the input written to the cache)."""
    cached = draw(ratios)
    write = draw(st.one_of(st.just(0.0), st.just(1 - cached), st.floats(0, 1 - cached)))
    if cached + write > 1:
        write = 0.0
    return cached, write


requests_per_day = st.one_of(st.integers(0, 1_000_000), st.floats(0, MAX_REQUESTS_PER_DAY))
requests_per_month = st.one_of(st.integers(0, 30_000_000), st.floats(0, MAX_REQUESTS_PER_MONTH))
dates = st.dates(dt.date(2023, 1, 1), dt.date(2027, 12, 31))


@st.composite
def weights(draw: st.DrawFn) -> dict[str, float]:
    """A `prefer` mapping: weights in 0..1000, not all zero."""
    values = draw(st.fixed_dictionaries({}, optional={k: st.floats(0, 1000) for k in ("quality", "cost", "speed")}))
    if sum(values.values()) <= 0:
        values[draw(st.sampled_from(["quality", "cost", "speed"]))] = draw(st.floats(0.001, 1000))
    return values


def requirements(providers: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A `requires:` mapping of up to 4 requirements (more would exclude nearly every entry); `providers` are
    the names it may allow or exclude."""
    names = st.lists(st.sampled_from(providers), min_size=1, max_size=4, unique=True)
    each = {
        "input_modalities": st.lists(st.sampled_from(MODALITIES), max_size=2, unique=True),
        "features": st.lists(st.sampled_from(FEATURES), max_size=3, unique=True),
        "min_context": st.one_of(st.integers(0, 2_000_000), st.integers(0, MAX_TOKENS)),
        "min_output_tokens": st.integers(0, 200_000),
        "knowledge_after": dates,
        "open_weights": st.booleans(),
        "providers": names,
        "exclude_providers": names,
        "min_quality": st.dictionaries(st.sampled_from(BENCHMARKS), st.floats(0, 1500), max_size=2),
        "max_monthly_cost_usd": st.one_of(st.integers(0, 10_000), st.floats(0, 1e12)),
        "max_ttft_s": st.floats(0, 30),
        "min_output_tokens_per_s": st.floats(0, 500),
        "include_deprecated": st.booleans(),
    }
    return st.lists(st.sampled_from(sorted(each)), max_size=4, unique=True).flatmap(
        lambda keys: st.fixed_dictionaries({key: each[key] for key in keys}))


@st.composite
def workloads(draw: st.DrawFn, providers: list[str] | None = None, *, volume: bool = True) -> dict[str, Any]:
    """A workload dict that Workload.model_validate accepts. Token counts are often left to the task's
    example; `volume=False` leaves out requests_per_day/month (the caller sets them)."""
    data: dict[str, Any] = draw(st.fixed_dictionaries({"task": st.sampled_from(TASK_IDS)}, optional={
        "name": st.text(max_size=12),
        "input_tokens": input_counts,
        "output_tokens": output_counts,
        "reasoning_tokens": output_counts,
        "days_per_month": st.integers(1, 31),
        "batch": st.booleans(),
        "requires": requirements(providers or BUNDLED_PROVIDERS),
        "prefer": st.one_of(st.sampled_from(["balanced", "cost", "quality", "speed"]), weights()),
    }))
    data["cached_input_ratio"], data["cache_write_ratio"] = draw(cache_ratios())
    if volume:
        which = draw(st.sampled_from(["default", "requests_per_day", "requests_per_month"]))
        if which != "default":
            data[which] = draw(requests_per_day if which == "requests_per_day" else requests_per_month)
    return data
