"""replay --sql: the duckdb query run in DuckDB over `registry export --format sql` and the generic sample
gives replay's totals to the cent; every dialect's query parses in that dialect. profile: p50/p95, ratios and
requests per day computed here; the file it writes feeds recommend; never over a file without --force."""

from __future__ import annotations

import csv
import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelpick import service
from modelpick.cli import app
from modelpick.replay.sql import DIALECTS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "replay"
REGISTRY = Path(__file__).resolve().parent.parent / "fixtures" / "registry"
CANDIDATES = ["gpt-4.1-nano", "gemini-2.5-pro", "acme/acme-alpha"]
CENT = Decimal("0.01")
runner = CliRunner()


def _cli(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def test_the_duckdb_query_gives_replays_totals_to_the_cent():
    duckdb = pytest.importorskip("duckdb")
    as_of = dt.date.today()  # the export's prices and replay's: the same day
    export = _cli("registry", "export", "--format", "sql", "--registry", REGISTRY, "--as-of", as_of)
    query = _cli("replay", "usage_log", "--sql", "duckdb", *(a for m in CANDIDATES for a in ("--models", m)),
                 "--registry", REGISTRY)
    assert export.exit_code == 0 and query.exit_code == 0, export.stderr + query.stderr
    con = duckdb.connect()
    con.execute(export.stdout)
    con.execute(f"CREATE TABLE usage_log AS SELECT * FROM read_csv('{FIXTURES / 'generic.csv'}')")
    totals: dict[tuple[str, str], Decimal] = {}
    by_day: dict[str, Decimal] = {}
    for priced_as, model, day, _requests, cost in con.execute(query.stdout).fetchall():
        totals[(priced_as, model)] = totals.get((priced_as, model), Decimal(0)) + cost
        if priced_as == "served":
            by_day[day.isoformat()] = by_day.get(day.isoformat(), Decimal(0)) + cost
    result = service.replay(FIXTURES / "generic.csv", models=CANDIDATES, registry=[REGISTRY], as_of=as_of)
    for row in result.by_model:
        assert totals[("served", row.key)].quantize(CENT) == row.served.quantize(CENT)
        assert totals[("served", row.key)] == row.served  # exact, in fact: DuckDB's DECIMAL is exact
    for repriced in result.total.candidates:
        assert totals[("candidate", repriced.model)] == repriced.cost
    assert {d.key: d.served for d in result.by_day} == by_day


@pytest.mark.parametrize("dialect", DIALECTS)
def test_each_dialects_query_parses_in_that_dialect(dialect):
    import sqlglot

    text = service.replay_sql("analytics.usage_log", dialect, models=["gpt-4.1-nano", "claude-haiku-4-5"])
    parsed = sqlglot.parse_one(text, read=dialect)
    assert parsed.find(sqlglot.exp.Table) is not None
    tables = {t.name for t in parsed.find_all(sqlglot.exp.Table)}
    assert {"usage_log", "model_names", "models", "model_price_tiers"} <= tables
    assert "'openai'" in text and "'gpt-4.1-nano'" in text and "'claude-haiku-4-5'" in text


def _nearest_rank(values: list[int], p: int) -> int:
    ordered = sorted(values)
    return ordered[math.ceil(len(ordered) * p / 100) - 1]


def test_profile_figures_computed_independently():
    rows = list(csv.DictReader((FIXTURES / "generic.csv").read_text().splitlines()))
    inputs = [int(r["input_tokens"]) for r in rows]
    outputs = [int(r["output_tokens"]) for r in rows]
    result = service.profile(FIXTURES / "generic.csv")
    assert (result.input_tokens.p50, result.input_tokens.p95) == (_nearest_rank(inputs, 50), _nearest_rank(inputs, 95))
    assert (result.output_tokens.p50, result.output_tokens.p95) == (_nearest_rank(outputs, 50),
                                                                    _nearest_rank(outputs, 95))
    assert (result.input_tokens.p50, result.input_tokens.p95) == (1850, 300000)
    cached = sum(int(r["cached_tokens"]) for r in rows)
    assert result.cached_input_ratio == math.floor(cached / sum(inputs) * 10_000) / 10_000
    assert result.requests_per_day == 4  # 12 requests over 2025-06-01..2025-06-03
    assert result.most_used_model == "openai/gpt-4.1-mini" and result.most_used_requests == 5
    assert "input_tokens: {p50: 1850, p95: 300000}\n" in result.text
    assert "# Most used model: openai/gpt-4.1-mini (5 of 12 requests, 42%).\n" in result.text
    # Most requests have no reasoning: a median of 0, through which no log-normal passes: the mean is written.
    reasoning = [int(r["reasoning_tokens"]) for r in rows]
    assert f"reasoning_tokens: {round(sum(reasoning) / len(reasoning))}\n" in result.text


def test_profile_writes_a_workload_that_recommend_reads(tmp_path: Path):
    out = tmp_path / "workload.yaml"
    result = _cli("profile", FIXTURES / "anthropic.jsonl", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"modelpick: wrote {out}: 5 requests over 2 days")
    text = out.read_text()
    assert "input_tokens: {p50: 4296, p95: 6600}\n" in text and "cache_write_ratio: 0.308\n" in text
    recommended = _cli("recommend", out, "--top", "1", "--format", "json")
    assert recommended.exit_code == 0, recommended.stderr
    assert '"p95": 6600' in recommended.stdout


def test_profile_to_stdout_and_never_over_a_file(tmp_path: Path):
    shown = _cli("profile", FIXTURES / "litellm.csv")
    assert shown.exit_code == 0 and shown.stdout.startswith("# Derived by `modelpick profile` from litellm.csv")
    out = tmp_path / "w.yaml"
    out.write_text("keep\n")
    refused = _cli("profile", FIXTURES / "litellm.csv", "-o", out)
    assert refused.exit_code == 2
    assert refused.stderr == f"modelpick: error: {out}: already exists; --force overwrites it\n"
    assert out.read_text() == "keep\n"
    assert _cli("profile", FIXTURES / "litellm.csv", "-o", out, "--force").exit_code == 0
    assert out.read_text() == shown.stdout


def test_profile_writes_nothing_on_an_error(tmp_path: Path):
    log = tmp_path / "u.csv"
    log.write_text("timestamp,model,input_tokens,output_tokens\n2025-06-01,,10,1\n")
    out = tmp_path / "w.yaml"
    result = _cli("profile", log, "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f"modelpick: error: {log}: no line could be read: 1 bad line (line 2: no model)\n"
    assert not out.exists()
