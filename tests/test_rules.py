"""Each hard rule: a passing and a failing case, with the exact reason strings."""

from __future__ import annotations

import datetime as dt

import pytest

from modelpick import ranking
from modelpick.registry.lifecycle import status_on
from modelpick.rules import (
    RULES,
    Findings,
    apply_rules,
    budget,
    context,
    features,
    knowledge,
    lifecycle,
    modalities,
    providers,
    quality,
    speed,
)
from modelpick.workload import resolve

AS_OF = dt.date(2026, 1, 1)


@pytest.fixture
def check(fixture_registry, tasks, make_workload):
    """check(rule_module_or_None, "acme/acme-alpha", as_of=..., **workload) -> Findings.
    With None, every rule runs (apply_rules)."""

    def go(rule, name: str, as_of: dt.date = AS_OF, **workload) -> Findings:
        wl = make_workload(**workload)
        ctx = resolve(wl, tasks, as_of)
        entry = fixture_registry.get(name)
        estimate = ranking.estimate(fixture_registry, ctx, entry)  # hidden reasoning as the ranking assumes it
        if rule is None:
            return apply_rules(entry, ctx, estimate)
        out = Findings()
        rule.check(entry, ctx, estimate, out)
        return out

    return go


def test_every_rule_module_is_registered():
    modules = (modalities, features, context, knowledge, providers, lifecycle, quality, budget, speed)
    assert RULES == tuple(m.check for m in modules)


@pytest.mark.parametrize(
    ("rule", "name", "workload", "reasons", "warnings"),
    [
        # modalities
        (modalities, "acme/acme-alpha", {"requires": {"input_modalities": ["image"]}}, [], []),
        (modalities, "acme/acme-alpha", {"requires": {"input_modalities": ["image", "audio", "pdf"]}},
         ["no audio, pdf input (takes text, image)"], []),
        # features; a reasoning model has `reasoning` even when its features list does not say so
        (features, "acme/acme-think", {"requires": {"features": ["tool_calling", "reasoning"]}}, [], []),
        (features, "acme/acme-alpha",
         {"requires": {"features": ["fine_tuning", "tool_calling", "reasoning"]}},
         ["no fine_tuning (not listed by its sources)", "no reasoning (not listed by its sources)"], []),
        # context: window, request size, max output, generated tokens (reasoning counts)
        (context, "acme/acme-alpha",
         {"input_tokens": 990_000, "output_tokens": 10_000,
          "requires": {"min_context": 1_000_000, "min_output_tokens": 32_000}}, [], []),
        (context, "acme/acme-alpha", {"requires": {"min_context": 2_000_000}},
         ["context window 1,000,000 < required 2,000,000"], []),
        (context, "hostco/hostco-reasoner",
         {"input_tokens": 120_000, "output_tokens": 4_000, "reasoning_tokens": 8_000,
          "requires": {"min_output_tokens": 32_000}},
         ["request of 132,000 tokens (120,000 in + 4,000 out + 8,000 reasoning) "
          "exceeds context window 128,000",
          "max output 16,000 < required 32,000"], []),
        (context, "hostco/hostco-reasoner",
         {"input_tokens": 1000, "output_tokens": 10_000, "reasoning_tokens": 8_000},
         ["18,000 output tokens per request exceed max output 16,000"], []),
        (context, "acme/shared-open", {"input_tokens": 60_000, "output_tokens": 5_000},
         ["request of 65,000 tokens (60,000 in + 5,000 out) exceeds context window 64,000"], []),
        # knowledge
        (knowledge, "acme/acme-alpha", {"requires": {"knowledge_after": "2025-03-01"}}, [], []),
        (knowledge, "acme/acme-alpha", {"requires": {"knowledge_after": "2025-06-01"}},
         ["knowledge cutoff 2025-03-01 is before 2025-06-01"], []),
        (knowledge, "acme/shared-open", {"requires": {"knowledge_after": "2025-06-01"}},
         ["knowledge cutoff unknown (required on or after 2025-06-01)"], []),
        # providers
        (providers, "hostco/shared-open",
         {"requires": {"providers": ["hostco"], "exclude_providers": ["acme"], "open_weights": True}},
         [], []),
        (providers, "acme/acme-alpha",
         {"requires": {"providers": ["hostco", "other"], "exclude_providers": ["acme"],
                       "open_weights": True}},
         ["provider acme not in the allowed list (hostco, other)", "provider acme is excluded",
          "weights are not open"], []),
        # quality: min_quality
        (quality, "acme/acme-think", {"requires": {"min_quality": {"gpqa_diamond": 70}}}, [], []),
        (quality, "hostco/hostco-reasoner",
         {"requires": {"min_quality": {"gpqa_diamond": 50, "lmarena_text": 1250}}},
         ["gpqa_diamond 35 < required 50", "lmarena_text 1200 < required 1250"], []),
        (quality, "acme/acme-alpha", {"requires": {"min_quality": {"gpqa_diamond": 50}}},
         ["gpqa_diamond unknown (required >= 50)"], []),
        # quality: task floors (reasoning: gpqa_diamond >= 40)
        (quality, "acme/acme-think", {"task": "reasoning"}, [], []),
        (quality, "hostco/hostco-reasoner", {"task": "reasoning"},
         ["gpqa_diamond 35 is below the reasoning floor of 40: GPQA Diamond has four choices "
          "(25% by chance); below 40% a model is guessing on hard science"], []),
        (quality, "acme/acme-alpha", {"task": "reasoning"},
         [], ["gpqa_diamond unknown: the reasoning floor (40) could not be checked"]),
        # an explicit min_quality on the floor's benchmark replaces the floor
        (quality, "hostco/hostco-reasoner",
         {"task": "reasoning", "requires": {"min_quality": {"gpqa_diamond": 30}}},
         [], []),
        # budget: chat default 1500 in / 400 out on acme-alpha:
        # 1500 x $1 = 0.0015 + 400 x $4 = 0.0016 -> 0.0031 x 1000/day x 30 days = $93/month
        (budget, "acme/acme-alpha", {"requires": {"max_monthly_cost_usd": 93}}, [], []),
        (budget, "acme/acme-alpha", {"requires": {"max_monthly_cost_usd": 92.99}},
         ["costs $93.00/month, over the budget of $92.99"], []),
        # speed
        (speed, "acme/acme-alpha", {"requires": {"max_ttft_s": 0.5, "min_output_tokens_per_s": 100}}, [], []),
        (speed, "acme/acme-alpha", {"requires": {"max_ttft_s": 0.4, "min_output_tokens_per_s": 120}},
         ["time to first token 0.5 s > 0.4 s", "output speed 100 tokens/s < 120 tokens/s"], []),
        (speed, "acme/shared-open", {"requires": {"max_ttft_s": 0.4, "min_output_tokens_per_s": 120}},
         ["time to first token unknown (required <= 0.4 s)",
          "output speed unknown (required >= 120 tokens/s)"], []),
    ],
)
def test_rule(check, rule, name, workload, reasons, warnings):
    out = check(rule, name, **workload)
    assert out.reasons == reasons
    assert out.warnings == warnings


