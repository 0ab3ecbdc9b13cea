"""`modelpick check` rules on the fixture registry: for each rule, one workload that trips it and one that does
not; statuses, --strict, the baseline comparison."""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal

import pytest

from modelpick.config import parse_config_text
from modelpick.errors import InputError, UnknownTaskError
from modelpick.gate import run_check

AS_OF = dt.date(2025, 12, 1)


def check(fixture_registry, tasks, workload: str, *, defaults: str = "", as_of=AS_OF, strict=False, baseline=None):
    text = "defaults:\n  requests_per_day: 1000\n" + textwrap.indent(textwrap.dedent(defaults), "  ")
    text += "workloads:\n" + textwrap.indent(textwrap.dedent(workload), "  ")
    config = parse_config_text(text, "modelpick.yaml")
    old = parse_config_text(baseline, "HEAD:modelpick.yaml") if baseline else None
    return run_check(config, fixture_registry, tasks, as_of, strict=strict, baseline=old)


def rules(result) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for r in result.results for f in r.findings]


BASE = """\
- name: w
  task: chat
  input_tokens: 1000
  output_tokens: 100
"""


def test_a_good_choice_passes(fixture_registry, tasks):
    result = check(fixture_registry, tasks, BASE + "  model: acme/acme-alpha\n")
    assert rules(result) == []
    assert result.results[0].status == "pass"
    assert result.summary == {"pass": 1, "warn": 0, "fail": 0}
    # 1000 in x $1 + 100 out x $4 = $0.0014 x 1000/day x 30
    assert result.results[0].cost.per_month == Decimal("42")


def test_unknown_model(fixture_registry, tasks):
    result = check(fixture_registry, tasks, BASE + "  model: acme-alpah\n")
    [finding] = result.results[0].findings
    assert (finding.rule, finding.severity) == ("unknown-model", "error")
    assert "did you mean 'acme-alpha'" in finding.message
    assert result.results[0].status == "fail" and result.results[0].cost is None


@pytest.mark.parametrize("features, expected", [
    ("[fine_tuning]", [("constraint", "error")]),
    ("[tool_calling]", []),
])
def test_constraint(fixture_registry, tasks, features, expected):
    result = check(fixture_registry, tasks, BASE + f"  model: acme/acme-alpha\n  requires: {{features: {features}}}\n")
    assert rules(result) == expected
    if expected:
        assert result.results[0].findings[0].message == "no fine_tuning (not listed by its sources)"


@pytest.mark.parametrize("limit, expected", [(1, [("budget", "error")]), (100, [])])
def test_budget(fixture_registry, tasks, limit, expected):
    result = check(fixture_registry, tasks, BASE + f"  model: acme/acme-alpha\n  policy: {{max_monthly_cost_usd: {limit}}}\n")
    assert rules(result) == expected
    if expected:
        assert result.results[0].findings[0].message == "costs $42.00/month, over the budget of $1.00"


def test_deprecated_and_retiring_warn(fixture_registry, tasks):
    result = check(fixture_registry, tasks, BASE + "  model: acme/acme-old\n  requires: {include_deprecated: true}\n",
                   defaults="policy: {retirement_warning_days: 365}\n")
    assert rules(result) == [("deprecated", "warning"), ("retiring", "warning")]
    assert result.results[0].findings[1].message == "acme/acme-old shuts down on 2026-06-01, in 182 days; replacement: acme-alpha"
    assert result.results[0].status == "warn"
    assert result.summary == {"pass": 0, "warn": 1, "fail": 0}


def test_retiring_outside_the_warning_window_is_not_reported(fixture_registry, tasks):
    result = check(fixture_registry, tasks, BASE + "  model: acme/acme-old\n  requires: {include_deprecated: true}\n",
                   defaults="policy: {retirement_warning_days: 30}\n")
    assert rules(result) == [("deprecated", "warning")]


def test_retired_fails(fixture_registry, tasks):
    result = check(fixture_registry, tasks, BASE + "  model: acme/acme-old\n", as_of=dt.date(2026, 7, 1))
    assert rules(result) == [("retired", "error")]
    assert result.results[0].findings[0].message == "acme/acme-old is retired on 2026-06-01; replacement: acme-alpha"


def test_strict_turns_warnings_into_failures(fixture_registry, tasks):
    result = check(fixture_registry, tasks, BASE + "  model: acme/acme-old\n  requires: {include_deprecated: true}\n",
                   strict=True)
    assert result.results[0].status == "fail"
    assert result.summary == {"pass": 0, "warn": 0, "fail": 1}


