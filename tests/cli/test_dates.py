"""Dates modelpick cannot reason about (issue 12, item 6): --as-of outside 1970-01-01..9000-12-31 is exit 2
with one line; a horizon added to a date stops at date.max; an --as-of before an entry's release date is a
warning on that entry, not silence."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from modelpick.cli.options import AS_OF_RANGE
from modelpick.gate import _lifecycle_findings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REGISTRY = ("--registry", FIXTURES / "registry")
CONFIG = FIXTURES / "check" / "modelpick.yaml"
WORKLOAD = ("--task", "chat", "--input-tokens", "1000", "--output-tokens", "100", "--provider", "acme")


def _commands(tmp: Path) -> list[tuple[object, ...]]:
    """Every command taking --as-of (registry validate reads the registry folder as its argument; registry audit
    has its own --as-of, checked the same way)."""
    return [("recommend", *WORKLOAD, *REGISTRY), ("compare", "acme/acme-alpha", "acme/acme-think", *WORKLOAD, *REGISTRY),
            ("cost", "acme/acme-alpha", *WORKLOAD, *REGISTRY), ("show", "acme/acme-alpha", *REGISTRY),
            ("models", *REGISTRY), ("check", "--config", CONFIG, *REGISTRY), ("scan", tmp, *REGISTRY),
            ("registry", "validate", FIXTURES / "registry"),
            ("registry", "audit", "--against", FIXTURES / "foreign" / "models-dev-resolved.json", "--from",
             "models.dev", *REGISTRY),
            ("init", "--model", "acme/acme-alpha", "--path", tmp / "modelpick.yaml", *REGISTRY)]


def test_the_range_is_the_documented_one():
    assert AS_OF_RANGE == (dt.date(1970, 1, 1), dt.date(9000, 12, 31))


@pytest.mark.parametrize("day", ["9999-12-31", "9001-01-01", "0001-01-01", "1969-12-31"])
def test_an_as_of_outside_the_range_is_one_line_and_exit_2(invoke, tmp_path, day):
    for command in _commands(tmp_path):
        result = invoke(*command, "--as-of", day)
        assert result.exit_code == 2, (command, result.stderr)
        assert result.stderr == (f"modelpick: error: Invalid value for '--as-of': {day} is outside the dates "
                                 "modelpick reasons about (1970-01-01..9000-12-31)\n"), command
        assert result.stdout == ""
    assert not (tmp_path / "modelpick.yaml").exists()


@pytest.mark.parametrize("day", ["1970-01-01", "9000-12-31"])
def test_the_ends_of_the_range_are_accepted(invoke, tmp_path, day):
    result = invoke("scan", tmp_path, *REGISTRY, "--as-of", day, "--retirement-warning-days", "3650")
    assert result.exit_code == 0, result.stderr
    result = invoke("check", "--config", CONFIG, *REGISTRY, "--as-of", day, "--format", "json")
    assert result.exit_code in (0, 1) and json.loads(result.stdout)["as_of"] == day, result.stderr


def test_a_retirement_horizon_past_the_calendar_stops_at_date_max(invoke, tmp_path):
    (tmp_path / "app.py").write_text('MODEL = "acme-old"\n')
    result = invoke("scan", tmp_path, *REGISTRY, "--as-of", "2025-07-01", "--format", "json",
                    "--retirement-warning-days", str(10**12))
    assert result.exit_code == 0, result.stderr
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["status"] in ("deprecated", "retiring"), finding


def test_checks_horizon_clamps_at_date_max(fixture_registry):
    """check's retirement_warning_days added to --as-of never runs past the calendar (acme-old shuts down on
    2026-06-01, so the horizon is computed)."""
    [old] = [e for e in fixture_registry.entries if e.model.id == "acme-old"]
    rules = [f.rule for f in _lifecycle_findings(old, dt.date(2026, 5, 1), 10**9)]  # timedelta's own limit
    assert rules == ["deprecated", "retiring"]


def _warnings(entries: list[dict], model: str) -> list[str]:
    [entry] = [e for e in entries if f"{e['provider']}/{e['model']}" == model]
    return entry["warnings"]


def test_an_as_of_before_the_release_date_is_a_warning_on_the_entry(invoke):
    note = "not released until 2025-06-01 (as of 2025-01-15)"
    early = ("--as-of", "2025-01-15", "--format", "json", *REGISTRY)
    recommend = json.loads(invoke("recommend", *WORKLOAD, *early).stdout)
    assert note in _warnings(recommend["ranking"], "acme/acme-alpha")
    compare = json.loads(invoke("compare", "acme/acme-alpha", "acme/acme-think", *WORKLOAD, *early).stdout)
    assert note in _warnings(compare["models"], "acme/acme-alpha")
    cost = json.loads(invoke("cost", "acme/acme-alpha", *WORKLOAD, *early).stdout)
    assert note in cost["warnings"]
    later = json.loads(invoke("cost", "acme/acme-alpha", *WORKLOAD, *REGISTRY, "--as-of", "2025-06-01",
                              "--format", "json").stdout)
    assert not any("not released" in w for w in later["warnings"])
    plain = invoke("recommend", *WORKLOAD, *REGISTRY, "--as-of", "2025-01-15", "--format", "plain")
    assert plain.exit_code == 0 and "not released until 2025-06-01 (as of 2025-01-15)" in " ".join(plain.stdout.split())
