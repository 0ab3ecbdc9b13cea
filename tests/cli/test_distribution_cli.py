"""Token counts as distributions from the command line and the Python API: errors (exit 2, one line, key
path and line), the JSON's additive fields, and every format of recommend, compare and cost."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import modelpick
from modelpick.cli import app
from modelpick.errors import InputError

runner = CliRunner()
AS_OF = "2026-07-01"
PREFIX = "modelpick: error: "


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(*args: Any) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def user_error(*args: Any) -> str:
    result = run(*args)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(PREFIX)
    return result.stderr.strip()[len(PREFIX):]


@pytest.mark.parametrize(("body", "message"), [
    ("input_tokens: {p50: 800, p95: 400}", "w.yaml:2: input_tokens: p95 (400) must be at least p50 (800)"),
    ("output_tokens:\n  mean: 1000\n  p95: 5000",
     "w.yaml:2: output_tokens: no log-normal has a p95 of 5.00x its mean (at most 3.87x): give p50 and p95 instead"),
    ("input_tokens:\n  p50: 800\n  p95: 0", "w.yaml:4: input_tokens.p95: Input should be greater than 0"),
    ("input_tokens: {p50: 800}", "w.yaml:2: input_tokens.p95: required key is missing"),
    ("input_tokens: {p50: 8, mean: 9, p95: 10}", "w.yaml:2: input_tokens: give p50 or mean, and p95"),
    ("reasoning_tokens: {p90: 8, p95: 10}", "w.yaml:2: reasoning_tokens.p90: unknown key (did you mean 'p95' or 'p50'?)"),
    ("input_tokens: -5", "w.yaml:2: input_tokens: Input should be greater than or equal to 0"),
])
def test_bad_distribution_in_a_file(body: str, message: str) -> None:
    Path("w.yaml").write_text(f"task: chat\n{body}\n")
    assert user_error("recommend", "w.yaml", "--as-of", AS_OF) == message


def test_bad_distribution_in_the_python_api() -> None:
    with pytest.raises(InputError) as caught:
        modelpick.recommend({"task": "chat", "input_tokens": {"p50": 800, "p95": 400}})
    assert str(caught.value) == "input_tokens: p95 (400) must be at least p50 (800)"


def test_python_api_takes_a_distribution() -> None:
    result = modelpick.recommend({"task": "chat", "input_tokens": {"p50": 800, "p95": 4000}}, top=2,
                                 as_of=__import__("datetime").date(2026, 7, 1))
    assert result.workload["input_tokens"] == {"p50": 800, "p95": 4000}
    assert any(n.startswith("fit judged at p95 tokens: 4,000 in + ") for n in result.notes)
    first = result.ranking[0].cost
    assert first.p95 is not None and first.tokens.distribution is not None
    assert first.tokens.input == 1291  # the fitted mean, 800 x exp(s^2 / 2), rounded


def test_json_adds_fields_for_distributions_only() -> None:
    result = run("cost", "gemini-2.5-pro", "long-tail-rag", "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stderr
    cost = json.loads(result.stdout)["cost"]
    assert set(cost["p95"]) == {"per_request", "per_day", "per_month", "tokens", "tier", "sd_per_request",
                                "definition"}
    assert cost["p95"]["tokens"]["input"] == 150_000 and cost["p95"]["per_month"] > cost["per_month"]
    assert [t["above_input_tokens"] for t in cost["tier_shares"]] == [200_000]
    assert 0 < cost["tier_shares"][0]["share"] < 0.05
    assert set(cost["overflow_share"]) == {"context_window", "max_output"}
    assert cost["tokens"]["distribution"]["input"]["given"] == {"p50": 12000, "p95": 150000}
    assert cost["derived"].startswith("derived: expected over the fitted token distributions")
    plain = json.loads(run("cost", "gemini-2.5-pro", "ticket-triage", "--as-of", AS_OF, "--format", "json").stdout)
    assert not {"p95", "tier_shares", "overflow_share", "derived"} & set(plain["cost"])
    assert "distribution" not in plain["cost"]["tokens"]


def test_csv_adds_columns_for_distributions_only() -> None:
    rows = list(csv.DictReader(io.StringIO(run("recommend", "long-tail-rag", "--as-of", AS_OF, "--format",
                                               "csv").stdout)))
    assert rows and all(r["p95_per_month"] and r["overflow_context_window_share"] for r in rows)
    header = run("recommend", "ticket-triage", "--as-of", AS_OF, "--format", "csv").stdout.splitlines()[0]
    assert "p95_per_month" not in header


@pytest.mark.parametrize("command", [["recommend", "--top", "3"], ["compare", "gemini-2.5-pro", "gpt-4.1"],
                                     ["cost", "gemini-2.5-pro"]])
@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "csv", "json"])
def test_every_format(command: list[str], fmt: str) -> None:
    args = [*command[:1], *command[1:], "examples/long-tail-rag.yaml"] if command[0] != "recommend" else \
        [command[0], "long-tail-rag", *command[1:]]
    result = run(*args, "--as-of", AS_OF, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt in ("table", "plain", "markdown"):
        assert "fit judged at p95 tokens: 150,000 in + 1,500 out" in result.stdout
    if fmt in ("table", "plain", "markdown") and command[0] == "cost":
        assert "p95 request" in result.stdout and "tier share: 3.3% >200,000 input tokens" in result.stdout