def test_no_requirements_no_findings(check):
    out = check(None, "acme/acme-alpha")
    assert (out.reasons, out.warnings) == ([], [])


def test_an_entry_failing_several_rules_gets_every_reason(check):
    out = check(None, "acme/acme-old", task="reasoning", requires={
        "input_modalities": ["image"],
        "features": ["tool_calling"],
        "min_context": 200_000,
        "knowledge_after": "2025-01-01",
        "exclude_providers": ["acme"],
        "min_quality": {"gpqa_diamond": 50},
        "max_monthly_cost_usd": 1,
        "max_ttft_s": 1,
    })
    # reasoning task: 1000 in x $0.50 + 1000 out x $1.50 = 0.002 x 1000 x 30 = $60/month
    assert out.reasons == [
        "no image input (takes text)",
        "no tool_calling (not listed by its sources)",
        "context window 128,000 < required 200,000",
        "knowledge cutoff 2024-01-01 is before 2025-01-01",
        "provider acme is excluded",
        "deprecated since 2025-06-01, shuts down 2026-06-01 "
        "(as of 2026-01-01; include_deprecated allows it); replacement: acme-alpha",
        "gpqa_diamond unknown (required >= 50)",
        "costs $60.00/month, over the budget of $1.00",
        "time to first token unknown (required <= 1 s)",
    ]
    assert out.warnings == []


# --- lifecycle at different dates -------------------------------------------------------------------------

OLD_HINT = "; replacement: acme-alpha"


