"""`modelpick frontier` and `modelpick breakeven` on the command line: exit codes, exact error lines, 80 columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registry"
AS_OF = ("--as-of", "2026-11-21")
PAIR = ("--between", "gpt-4.1-nano", "gpt-5-nano")


@pytest.mark.parametrize(("args", "message"), [
    (("ticket-triage",), "modelpick: error: Missing option '--between'."),
    (("ticket-triage", "--between", "gpt-5-nano"), "modelpick: error: Option '--between' requires 2 arguments."),
    (("ticket-triage", "--between", "gpt-5-nano", "gpt-5-nano"),
     "modelpick: error: --between: name two different models: 'gpt-5-nano' twice"),
    (("ticket-triage", "--between", "gpt-5-nano", "openai/gpt-5-nano"),
     "modelpick: error: --between: name two different models: both name openai/gpt-5-nano"),
    (("ticket-triage", "--between", "gpt-5-nanoo", "gpt-4.1-nano"),
     "modelpick: error: unknown model 'gpt-5-nanoo' (did you mean 'gpt-5-nano' or 'gpt-5.4-nano' or 'gpt-4.1-nano'?); "
     "`modelpick models` lists them"),
])
def test_breakeven_errors(invoke, args: tuple[str, ...], message: str) -> None:
    result = invoke("breakeven", *AS_OF, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [message]


def test_breakeven_json_and_plain(invoke) -> None:
    result = invoke("breakeven", "ticket-triage", *PAIR, *AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] and data["a"]["model"] == "gpt-4.1-nano" and data["b"]["model"] == "gpt-5-nano"
    assert [p["parameter"] for p in data["parameters"]] == ["requests_per_day", "cached_input_ratio", "output_tokens",
                                                            "batch_share"]
    plain = invoke("breakeven", "ticket-triage", *PAIR, *AS_OF, "--format", "plain", env={"COLUMNS": "80"})
    lines = plain.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    assert "requests per day    200,000  never" in plain.stdout
    assert "requests per day: never: both costs scale linearly with volume" in plain.stdout


@pytest.mark.parametrize("fmt", ["table", "plain"])
def test_frontier_fits_80_columns(invoke, fmt: str) -> None:
    result = invoke("frontier", "ticket-triage", *AS_OF, "--format", fmt, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "cost/quality chart" in result.stdout and "+: also on the cost/speed frontier" in result.stdout


def test_frontier_exit_1_when_nothing_can_be_charted(invoke) -> None:
    result = invoke("frontier", "--task", "chat", "--min-context", "99000000", *AS_OF, "--format", "plain")
    assert result.exit_code == 1
    assert "nothing to chart" in result.stdout


def test_only_frontier_offers_svg(invoke) -> None:
    result = invoke("recommend", "ticket-triage", "--format", "svg")
    assert result.exit_code == 2 and "'svg' is not one of" in result.stderr
    result = invoke("breakeven", "ticket-triage", *PAIR, "--format", "svg")
    assert result.exit_code == 2


def test_between_completes_model_names(invoke) -> None:
    import inspect
    import typing

    from modelpick.cli import completion
    from modelpick.cli import frontier as frontier_cli

    assert "--between A B" in invoke("breakeven", "--help").stdout
    annotation = inspect.signature(frontier_cli.breakeven, eval_str=True).parameters["between"].annotation
    assert typing.get_args(annotation)[1].autocompletion is completion.models
