"""Hidden reasoning tokens: the effort assumed, the figure used and its basis (modelpick.reasoning)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from modelpick import effort, ranking, reasoning
from modelpick.registry.loader import Registry
from modelpick.workload import resolve

AS_OF = dt.date(2026, 1, 1)


@pytest.fixture
def assume(fixture_registry, tasks, make_workload):
    """assume("acme/acme-think", task="chat", output_tokens=500, ...) -> HiddenTokens."""

    def go(name: str, registry: Registry | None = None, **workload):
        registry = registry or fixture_registry
        workload.setdefault("output_tokens", 500)
        wl = make_workload(**workload)
        task = tasks.get(wl.task)
        return reasoning.assume(registry.get(name), wl, wl.task, task, wl.output_tokens,
                                reasoning.ReasoningFigures(registry))

    return go


def haiku_like(make_entry):
    """Thinking is opt-in: the API default is off (none); on is high. Measured at both (made-up counts)."""
    return make_entry(
        "acme", "opt-in-thinker", input=1.0, output=5.0, reasoning=True,
        performance={"source": "fixture", "output_tokens_per_s": 100, "ttft_s": 0.5},
        reasoning_efforts={
            "source": "fixture", "supported": ["none", "high"], "default": "none",
            "measured": {
                "none": {"source": "bench", "ttft_s": 0.5, "output_tokens_per_s": 100,
                         "evals": {"ifbench": {"reasoning": 0, "answer": 1000}}},
                "high": {"source": "bench", "ttft_s": 9.0, "output_tokens_per_s": 100,
                         "evals": {"ifbench": {"reasoning": 20000, "answer": 1000}}},
            }})


def test_effort_scale_nearest_prefers_the_higher_of_two():
    assert effort.nearest("medium", ["none", "high"]) == "high"  # one step up against three down
    assert effort.nearest("low", ["minimal", "medium"]) == "medium"  # equally near: the higher
    assert effort.nearest("xhigh", ["low", "medium", "high"]) == "high"
    assert effort.nearest("high", []) == "high"  # offered efforts unknown: as asked
    assert effort.lowest(["high", "none", "low"]) == "none"


def test_thinking_off_by_default_counts_no_hidden_tokens(make_entry, tasks, make_workload):
    entry = haiku_like(make_entry)
    registry = Registry([entry])
    wl = make_workload(task="chat", input_tokens=2000, output_tokens=300, requests_per_day=1000)
    ctx = resolve(wl, tasks, AS_OF)
    est = ranking.estimate(registry, ctx, entry)
    # 2,000 x $1 = 0.002 ; 300 x $5 = 0.0015 ; no hidden tokens -> 0.0035 x 1,000 x 30 = $105/month
    assert est.tokens.reasoning == D(0)
    assert (est.per_request, est.per_month) == (D("0.0035"), D("105.0000"))
    hidden = reasoning.assume(entry, wl, "chat", ctx.task, 300, reasoning.ReasoningFigures(registry))
    assert (hidden.effort, hidden.effort_basis, hidden.kind) == ("none", "the API default", "none")


def test_thinking_turned_on_is_billed_from_its_measurement(make_entry, tasks, make_workload):
    entry = haiku_like(make_entry)
    registry = Registry([entry])
    wl = make_workload(task="chat", input_tokens=2000, output_tokens=300, reasoning_effort="high")
    ctx = resolve(wl, tasks, AS_OF)
    est = ranking.estimate(registry, ctx, entry)
    # 20,000 / 1,000 = 20 per output token x 300 = 6,000 hidden x $5 = 0.03 ; + 0.002 + 0.0015
    assert est.tokens.reasoning == D(6000)
    assert est.per_request == D("0.0335")


def test_measured_basis_names_the_evaluation_and_counts(assume):
    hidden = assume("acme/acme-think", reasoning_effort="high")
    assert hidden.kind == "measured" and hidden.tokens == D(4000) and hidden.per_output_token == D(8)
    assert hidden.effort_basis == "the workload's reasoning_effort"
    assert hidden.basis == "bench at this effort, ifbench: 8,000 reasoning / 1,000 answer tokens; 8 per output token"
    assert hidden.warning is None


def test_task_evaluations_are_pooled(assume):
    # reasoning names gpqa_diamond then hle; acme-think has gpqa_diamond only at high: 30,000 / 1,000
    hidden = assume("acme/acme-think", task="reasoning", reasoning_effort="high", output_tokens=100)
    assert hidden.tokens == D(3000)
    assert hidden.basis.startswith("bench at this effort, gpqa_diamond: 30,000 reasoning / 1,000 answer")


def test_lowest_effort_policy_for_classification(assume):
    hidden = assume("acme/acme-think", task="classification", output_tokens=20)
    assert (hidden.effort, hidden.effort_basis) == ("low", "classification policy: the lowest effort offered")
    assert hidden.tokens == D(20)  # 1,000 / 1,000 on ifbench at low


def test_workload_effort_overrides_the_task_policy(assume):
    assert assume("acme/acme-think", task="classification", reasoning_effort="high").effort == "high"


def test_an_effort_not_offered_becomes_the_nearest(assume):
    hidden = assume("acme/acme-think", reasoning_effort="xhigh")
    assert hidden.effort == "high"
    assert hidden.effort_basis == "the workload's reasoning_effort; xhigh is not offered, high is the nearest"


def test_the_api_default_falls_back_to_the_effortless_figure(assume):
    hidden = assume("acme/acme-think")
    assert (hidden.effort, hidden.kind, hidden.tokens) == ("medium", "measured", D(1250))
    assert hidden.basis == "fixture, effort not stated; 2.5 per output token"


def test_derived_estimate_is_labelled_with_its_basis(assume):
    hidden = assume("hostco/hostco-reasoner", reasoning_effort="high")
    assert (hidden.kind, hidden.tokens) == ("derived", D(4000))
    assert hidden.basis == "median of the 1 entry measured at high on ifbench; 8 per output token"
    assert hidden.effort_basis == "the workload's reasoning_effort"
    assert hidden.warning == ("hidden reasoning tokens derived, not measured: 4,000 per request at high (median "
                              "of the 1 entry measured at high on ifbench; 8 per output token); set "
                              "reasoning_tokens for an exact figure")


def test_unknown_is_never_a_silent_zero(assume):
    hidden = assume("hostco/hostco-reasoner")
    assert (hidden.effort, hidden.kind, hidden.tokens) == ("medium", "unknown", D(0))
    assert hidden.effort_basis == "API default not on record: medium assumed"
    assert hidden.warning == ("hidden reasoning tokens unknown at medium (no measurement at medium for this or "
                              "any other entry): not counted; set reasoning_tokens")


def test_workload_reasoning_tokens_override_every_estimate(assume):
    hidden = assume("hostco/hostco-reasoner", reasoning_tokens=777)
    assert (hidden.kind, hidden.tokens, hidden.warning) == ("workload", D(777), None)


def test_effort_none_means_no_hidden_tokens(assume):
    hidden = assume("acme/acme-think", reasoning_effort="none")
    # acme-think does not offer none: the nearest it offers is low
    assert hidden.effort == "low"


def test_a_model_that_does_not_reason_has_no_effort(assume):
    hidden = assume("acme/acme-alpha", reasoning_effort="high")
    assert (hidden.effort, hidden.tokens, hidden.kind) == (None, D(0), "none")


def test_a_model_served_twice_counts_once_in_a_median(make_entry):
    measured = {"source": "fixture", "supported": ["high"],
                "measured": {"high": {"source": "b", "evals": {"ifbench": {"reasoning": 4000, "answer": 1000}}}}}
    one = make_entry("a", "m", creator="lab", reasoning=True, reasoning_efforts=measured)
    two = make_entry("b", "m", creator="lab", reasoning=True, reasoning_efforts=measured)
    other = make_entry("c", "x", creator="lab2", reasoning=True, reasoning_efforts={
        **measured, "measured": {"high": {"source": "b", "evals": {"ifbench": {"reasoning": 10000, "answer": 1000}}}}})
    figures = reasoning.ReasoningFigures(Registry([one, two, other]))
    assert figures.median("high", ["ifbench"]) == (D(7), "median of 2 entries measured at high on ifbench")


def test_zero_reasoning_above_minimal_is_not_a_measurement(make_entry, tasks, make_workload):
    """AA books OpenAI's long-context thinking as answer tokens (0 reasoning): that count is skipped and the
    task's next evaluation used; at minimal, 0 is taken as it is."""
    entry = make_entry("acme", "booked-as-answer", reasoning=True, reasoning_efforts={
        "source": "fixture", "supported": ["minimal", "high"], "default": "high",
        "measured": {
            "minimal": {"source": "bench", "evals": {"aa_lcr": {"reasoning": 0, "answer": 1000}}},
            "high": {"source": "bench", "evals": {"aa_lcr": {"reasoning": 0, "answer": 30000},
                                                  "ifbench": {"reasoning": 3000, "answer": 1000}}}}})
    figures = reasoning.ReasoningFigures(Registry([entry]))
    wl = make_workload(task="long-context", output_tokens=100)
    high = reasoning.assume(entry, wl, "long-context", tasks.get("long-context"), 100, figures)
    assert (high.tokens, high.basis) == (D(300), "bench at this effort, ifbench: 3,000 reasoning / 1,000 answer "
                                                 "tokens; 3 per output token")
    low = reasoning.assume(entry, make_workload(task="long-context", reasoning_effort="minimal"), "long-context",
                           tasks.get("long-context"), 100, figures)
    assert (low.kind, low.tokens) == ("measured", D(0))
    assert figures.median("high", ["aa_lcr", "ifbench"]) == (D(3), "median of the 1 entry measured at high on ifbench")


