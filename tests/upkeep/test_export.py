"""registry export: exact rows for fixture entries, and SQL that loads and reprices a usage log."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest

from modelpick.registry.loader import Entry, Registry, load_registry
from modelpick.upkeep.export import EXPORT_FORMATS, EXPORTERS, export

AS_OF = dt.date(2026, 1, 15)

HEADER = [
    "provider", "model", "key", "name", "creator", "family", "release_date", "knowledge_cutoff",
    "context_window", "max_output_tokens",
    "input_usd_per_1m", "cached_input_usd_per_1m", "cache_write_usd_per_1m", "output_usd_per_1m",
    "reasoning_usd_per_1m",
    "batch_input_usd_per_1m", "batch_cached_input_usd_per_1m", "batch_cache_write_usd_per_1m",
    "batch_output_usd_per_1m", "batch_reasoning_usd_per_1m",
    "reasoning", "open_weights", "input_modalities", "output_modalities", "features",
    "lifecycle_status", "status_as_of", "deprecated_on", "shutdown_on", "replacement",
    "output_tokens_per_s", "ttft_s", "snapshots", "aliases", "pricing_source", "pricing_read",
    "pricing_effective_from", "tiers",
]

# Written by hand from tests/fixtures/registry/acme.yaml.
ALPHA_CSV = {
    "provider": "acme", "model": "acme-alpha", "key": "acme/acme-alpha", "name": "Acme Alpha",
    "creator": "acme", "family": "alpha", "release_date": "2025-06-01", "knowledge_cutoff": "2025-03-01",
    "context_window": "1000000", "max_output_tokens": "32000",
    "input_usd_per_1m": "1", "cached_input_usd_per_1m": "0.1", "cache_write_usd_per_1m": "1.25",
    "output_usd_per_1m": "4", "reasoning_usd_per_1m": "",
    "batch_input_usd_per_1m": "0.5", "batch_cached_input_usd_per_1m": "0.05", "batch_cache_write_usd_per_1m": "",
    "batch_output_usd_per_1m": "2", "batch_reasoning_usd_per_1m": "",
    "reasoning": "false", "open_weights": "false", "input_modalities": "text;image", "output_modalities": "text",
    "features": "tool_calling;structured_outputs;streaming;batch;prompt_caching",
    "lifecycle_status": "active", "status_as_of": "2026-01-15", "deprecated_on": "", "shutdown_on": "",
    "replacement": "", "output_tokens_per_s": "100", "ttft_s": "0.5", "snapshots": "acme-alpha-2025-06-01",
    "aliases": "alpha", "pricing_source": "https://example.invalid/fixture", "pricing_read": "2026-01-01",
    "pricing_effective_from": "",
    "tiers": '[{"above_input_tokens":200000,"input_usd_per_1m":2,"cached_input_usd_per_1m":0.2,'
             '"cache_write_usd_per_1m":2.5,"output_usd_per_1m":8,"reasoning_usd_per_1m":null,'
             '"batch_input_usd_per_1m":1,"batch_cached_input_usd_per_1m":0.1,"batch_cache_write_usd_per_1m":null,'
             '"batch_output_usd_per_1m":4,"batch_reasoning_usd_per_1m":null}]',
}
LEGACY_CSV = {
    "provider": "acme", "model": "acme-legacy", "key": "acme/acme-legacy", "name": "Acme Legacy",
    "creator": "acme", "family": "", "release_date": "", "knowledge_cutoff": "",
    "context_window": "32000", "max_output_tokens": "4000",
    "input_usd_per_1m": "0.4", "cached_input_usd_per_1m": "", "cache_write_usd_per_1m": "",
    "output_usd_per_1m": "1.2", "reasoning_usd_per_1m": "",
    "batch_input_usd_per_1m": "", "batch_cached_input_usd_per_1m": "", "batch_cache_write_usd_per_1m": "",
    "batch_output_usd_per_1m": "", "batch_reasoning_usd_per_1m": "",
    "reasoning": "false", "open_weights": "false", "input_modalities": "text", "output_modalities": "text",
    "features": "", "lifecycle_status": "retired", "status_as_of": "2026-01-15", "deprecated_on": "2024-06-01",
    "shutdown_on": "2025-01-01", "replacement": "acme-old", "output_tokens_per_s": "", "ttft_s": "",
    "snapshots": "", "aliases": "", "pricing_source": "https://example.invalid/fixture",
    "pricing_read": "2026-01-01", "pricing_effective_from": "", "tiers": "",
}
# Written by hand from tests/fixtures/registry/hostco.yaml.
REASONER_JSON = {
    "provider": "hostco", "model": "hostco-reasoner", "key": "hostco/hostco-reasoner", "name": "HostCo Reasoner",
    "creator": "hostco", "family": None, "release_date": None, "knowledge_cutoff": "2025-02-01",
    "context_window": 128000, "max_output_tokens": 16000,
    "input_usd_per_1m": 3, "cached_input_usd_per_1m": None, "cache_write_usd_per_1m": None,
    "output_usd_per_1m": 12, "reasoning_usd_per_1m": 6,
    "batch_input_usd_per_1m": None, "batch_cached_input_usd_per_1m": None, "batch_cache_write_usd_per_1m": None,
    "batch_output_usd_per_1m": None, "batch_reasoning_usd_per_1m": None,
    "reasoning": True, "open_weights": False, "input_modalities": ["text"], "output_modalities": ["text"],
    "features": ["tool_calling", "streaming"], "lifecycle_status": "preview", "status_as_of": "2026-01-15",
    "deprecated_on": None, "shutdown_on": None, "replacement": None, "output_tokens_per_s": 80, "ttft_s": 1,
    "snapshots": [], "aliases": [], "pricing_source": "https://example.invalid/fixture",
    "pricing_read": "2026-01-01", "pricing_effective_from": None, "tiers": [],
}


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def by_key(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in rows}


def load_sql(text: str) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(text)
    return db


def test_formats() -> None:
    assert EXPORT_FORMATS == tuple(EXPORTERS) == ("csv", "jsonl", "sql")


def test_csv_header_and_rows(fixture_registry: Registry) -> None:
    text = export(fixture_registry, "csv", AS_OF)
    assert text.splitlines()[0].split(",") == HEADER
    rows = csv_rows(text)
    assert [r["key"] for r in rows] == [
        "acme/acme-alpha", "acme/acme-legacy", "acme/acme-old", "acme/acme-think", "acme/shared-open",
        "hostco/acme-alpha", "hostco/hostco-reasoner", "hostco/shared-open",
    ]
    assert by_key(rows)["acme/acme-alpha"] == ALPHA_CSV
    assert by_key(rows)["acme/acme-legacy"] == LEGACY_CSV


def test_csv_is_rfc4180_with_newline_endings(fixture_registry: Registry) -> None:
    text = export(fixture_registry, "csv", AS_OF)
    assert "\r" not in text and text.endswith("\n")
    assert len(text.splitlines()) == 1 + len(fixture_registry.entries)  # no cell spans lines
    # The tiers cell holds JSON, so it is quoted with its quotes doubled.
    assert ',"[{""above_input_tokens"":200000,""input_usd_per_1m"":2,' in text


def test_jsonl_row(fixture_registry: Registry) -> None:
    lines = export(fixture_registry, "jsonl", AS_OF).splitlines()
    assert len(lines) == 8
    rows = by_key([json.loads(line) for line in lines])
    assert rows["hostco/hostco-reasoner"] == REASONER_JSON
    assert list(rows["hostco/hostco-reasoner"]) == HEADER  # keys in the fixed column order
    assert rows["acme/acme-think"]["tiers"] == [{
        "above_input_tokens": 200000, "input_usd_per_1m": 4, "cached_input_usd_per_1m": None,
        "cache_write_usd_per_1m": None, "output_usd_per_1m": 16, "reasoning_usd_per_1m": None,
        "batch_input_usd_per_1m": None, "batch_cached_input_usd_per_1m": None,
        "batch_cache_write_usd_per_1m": None, "batch_output_usd_per_1m": None, "batch_reasoning_usd_per_1m": None,
    }]
    # Money is a JSON number written without binary-float noise.
    assert '"cached_input_usd_per_1m": 0.1, ' in lines[0]
    assert '"batch_cached_input_usd_per_1m": 0.05, ' in lines[0]


def test_lifecycle_status_is_judged_on_the_as_of_date(fixture_registry: Registry) -> None:
    # acme-old: deprecated on 2025-06-01, shut down on 2026-06-01.
    def status(as_of: dt.date) -> tuple[str, str]:
        row = by_key(csv_rows(export(fixture_registry, "csv", as_of)))["acme/acme-old"]
        return row["lifecycle_status"], row["status_as_of"]

    assert status(dt.date(2025, 5, 31)) == ("active", "2025-05-31")
    assert status(dt.date(2025, 6, 1)) == ("deprecated", "2025-06-01")
    assert status(dt.date(2026, 6, 1)) == ("retired", "2026-06-01")


def test_prices_are_exact_decimals(make_entry: Callable[..., Entry]) -> None:
    registry = Registry([make_entry("p", "m", input=0.07, output=1e-7, pricing={
        "source": "fixture", "input": 0.07, "output": 1e-7, "cached_input": 15.0, "cache_write": 0.3})])
    row = csv_rows(export(registry, "csv", AS_OF))[0]
    prices = [row[c] for c in ("input_usd_per_1m", "output_usd_per_1m", "cached_input_usd_per_1m",
                               "cache_write_usd_per_1m")]
    assert prices == ["0.07", "0.0000001", "15", "0.3"]
    assert "'p/m', 'm', 'p', NULL, NULL, NULL, 1000000, 100000, 0.07, 15, 0.3, 0.0000001, NULL," in export(
        registry, "sql", AS_OF)
    line = export(registry, "jsonl", AS_OF)
    assert '"input_usd_per_1m": 0.07, "cached_input_usd_per_1m": 15, "cache_write_usd_per_1m": 0.3, ' \
           '"output_usd_per_1m": 1e-07, ' in line


def test_prices_in_force_on_the_as_of_date(make_entry: Callable[..., Entry]) -> None:
    registry = Registry([make_entry("p", "m", pricing={
        "source": "https://example.invalid/now", "read": "2026-01-02", "effective_from": "2026-01-01",
        "input": 1, "output": 2,
        "history": [{"source": "https://example.invalid/then", "read": "2025-01-02", "effective_from": "2025-01-01",
                     "input": 3, "output": 6, "tiers": [{"above_input_tokens": 1000, "input": 5, "output": 10}]}],
    })])

    def prices(as_of: dt.date) -> list[str]:
        row = csv_rows(export(registry, "csv", as_of))[0]
        return [row[c] for c in ("input_usd_per_1m", "output_usd_per_1m", "pricing_source", "pricing_read",
                                 "pricing_effective_from", "tiers")]

    assert prices(dt.date(2025, 12, 31)) == [
        "3", "6", "https://example.invalid/then", "2025-01-02", "2025-01-01",
        '[{"above_input_tokens":1000,"input_usd_per_1m":5,"cached_input_usd_per_1m":null,'
        '"cache_write_usd_per_1m":null,"output_usd_per_1m":10,"reasoning_usd_per_1m":null,'
        '"batch_input_usd_per_1m":null,"batch_cached_input_usd_per_1m":null,"batch_cache_write_usd_per_1m":null,'
        '"batch_output_usd_per_1m":null,"batch_reasoning_usd_per_1m":null}]']
    assert prices(dt.date(2026, 1, 1)) == ["1", "2", "https://example.invalid/now", "2026-01-02", "2026-01-01", ""]


def test_quotes_and_commas_in_a_name(make_entry: Callable[..., Entry]) -> None:
    name = 'O\'Brien "Large", v2'
    registry = Registry([make_entry("p", "m", name=name)])
    csv_text = export(registry, "csv", AS_OF)
    assert csv_text.splitlines()[1].startswith('p,m,p/m,"O\'Brien ""Large"", v2",p,')
    assert csv_rows(csv_text)[0]["name"] == name
    sql = export(registry, "sql", AS_OF)
    assert "'p', 'm', 'p/m', 'O''Brien \"Large\", v2', 'p'," in sql
    assert load_sql(sql).execute("SELECT name FROM models").fetchall() == [(name,)]
    assert json.loads(export(registry, "jsonl", AS_OF))["name"] == name


def test_sql_is_one_transaction_with_a_header(fixture_registry: Registry) -> None:
    lines = export(fixture_registry, "sql", AS_OF).splitlines()
    assert lines[0] == "-- modelpick 0.1.0 registry export: 8 models; lifecycle_status as of 2026-01-15."
    statements = [line for line in lines if not line.startswith("--")]
    assert statements[0] == "BEGIN;" and statements[-1] == "COMMIT;"
    assert sum(line.startswith("INSERT INTO models VALUES") for line in lines) == 8
    assert "CREATE TABLE models (" in lines and "  PRIMARY KEY (provider, model)" in lines


def test_sql_types_and_values_in_sqlite(fixture_registry: Registry) -> None:
    db = load_sql(export(fixture_registry, "sql", AS_OF))
    row = db.execute("SELECT provider, model, reasoning, open_weights, release_date, features, snapshots, "
                     "input_usd_per_1m, reasoning_usd_per_1m FROM models WHERE model = 'acme-think'").fetchone()
    assert row == ("acme", "acme-think", 1, 0, None, "tool_calling;streaming;batch", "acme-think-2025-05-01", 2, None)
    assert db.execute("SELECT * FROM model_price_tiers ORDER BY provider, model").fetchall() == [
        ("acme", "acme-alpha", 200000, 2, 0.2, 2.5, 8, None, 1, 0.1, None, 4, None),
        ("acme", "acme-think", 200000, 4, None, None, 16, None, None, None, None, None, None),
    ]


def test_model_names(fixture_registry: Registry) -> None:
    db = load_sql(export(fixture_registry, "sql", AS_OF))
    rows = db.execute("SELECT provider, name, model, kind, default_for_name FROM model_names "
                      "ORDER BY provider, name").fetchall()
    assert rows == [
        ("acme", "acme-alpha", "acme-alpha", "id", 1),  # first party: a bare acme-alpha means acme's
        ("acme", "acme-alpha-2025-06-01", "acme-alpha", "snapshot", 1),
        ("acme", "acme-legacy", "acme-legacy", "id", 1),
        ("acme", "acme-old", "acme-old", "id", 1),
        ("acme", "acme-think", "acme-think", "id", 1),
        ("acme", "acme-think-2025-05-01", "acme-think", "snapshot", 1),
        ("acme", "alpha", "acme-alpha", "alias", 1),
        ("acme", "shared-open", "shared-open", "id", 0),  # served by two, first party of neither: ambiguous
        ("hostco", "acme-alpha", "acme-alpha", "id", 0),
        ("hostco", "alpha", "acme-alpha", "alias", 0),
        ("hostco", "hostco-reasoner", "hostco-reasoner", "id", 1),
        ("hostco", "shared-open", "shared-open", "id", 0),
    ]


USAGE = """
CREATE TABLE usage (id INTEGER, provider TEXT, model TEXT, input_tokens INTEGER, cached_tokens INTEGER,
                    output_tokens INTEGER);