@pytest.mark.parametrize(
    ("name", "as_of", "include_deprecated", "reasons", "warnings", "status"),
    [
        # acme-old: deprecated 2025-06-01, shuts down 2026-06-01
        ("acme/acme-old", dt.date(2025, 5, 31), False, [], ["shuts down on 2026-06-01" + OLD_HINT], "active"),
        ("acme/acme-old", dt.date(2025, 6, 1), False,
         ["deprecated since 2025-06-01, shuts down 2026-06-01 "
          "(as of 2025-06-01; include_deprecated allows it)" + OLD_HINT], [], "deprecated"),
        ("acme/acme-old", dt.date(2025, 6, 1), True, [],
         ["deprecated since 2025-06-01, shuts down 2026-06-01" + OLD_HINT], "deprecated"),
        ("acme/acme-old", dt.date(2026, 5, 31), True, [],
         ["deprecated since 2025-06-01, shuts down 2026-06-01" + OLD_HINT], "deprecated"),
        ("acme/acme-old", dt.date(2026, 6, 1), True,
         ["retired on 2026-06-01 (as of 2026-06-01)" + OLD_HINT], [], "retired"),
        ("acme/acme-old", dt.date(2026, 6, 1), False,
         ["retired on 2026-06-01 (as of 2026-06-01)" + OLD_HINT], [], "retired"),
        # acme-legacy: status retired, deprecated 2024-06-01, shut down 2025-01-01
        ("acme/acme-legacy", dt.date(2024, 1, 1), False, [],
         ["shuts down on 2025-01-01; replacement: acme-old"], "active"),
        ("acme/acme-legacy", dt.date(2024, 6, 1), True, [],
         ["deprecated since 2024-06-01, shuts down 2025-01-01; replacement: acme-old"], "deprecated"),
        ("acme/acme-legacy", dt.date(2026, 1, 1), True,
         ["retired on 2025-01-01 (as of 2026-01-01); replacement: acme-old"], [], "retired"),
        # no lifecycle data; preview
        ("acme/acme-think", dt.date(2026, 1, 1), False, [], [], "active"),
        ("hostco/hostco-reasoner", dt.date(2026, 1, 1), False, [],
         ["preview: may change or go away without notice"], "preview"),
    ],
)
def test_lifecycle_as_of(check, name, as_of, include_deprecated, reasons, warnings, status, fixture_registry):
    out = check(lifecycle, name, as_of=as_of, requires={"include_deprecated": include_deprecated})
    assert out.reasons == reasons
    assert out.warnings == warnings
    assert status_on(fixture_registry.get(name), as_of)[0] == status


# --- token distributions: fit judged at p95 ---------------------------------------------------------------


def test_context_judged_at_p95_tokens(check):
    # acme-old: window 128,000, max output 8,000. Expected input ~62,000 fits; the p95 request does not.
    out = check(context, "acme/acme-old", input_tokens={"p50": 50_000, "p95": 130_000}, output_tokens=1_000)
    assert out.reasons == ["request of 131,000 tokens at p95 (130,000 in + 1,000 out) exceeds context window 128,000"]
    # the share of requests over the window, from the fitted distribution: P(input > 127,000)
    assert len(out.warnings) == 1
    assert out.warnings[0].endswith("of requests overflow the context window (128,000) (derived from the fitted "
                                    "token distributions)")


def test_max_output_judged_at_p95_tokens(check):
    out = check(context, "acme/acme-old", input_tokens=1_000, output_tokens={"p50": 2_000, "p95": 9_000})
    assert out.reasons == ["9,000 output tokens per request at p95 exceed max output 8,000"]
    # P(output > 8,000) = 1 - Phi(ln 4 / (ln 4.5 / z95)) = 1 - Phi(1.5159) = 6.5%
    assert out.warnings == ["6.5% of requests overflow max output (8,000) (derived from the fitted token "
                            "distributions)"]


def test_p95_within_limits_fits(check):
    out = check(context, "acme/acme-old", input_tokens={"p50": 5_000, "p95": 20_000}, output_tokens=1_000)
    assert out.reasons == [] and out.warnings == []


def test_budget_judged_on_expected_monthly_cost(check):
    # acme-old $0.50/1M in: expected input 1,291.18 (p50 800, p95 4,000) x 30,000 requests = $19.37 a month;
    # the p95 request (4,000 tokens) would be $60 a month. A $25 budget holds.
    fits = check(budget, "acme/acme-old", input_tokens={"p50": 800, "p95": 4_000}, output_tokens=0,
                 requires={"max_monthly_cost_usd": 25})
    assert fits.reasons == []
    over = check(budget, "acme/acme-old", input_tokens={"p50": 800, "p95": 4_000}, output_tokens=0,
                 requires={"max_monthly_cost_usd": 19})
    assert over.reasons == ["costs $19.37/month, over the budget of $19.00"]