def test_seconds_per_request_count_the_same_hidden_tokens_as_the_cost(make_entry, tasks, make_workload):
    entry = haiku_like(make_entry)
    registry = Registry([entry])
    figures = reasoning.ReasoningFigures(registry)
    for wanted, seconds, basis in [
        ("none", 3.5, "first token after 0.5 s"),  # 0.5 + 300 / 100
        # 0.5 s to first token without thinking (the none run) + 6,000 hidden / 100 + 300 / 100
        ("high", 63.5, "first token after 0.5 s, then 6,000 hidden tokens at 100/s"),
    ]:
        wl = make_workload(task="chat", output_tokens=300, reasoning_effort=wanted)
        hidden = reasoning.assume(entry, wl, "chat", tasks.get("chat"), 300, figures)
        assert ranking.latency(entry, hidden, 300) == (pytest.approx(seconds), basis)


def test_a_named_effort_policy_for_hard_reasoning(assume):
    hidden = assume("acme/acme-think", task="reasoning", output_tokens=100)
    assert (hidden.effort, hidden.effort_basis) == ("high", "reasoning policy: high effort")
    assert hidden.tokens == D(3000)  # gpqa_diamond at high: 30,000 / 1,000 x 100


def test_figures_shared_by_many_workloads_assume_what_fresh_figures_assume(tasks, make_workload):
    """ReasoningFigures settles each entry's effort and ratio once: every entry of the bundled registry on
    workloads that differ in task, effort and output tokens gets what a fresh evaluation gets."""
    from modelpick.registry.loader import load_registry

    registry = load_registry()
    shared = reasoning.ReasoningFigures(registry)
    kinds = set()
    for task in ("chat", "coding", "reasoning", "long-context"):
        for wanted in (None, "none", "low", "high"):
            for output in (1, 333, 20_000):
                wl = make_workload(task=task, output_tokens=output, **({"reasoning_effort": wanted} if wanted else {}))
                fresh = reasoning.ReasoningFigures(registry)  # nothing memoised for this workload yet
                for entry in registry.entries:
                    args = (entry, wl, task, tasks.get(task), output)
                    memo = reasoning.assume(*args, shared)
                    assert memo == reasoning.assume(*args, shared)  # from the memo
                    assert memo == reasoning.assume(*args, fresh)
                    kinds.add(memo.kind)
    assert kinds == {"none", "measured", "derived"}, kinds
