"""replay: every log format's totals against sums computed here, line by line, from the registry's prices;
bad lines by number; unknown models; exit codes and exact messages."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelpick import service
from modelpick.cli import app
from modelpick.registry import load_registry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "replay"
AS_OF = dt.date(2026, 6, 1)
CANDIDATES = ["gpt-4.1-nano", "gemini-2.5-pro"]


@pytest.fixture
def invoke():
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def price(model: str, request_input: int) -> dict[str, Decimal]:
    """The prices billing one request of this input size: a tier's when the input is above its threshold."""
    entry = load_registry([]).get(model)
    schedule = entry.model.pricing.in_force(AS_OF)[0]
    chosen = schedule
    for tier in schedule.tiers:
        if request_input > tier.above_input_tokens:
            chosen = tier
    return {"input": chosen.input, "cached": chosen.cached_input if chosen.cached_input is not None else chosen.input,
            "write": chosen.cache_write if chosen.cache_write is not None else chosen.input, "output": chosen.output,
            "reasoning": chosen.reasoning if chosen.reasoning is not None else chosen.output}


def cost(model: str, inp: int, cached: int, written: int, out: int, reasoning: int, requests: int = 1) -> Decimal:
    p = price(model, inp // requests)
    return ((inp - cached - written) * p["input"] + cached * p["cached"] + written * p["write"] + out * p["output"]
            + reasoning * p["reasoning"]) / Decimal(1_000_000)


def _generic_rows(path: Path) -> list[tuple]:
    text = path.read_text().splitlines()
    rows = list(csv.DictReader(text)) if path.suffix == ".csv" else [json.loads(line) for line in text]
    return [(r["model"], int(r["input_tokens"]), int(r.get("cached_tokens") or 0), int(r.get("cache_write_tokens") or 0),
             int(r["output_tokens"]), int(r.get("reasoning_tokens") or 0), 1) for r in rows]


def _openai_rows(path: Path) -> list[tuple]:
    return [(r["model"], r["input_tokens"], r["input_cached_tokens"], 0, r["output_tokens"], 0,
             r["num_model_requests"]) for r in map(json.loads, path.read_text().splitlines())]


def _anthropic_rows(path: Path) -> list[tuple]:
    out = []
    for r in map(json.loads, path.read_text().splitlines()):
        u = r["usage"]
        total = u["input_tokens"] + u["cache_read_input_tokens"] + u["cache_creation_input_tokens"]
        out.append((r["model"], total, u["cache_read_input_tokens"], u["cache_creation_input_tokens"],
                    u["output_tokens"], 0, 1))
    return out


def _litellm_rows(path: Path) -> list[tuple]:
    out = []
    for r in csv.DictReader(path.read_text().splitlines()):
        usage = json.loads(r["metadata"]).get("usage_object", {})
        cached = usage.get("prompt_tokens_details", {}).get("cached_tokens", 0)
        reasoning = usage.get("completion_tokens_details", {}).get("reasoning_tokens", 0)
        out.append((r["model"], int(r["prompt_tokens"]), cached, 0, int(r["completion_tokens"]) - reasoning,
                    reasoning, 1))
    return out


SAMPLES = [("generic.csv", "generic", _generic_rows), ("generic.jsonl", "generic", _generic_rows),
           ("openai.jsonl", "openai", _openai_rows), ("anthropic.jsonl", "anthropic", _anthropic_rows),
           ("litellm.csv", "litellm", _litellm_rows)]


@pytest.mark.parametrize(("name", "fmt", "rows"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_totals_equal_sums_computed_line_by_line(name, fmt, rows):
    path = FIXTURES / name
    result = service.replay(path, models=CANDIDATES, as_of=AS_OF)  # the format told from the file
    expected = rows(path)
    assert result.format == fmt
    assert result.requests == sum(r[6] for r in expected)
    assert result.bad_lines == 0 and result.unknown_models == []
    served = sum(cost(r[0], *r[1:]) for r in expected)
    assert result.total.served == served
    for candidate, repriced in zip(CANDIDATES, result.total.candidates, strict=True):
        on = sum(cost(candidate, *r[1:]) for r in expected)
        assert repriced.cost == on
        assert repriced.difference == on - served
    assert sum(d.served for d in result.by_day) == served
    assert sum(m.served for m in result.by_model) == served


def test_a_long_context_request_prices_whole_at_the_tier():
    result = service.replay(FIXTURES / "generic.csv", as_of=AS_OF)
    row = next(m for m in result.by_model if m.key == "openai/gpt-5.4")
    # 300,000 input (128,000 cached) is above the 272,000 tier; 4,200 and 271,999 are not.
    tier = (Decimal(172000) * 5 + Decimal(128000) * Decimal("0.5") + 900 * Decimal("22.5") + 2400 * Decimal("22.5"))
    standard = (Decimal(4200) * Decimal("2.5") + (380 + 1536) * 15) + (Decimal(271999) * Decimal("2.5") + (1200 + 800) * 15)
    assert row.served == (tier + standard) / 1_000_000


def test_the_generic_csv_and_jsonl_samples_agree():
    a = service.replay(FIXTURES / "generic.csv", models=CANDIDATES, as_of=AS_OF)
    b = service.replay(FIXTURES / "generic.jsonl", models=CANDIDATES, as_of=AS_OF)
    assert a.total == b.total and a.by_day == b.by_day and a.by_model == b.by_model


def test_per_day_splits_on_the_date_written(tmp_path: Path):
    log = tmp_path / "u.jsonl"
    log.write_text('{"model": "gpt-4.1-nano", "input_tokens": 1000, "output_tokens": 10, "timestamp": 1748736000}\n'
                   '{"model": "gpt-4.1-nano", "input_tokens": 1000, "output_tokens": 10, '
                   '"timestamp": "2025-06-02T23:30:00-05:00"}\n')
    result = service.replay(log, as_of=AS_OF)
    assert [d.key for d in result.by_day] == ["2025-06-01", "2025-06-02"]
    assert str(result.first_day) == "2025-06-01" and str(result.last_day) == "2025-06-02"


def test_bad_lines_are_counted_and_listed_by_number(tmp_path: Path):
    good = '{"model": "gpt-4.1-nano", "input_tokens": 100, "output_tokens": 1, "timestamp": "2025-06-01"}'
    lines = [good, "not json", good, '{"model": "gpt-4.1-nano", "input_tokens": -5, "output_tokens": 1, '
             '"timestamp": "2025-06-01"}', '[1, 2]', "",
             '{"model": "gpt-4.1-nano", "input_tokens": 10, "cached_tokens": 20, "output_tokens": 1, "timestamp": "2025-06-01"}',
             '{"model": "gpt-4.1-nano", "input_tokens": 10, "output_tokens": 1, "timestamp": "June"}',
             '{"model": "gpt-4.1-nano", "input_tokens": 10, "timestamp": "2025-06-01"}']
    lines += ["{}"] * 12
    log = tmp_path / "u.jsonl"
    log.write_text("\n".join(lines) + "\n")
    result = service.replay(log, as_of=AS_OF)
    assert result.requests == 2 and result.rows == 20  # the blank line is not a row
    assert result.bad_lines == 18
    assert [(b.line, b.reason) for b in result.first_bad_lines[:7]] == [
        (2, "not valid JSON (Expecting value)"),
        (4, "input_tokens: -5 is negative"),
        (5, "not a JSON object"),
        (7, "cached (20) and cache-write (0) tokens exceed the input tokens (10) that include them"),
        (8, "timestamp: 'June' is not an ISO 8601 date or time"),
        (9, "no output_tokens"),
        (10, "no model"),
    ]
    assert len(result.first_bad_lines) == 10
    assert result.warnings[0] == "18 bad lines left out of every total (listed by number)"


def test_a_csv_row_with_too_many_fields_is_a_bad_line(tmp_path: Path):
    log = tmp_path / "u.csv"
    log.write_text("timestamp,model,input_tokens,output_tokens\n2025-06-01,gpt-4.1-nano,10,1\n"
                   "2025-06-01,gpt-4.1-nano,10,1,9\n2025-06-01,gpt-4.1-nano,x,1\n")
    result = service.replay(log, as_of=AS_OF)
    assert [(b.line, b.reason) for b in result.first_bad_lines] == [
        (3, "5 fields where the header has 4"), (4, "input_tokens: 'x' is not a whole number")]


def test_unknown_models_are_listed_with_did_you_mean_and_left_out(tmp_path: Path):
    log = tmp_path / "u.csv"
    log.write_text("timestamp,model,input_tokens,output_tokens\n2025-06-01,gpt-4.1-nano,1000,10\n"
                   "2025-06-01,gpt-4.1-nanoo,1000,10\n2025-06-02,gpt-4.1-nanoo,1000,10\n")
    result = service.replay(log, as_of=AS_OF)
    assert result.requests == 1
    assert [(u.name, u.requests) for u in result.unknown_models] == [("gpt-4.1-nanoo", 2)]
    assert "did you mean 'gpt-4.1-nano'" in result.unknown_models[0].message
    assert ("2 requests of 1 model the registry does not know left out of every total: gpt-4.1-nanoo"
            in result.warnings)


def test_every_format_is_read_with_from(tmp_path: Path):
    result = service.replay(FIXTURES / "openai.jsonl", log_format="openai", as_of=AS_OF)
    assert result.format == "openai" and result.requests == 497


@pytest.mark.parametrize(("args", "message"), [
    (["replay", "{tmp}/missing.csv"], "modelpick: error: {tmp}/missing.csv: no such file\n"),
    (["replay", "{tmp}"], "modelpick: error: {tmp}: is a folder, expected a usage log (CSV or JSON Lines)\n"),
    (["replay", "{tmp}/odd.csv"], "modelpick: error: {tmp}/odd.csv: cannot tell the log's format from its first "
     "row (keys: a, b); name it with --from openai|anthropic|litellm|generic\n"),
    (["replay", "{tmp}/bad.jsonl", "--from", "generic"], "modelpick: error: {tmp}/bad.jsonl: no line could be read: 2 bad lines "
     "(line 1: not valid JSON (Expecting value); line 2: no model)\n"),
    (["replay", str(FIXTURES / "generic.csv"), "--models", "gpt-4.1-nanoo"],
     "modelpick: error: unknown model 'gpt-4.1-nanoo' (did you mean 'gpt-4.1-nano'"),
    (["replay", str(FIXTURES / "generic.csv"), "--from", "csv"], "modelpick: error: Invalid value for '--from'"),
    (["replay", "usage log", "--sql", "duckdb"], "modelpick: error: 'usage log' is not a table name: with --sql, LOG names the log table (NAME, "
     "SCHEMA.NAME or PROJECT.SCHEMA.NAME; letters, digits and _)\n"),
])
def test_exit_2_with_one_line(invoke, tmp_path: Path, args, message):
    (tmp_path / "odd.csv").write_text("a,b\n1,2\n")
    (tmp_path / "bad.jsonl").write_text("nope\n{}\n")
    result = invoke(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert result.stderr.startswith(message.format(tmp=tmp_path))
    assert result.stdout == ""


def test_some_bad_lines_exit_0_and_say_so(invoke, tmp_path: Path):
    log = tmp_path / "u.csv"
    log.write_text("timestamp,model,input_tokens,output_tokens\n2025-06-01,gpt-4.1-nano,10,1\n2025-06-01,,10,1\n")
    result = invoke("replay", log, "--format", "plain")
    assert result.exit_code == 0
    assert "bad lines: line 3: no model" in result.stdout


def test_the_table_fits_80_columns_and_shows_every_note(invoke):
    result = CliRunner().invoke(app, ["replay", str(FIXTURES / "generic.csv"), "-m", "gpt-4.1-nano", "-m",
                                      "gemini-2.5-pro", "--format", "table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80 and "…" not in result.stdout
    assert "  on google/gemini-2.5-pro" in result.stdout
    assert "prices in force on" in result.stdout