@pytest.mark.parametrize("ratio, expected", [(1.5, [("best-alternative", "error")]), (50, [])])
def test_best_alternative(fixture_registry, tasks, ratio, expected):
    # acme-think scores lower on chat (0.53: lmarena 1250, aa 50) than acme-alpha (0.59: lmarena 1300, aa 60,
    # multichallenge 40) and costs twice as much or more.
    result = check(fixture_registry, tasks,
                   BASE + f"  model: acme/acme-think\n  reasoning_tokens: 0\n  policy: {{max_cost_ratio: {ratio}}}\n")
    assert rules(result) == expected
    alternative = result.results[0].best_alternative
    if expected:
        assert (alternative.provider, alternative.model, alternative.per_month) == ("acme", "acme-alpha", Decimal(42))
        assert result.results[0].findings[0].message.startswith(
            "acme/acme-alpha meets every requirement with at least the same quality for chat (0.59 vs 0.53)")
    else:
        assert alternative is None


@pytest.mark.parametrize("max_rank, expected", [(1, [("rank", "error")]), (10, [])])
def test_rank(fixture_registry, tasks, max_rank, expected):
    result = check(fixture_registry, tasks, BASE + f"  model: hostco/acme-alpha\n  policy: {{max_rank: {max_rank}}}\n")
    assert rules(result) == expected
    assert result.results[0].rank == 2


@pytest.mark.parametrize("model, expected", [
    ("alpha", [("unpinned", "error")]),
    ("acme/acme-alpha", [("unpinned", "error")]),
    ("acme-alpha-2025-06-01", []),
])
def test_unpinned(fixture_registry, tasks, model, expected):
    result = check(fixture_registry, tasks, BASE + f"  model: {model}\n  policy: {{require_snapshot: true}}\n")
    assert rules(result) == expected


def test_cost_increase_against_the_baseline(fixture_registry, tasks):
    old = "workloads:\n" + textwrap.indent(BASE + "  model: acme/acme-alpha\n", "  ")
    new = BASE + "  model: hostco/acme-alpha\n  policy: {max_cost_increase: 0.1}\n"
    result = check(fixture_registry, tasks, new, baseline=old)
    assert rules(result) == [("cost-increase", "error")]
    change = result.results[0].baseline
    assert (change.baseline_model, change.baseline_per_month, change.change) == ("acme/acme-alpha", Decimal(42), 0.2)
    within = check(fixture_registry, tasks, new.replace("0.1", "0.25"), baseline=old)
    assert rules(within) == [] and within.results[0].baseline.change == 0.2


def test_unknown_task_names_file_and_line(fixture_registry, tasks):
    with pytest.raises(UnknownTaskError) as err:
        check(fixture_registry, tasks, "- name: w\n  model: acme-alpha\n  task: chta\n")
    assert err.value.message.startswith("modelpick.yaml:6: task: unknown task 'chta' (did you mean 'chat'?)")


@pytest.mark.parametrize("text, message", [
    ("workloads: []\n", "modelpick.yaml:1: workloads: expected a list of workloads, each with model: and workload keys"),
    ("workloads:\n  - name: a\n", "modelpick.yaml:2: workloads[0].model: required key is missing"),
    ("workloads:\n  - model: x\n    inptu_tokens: 3\n",
     "modelpick.yaml:3: workloads[0].inptu_tokens: unknown key (did you mean 'input_tokens' or 'reasoning_tokens' or 'output_tokens'?)"),
    ("defaults: {policy: {max_rank: 0}}\nworkloads:\n  - model: x\n",
     "modelpick.yaml:1: defaults.policy.max_rank: Input should be greater than or equal to 1"),
    ("workload: []\n", "modelpick.yaml:1: workload: unknown key (did you mean 'workloads'?)"),
    ("workloads:\n  - {model: x, name: a}\n  - {model: y, name: a}\n",
     "modelpick.yaml:3: workloads[1].name: workload name 'a' is used twice"),
])
def test_bad_config(text, message):
    with pytest.raises(InputError) as err:
        parse_config_text(text, "modelpick.yaml")
    assert err.value.message == message


def test_every_sources_shutdown_date_is_a_finding(make_entry, tasks):
    """The provider says active; LiteLLM gives a shutdown date that has passed, and models.dev one to come: both
    are warnings naming their source (the status in force is still the provider's)."""
    from modelpick.registry.loader import Registry

    entry = make_entry("acme", "m", lifecycle={
        "source": "acme-page", "read": "2026-12-01", "rank": "provider", "status": "active",
        "said_on": "2026-01-01", "replacement": "n",
        "claims": [{"source": "litellm", "read": "2026-12-02", "shutdown_on": "2026-10-23"},
                   {"source": "models.dev", "read": "2026-07-02", "shutdown_on": "2026-12-20"}]})
    result = check(Registry([entry]), tasks, BASE + "  model: acme/m\n", as_of=dt.date(2026, 12, 6))
    assert [(f.rule, f.severity, f.message) for f in result.results[0].findings] == [
        ("retired", "warning", "acme/m shut down on 2026-10-23 per litellm; acme-page says active; replacement: n"),
        ("retiring", "warning", "acme/m shuts down on 2026-12-20 per models.dev, in 14 days; replacement: n"),
    ]
    assert result.results[0].status == "warn"