INSERT INTO usage VALUES
  (1, 'acme', 'alpha', 10000, 2000, 500),
  (2, 'hostco', 'acme-alpha', 1000, 0, 100),
  (3, 'acme', 'acme-think-2025-05-01', 2000, 1000, 300),
  (4, 'acme', 'no-such-model', 1000, 0, 100);
"""
REPRICE = """
SELECT u.id,
  ((u.input_tokens - u.cached_tokens) * p.input_usd_per_1m
   + u.cached_tokens * COALESCE(p.cached_input_usd_per_1m, p.input_usd_per_1m)
   + u.output_tokens * p.output_usd_per_1m) / 1000000.0
FROM usage u LEFT JOIN model_name_prices p ON p.provider = u.provider AND p.name = u.model
ORDER BY u.id
"""


def _rounded(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    # SQLite computes in binary floats; PostgreSQL and DuckDB keep NUMERIC exact.
    return [(i, None if cost is None else round(cost, 10)) for i, cost in rows]


def test_sql_reprices_a_usage_log_with_one_join(fixture_registry: Registry) -> None:
    db = load_sql(export(fixture_registry, "sql", AS_OF))
    db.executescript(USAGE)
    assert _rounded(db.execute(REPRICE).fetchall()) == [
        (1, 0.0102),    # alias of acme/acme-alpha: (8000 x 1.00 + 2000 x 0.10 + 500 x 4.00) / 1M
        (2, 0.00168),   # hostco's acme-alpha: (1000 x 1.20 + 100 x 4.80) / 1M
        (3, 0.0064),    # snapshot of acme-think, no cached price: (1000 x 2 + 1000 x 2 + 300 x 8) / 1M
        (4, None),      # unknown to the registry: left unpriced, not dropped
    ]


def test_sql_reprices_by_bare_name(fixture_registry: Registry) -> None:
    db = load_sql(export(fixture_registry, "sql", AS_OF))
    db.executescript("CREATE TABLE calls (model TEXT); "
                     "INSERT INTO calls VALUES ('alpha'), ('acme-alpha'), ('shared-open');")
    rows = db.execute("SELECT c.model, p.key, p.output_usd_per_1m FROM calls c LEFT JOIN model_name_prices p "
                      "ON p.name = c.model AND p.default_for_name ORDER BY c.model").fetchall()
    assert rows == [("acme-alpha", "acme/acme-alpha", 4), ("alpha", "acme/acme-alpha", 4),
                    ("shared-open", None, None)]


def test_sql_tier_applies_above_its_threshold(fixture_registry: Registry) -> None:
    db = load_sql(export(fixture_registry, "sql", AS_OF))
    db.executescript("CREATE TABLE usage (id INTEGER, provider TEXT, model TEXT, input_tokens INTEGER, "
                     "output_tokens INTEGER); INSERT INTO usage VALUES (1, 'acme', 'acme-alpha', 300000, 1000), "
                     "(2, 'acme', 'acme-alpha', 200000, 1000);")
    rows = db.execute("""
        SELECT u.id, (u.input_tokens * COALESCE(t.input_usd_per_1m, p.input_usd_per_1m)
                      + u.output_tokens * COALESCE(t.output_usd_per_1m, p.output_usd_per_1m)) / 1000000.0
        FROM usage u
        JOIN model_name_prices p ON p.provider = u.provider AND p.name = u.model
        LEFT JOIN model_price_tiers t ON t.provider = p.provider AND t.model = p.model
          AND t.above_input_tokens = (SELECT MAX(t2.above_input_tokens) FROM model_price_tiers t2
                                      WHERE t2.provider = p.provider AND t2.model = p.model
                                        AND t2.above_input_tokens < u.input_tokens)
        ORDER BY u.id""").fetchall()
    # Above 200,000 input tokens the whole request is billed at 2.00 / 8.00; at exactly 200,000 it is not.
    assert _rounded(rows) == [(1, 0.608), (2, 0.204)]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_deterministic(fmt: str, fixture_entry_list: list[Entry]) -> None:
    first = export(Registry(fixture_entry_list), fmt, AS_OF)
    assert export(Registry(list(reversed(fixture_entry_list))), fmt, AS_OF) == first


def test_unknown_format(fixture_registry: Registry) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml': expected one of csv, jsonl, sql"):
        export(fixture_registry, "xml", AS_OF)


def test_bundled_registry_exports_and_loads() -> None:
    registry = load_registry()
    count = len(registry.entries)
    assert count > 0
    db = load_sql(export(registry, "sql", AS_OF))
    assert db.execute("SELECT COUNT(*) FROM models").fetchone() == (count,)
    # Every entry is reachable through its own id.
    assert db.execute("SELECT COUNT(*) FROM model_name_prices WHERE kind = 'id'").fetchone() == (count,)
    assert len(csv_rows(export(registry, "csv", AS_OF))) == count
    assert len(export(registry, "jsonl", AS_OF).splitlines()) == count


def test_the_cli_offers_every_exporter() -> None:
    import inspect
    import typing

    from modelpick.cli import app

    registry = next(g.typer_instance for g in app.registered_groups if g.name == "registry")
    assert registry is not None
    command = next(c.callback for c in registry.registered_commands
                   if c.callback is not None and (c.name or c.callback.__name__) == "export")
    annotation = inspect.signature(command, eval_str=True).parameters["format"].annotation
    choices = next(arg for arg in (annotation, *typing.get_args(annotation)) if isinstance(arg, type))
    assert [member.value for member in choices] == list(EXPORTERS)
