"""Results built by hand, so that renderer tests do not depend on the bundled registry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from modelpick.report import (
    CostBreakdown,
    CostReport,
    EntryResult,
    QualityEvidence,
    ReasoningAssumed,
    Recommendation,
    Scores,
    Speed,
    TokenCounts,
)

DERIVED = "hidden reasoning tokens derived, not measured: 5,500 per request at high"
PREVIEW = "preview: may change or go away without notice"
NO_BATCH = "no batch price offered: standard prices used"


def entry(rank: int, model: str, *, warnings: list[str] | None = None, effort: str | None = None,
          hidden: int = 0, kind: str = "none", thin: bool = False, quality: float | None = 0.5) -> EntryResult:
    per_request = Decimal("0.000002") * rank
    cost = CostReport(per_request=per_request, per_day=per_request * 1000, per_month=per_request * 30000,
                      breakdown=CostBreakdown(input=per_request, cached_input=Decimal(0), cache_write=Decimal(0),
                                              output=Decimal(0), reasoning=Decimal(0)),
                      batch=False, tier=None, tokens=TokenCounts(input=100, cached_input=0, cache_write=0,
                                                                 output=10, reasoning=hidden),
                      prices={"input": Decimal("0.02"), "output": Decimal("0.1")},
                      requests_per_day=Decimal(1000), requests_per_month=Decimal(30000))
    evidence = None if quality is None else QualityEvidence(
        benchmarks={"ifbench": 50.0}, coverage=0.25 if thin else 0.75, thin=thin, unadjusted=quality)
    return EntryResult(
        rank=rank, model=model, provider="testco", name=model.title(), score=0.5,
        scores=Scores(quality=None if quality is None else quality / 2 if thin else quality, cost=1.0, speed=0.5),
        cost=cost, reasons=[f"{model} is cheap and it is good at the task in every way that matters here"],
        warnings=warnings or [], quality_basis={}, context_window=131072, output_tokens_per_s=237.4, ttft_s=0.5,
        lifecycle="active",
        reasoning=ReasoningAssumed(effort=effort, effort_basis="the API default", hidden_tokens=hidden,
                                   per_output_token=None, kind=kind, basis="a test"),  # type: ignore[arg-type]
        quality_evidence=evidence, speed=Speed(seconds_per_request=1.25, basis="first token after 0.5 s"))


def recommendation(ranking: list[EntryResult], **workload: Any) -> Recommendation:
    return Recommendation(as_of=dt.date(2026, 11, 21), task="classification", weights={},
                          workload={"name": "triage", "input_tokens": 100, "output_tokens": 10, **workload},
                          ranking=ranking, excluded=[])


@pytest.fixture
def make_entry() -> Any:
    return entry


@pytest.fixture
def make_recommendation() -> Any:
    return recommendation


@pytest.fixture
def with_warnings() -> Recommendation:
    return recommendation([
        entry(1, "alpha", effort="high", hidden=5500, kind="derived", warnings=[DERIVED, PREVIEW]),
        entry(2, "beta", warnings=[PREVIEW, NO_BATCH], thin=True, quality=0.48),
        entry(3, "gamma", quality=None),
    ], requests_per_day=1000)
