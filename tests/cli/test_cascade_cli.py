"""`modelpick cascade` on the command line: the chain forms, exact error messages and exit codes, JSON, and the
table at 80 columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REG = ("--registry", str(FIXTURES / "registry"))
AS_OF = ("--as-of", "2026-01-15")
# acme/shared-open $0.00026 and acme/acme-alpha $0.0014 per request (see tests/test_cascade.py)
WORKLOAD = ("--task", "chat", "--input-tokens", "1000", "--output-tokens", "100", "--reasoning-tokens", "0",
            "--requests-per-day", "1000", *REG, *AS_OF)


def _json(result) -> dict:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("args", [
    ("--chain", "acme/shared-open", "acme/acme-alpha", "--escalation-rate", "0.25"),
    ("--chain", "acme/shared-open", "--chain", "acme/acme-alpha", "--escalation-rate", "0.25"),
    ("--chain", "acme/shared-open,acme/acme-alpha", "--escalation-rate", "0.25"),
    ("--primary", "acme/shared-open", "--fallback", "acme/acme-alpha", "--escalation-rate", "0.25"),
])
def test_the_chain_forms_agree(invoke, args):
    doc = _json(invoke("cascade", *args, *WORKLOAD, "--format", "json"))
    assert doc["schema_version"] and doc["mode"] == "chain"
    (c,) = doc["cascades"]
    assert c["chain"] == ["acme/shared-open", "acme/acme-alpha"]
    assert (c["per_request"], c["per_day"], c["per_month"]) == (0.00061, 0.61, 18.3)
    assert c["strongest"] == "acme/acme-alpha" and c["saving_per_month"] == 23.7


def test_three_stages_with_rates_after_one_flag_and_a_workload_file(invoke, tmp_path):
    workload = tmp_path / "w.yaml"
    workload.write_text("task: chat\ninput_tokens: 1000\noutput_tokens: 100\nreasoning_tokens: 0\n"
                        "requests_per_day: 1000\n")
    doc = _json(invoke("cascade", "--chain", "acme/shared-open", "acme/acme-alpha", "acme/acme-think",
                       "--escalation-rate", "0.5", "0.2", str(workload), *REG, *AS_OF, "--format", "json"))
    (c,) = doc["cascades"]
    assert c["escalation_rates"] == [0.5, 0.2] and c["per_month"] == 37.2
    assert doc["workload"]["input_tokens"] == 1000


@pytest.mark.parametrize("args,message", [
    (("--chain", "acme/shared-open", "acme/acme-alpha", "acme/acme-think", "--escalation-rate", "0.2"),
     "modelpick: error: --escalation-rate: 3 models make 2 hand-offs: give 2 escalation rates (one per hand-off), "
     "got 1"),
    (("--chain", "acme/shared-open", "acme/acme-alpha"),
     "modelpick: error: --escalation-rate: 2 models make 1 hand-off: give 1 escalation rate (one per hand-off), "
     "got 0"),
    (("--chain", "acme/shared-open", "acme/acme-alpha", "--escalation-rate", "1.5"),
     "modelpick: error: --escalation-rate: 1.5 is not a share of requests: give a rate from 0 to 1"),
    (("--chain", "acme/shared-open", "acme/acme-alpha", "--escalation-rate", "-0.1"),
     "modelpick: error: --escalation-rate: -0.1 is not a share of requests: give a rate from 0 to 1"),
    (("--chain", "acme/shared-open", "acme/acme-alpha", "--escalation-rate", "lots"),
     "modelpick: error: --escalation-rate: not a number: 'lots'"),
    (("--chain", "acme-alpa", "acme/acme-think", "--escalation-rate", "0.2"),
     "modelpick: error: unknown model 'acme-alpa' (did you mean 'acme-alpha' or 'acme/acme-alpha' or 'acme-old'?); "
     "`modelpick models` lists them"),
    (("--chain", "acme/shared-open", "--escalation-rate", "0.2"),
     "modelpick: error: --chain: a cascade needs two or more models, got 1"),
    (("--primary", "acme/shared-open", "--escalation-rate", "0.2"),
     "modelpick: error: --fallback: --primary and --fallback go together"),
    (("--chain", "acme/shared-open", "acme/acme-alpha", "--primary", "acme/acme-think", "--escalation-rate", "0.2"),
     "modelpick: error: --chain: give either --chain or --primary and --fallback, not both"),
    (("--depth", "4",), "modelpick: error: --depth: 4 is not one of 2, 3 (pairs or triples)"),
])
def test_errors_are_one_line_and_exit_2(invoke, args, message):
    result = invoke("cascade", *args, *WORKLOAD)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_a_stray_argument_is_an_error(invoke):
    result = invoke("cascade", "acme/acme-alpha", *WORKLOAD)
    assert result.exit_code == 2
    assert result.stderr == ("modelpick: error: unexpected argument 'acme/acme-alpha': name one workload file, the "
                             "models with --chain A B ... (or --primary and --fallback) and the rates with "
                             "--escalation-rate\n")


def test_search_exits_1_when_nothing_fits(invoke):
    result = invoke("cascade", "--task", "chat", "--min-context", "99000000", *REG, *AS_OF, "--format", "plain")
    assert result.exit_code == 1
    assert "no entry fits this workload, so no cascade either" in result.stdout


@pytest.mark.parametrize("args", [
    ("--chain", "gpt-4.1-nano", "gpt-4.1-mini", "gpt-4.1", "--escalation-rate", "0.2", "0.5"),
    ("--depth", "3"),
    (),
])
def test_the_table_fits_80_columns_and_says_every_caveat(invoke, args):
    result = invoke("cascade", "ticket-triage", *args, "--as-of", "2026-01-15", "--format", "table",
                    env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    text = " ".join(result.stdout.split())
    assert "assumption: expected quality assumes" in text and "shuts down on" in text
    doc = _json(invoke("cascade", "ticket-triage", *args, "--as-of", "2026-01-15", "--format", "json"))
    for c in doc["cascades"]:
        for stage in c["stages"]:
            for warning in stage["warnings"]:
                assert " ".join(warning.split()) in text


def test_a_stage_that_does_not_fit_is_shown(invoke):
    result = invoke("cascade", "--chain", "acme/shared-open", "acme/acme-alpha", "--escalation-rate", "0.2",
                    "--needs", "tool_calling", *WORKLOAD, "--format", "plain", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "NO: a stage fails its hard rules" in result.stdout
    assert "acme/shared-open does not fit: " in result.stdout


def test_csv_has_one_row_per_stage(invoke):
    import csv
    import io

    result = invoke("cascade", "--chain", "acme/shared-open", "acme/acme-alpha", "--escalation-rate", "0.25",
                    *WORKLOAD, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["model"] for r in rows] == ["shared-open", "acme-alpha"]
    assert {r["per_month"] for r in rows} == {"18.3"}
    assert [r["stage_per_request"] for r in rows] == ["0.00026", "0.0014"]
