"""`registry export`: the active registry as flat rows for spreadsheets and warehouses.

One row per entry, in Registry.entries order, with the same columns in every format (MODEL_COLUMNS).
Prices are the price list in force on `as_of` (pricing_effective_from says from when, where known), in
USD per 1M tokens, written as the exact decimals the YAML gives (never binary-float text);
unknown or not offered is an empty CSV cell, JSON null or SQL NULL. The raw prices are exported, not
modelpick's fallbacks, so a consumer applying them needs the billing rules cost_model.py applies:

- no `cached_input` price: cached tokens are billed at `input`; no `cache_write` price: writes at `input`;
  no `reasoning` price: reasoning tokens at `output`;
- a batch request without batch prices pays standard prices;
- a long-context tier applies to the whole request when its input is above `above_input_tokens` (the
  highest such tier wins), and its own batch prices (if any) replace the tier's.

Lists (modalities, features, snapshots, aliases) are ";"-joined text in CSV and SQL, arrays in JSONL.

Tiers: in SQL a table of their own; in JSONL a nested `tiers` list. In CSV a `tiers` cell holds the same
list as compact JSON (empty when the entry has no tiers): a flat row cannot hold a variable number of tiers
without either a fixed group of columns per tier (wide, mostly empty, and wrong once a provider adds one
more tier) or one row per tier (which breaks one row per entry); spreadsheets can ignore the cell and
warehouses parse JSON in a column.

SQL (SQLite, DuckDB, PostgreSQL): only TEXT, INTEGER, NUMERIC(20,10), BOOLEAN and DATE; plain string
literals for dates (SQLite has no DATE '...' literal); one transaction. Tables:

- `models`: MODEL_COLUMNS, PRIMARY KEY (provider, model).
- `model_price_tiers`: provider, model and TIER_COLUMNS, PRIMARY KEY (provider, model, above_input_tokens).
- `model_names`: provider, model, name, kind (id | snapshot | alias), default_for_name; one row per name
  a request can give, PRIMARY KEY (provider, name). default_for_name is TRUE on the row modelpick picks
  when the name comes without a provider (the only entry with it, or the only first-party one).
- view `model_name_prices`: model_names joined to the models' prices, so a usage log whose rows carry
  (provider, model name as sent) reprices with one join.

CREATE TABLE is written without IF NOT EXISTS, and nothing is dropped: loading into a database that already
has these tables fails on the first statement, inside the transaction, so nothing is half-loaded, mixed
with an older export or silently kept on an older table definition; and a user's own `models` table is
never dropped. Refresh by dropping the view and three tables first, or by loading into a fresh schema.
(PostgreSQL has no CREATE VIEW IF NOT EXISTS either, so the view could not use it anyway.)

In SQLite a NUMERIC column stores a whole-number price as an integer, so repricing queries divide by
1000000.0 rather than 1000000 (the header comment says so); PostgreSQL and DuckDB keep NUMERIC exact.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from modelpick import __version__
from modelpick.errors import AmbiguousModelError, UnknownModelError
from modelpick.registry.lifecycle import status_on
from modelpick.registry.loader import Entry, Registry
from modelpick.registry.schema import Cited, PriceSet
from modelpick.report import money_number
from modelpick.upkeep.formats import EXPORT_WRITERS

PRICE_FIELDS = ("input", "cached_input", "cache_write", "output", "reasoning")
NUMERIC = "NUMERIC(20,10)"


def _price_columns(prefix: str = "", required: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(f"{prefix}{field}_usd_per_1m", f"{NUMERIC} NOT NULL" if field in required else NUMERIC)
            for field in PRICE_FIELDS]


# Every price set has input and output; batch prices are absent when the provider offers no batch API.
_REQUIRED = ("input", "output")


# (column, SQL type). List columns are TEXT in SQL; the value's Python type decides how each format
# writes it.
MODEL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("provider", "TEXT NOT NULL"),
    ("model", "TEXT NOT NULL"),
    ("key", "TEXT NOT NULL"),
    ("name", "TEXT NOT NULL"),
    ("creator", "TEXT NOT NULL"),
    ("family", "TEXT"),
    ("release_date", "DATE"),
    ("knowledge_cutoff", "DATE"),
    ("context_window", "INTEGER NOT NULL"),
    ("max_output_tokens", "INTEGER NOT NULL"),
    *_price_columns(required=_REQUIRED),
    *_price_columns("batch_"),
    ("reasoning", "BOOLEAN NOT NULL"),
    ("open_weights", "BOOLEAN NOT NULL"),
    ("input_modalities", "TEXT NOT NULL"),
    ("output_modalities", "TEXT NOT NULL"),
    ("features", "TEXT NOT NULL"),
    ("lifecycle_status", "TEXT NOT NULL"),
    ("status_as_of", "DATE NOT NULL"),
    ("deprecated_on", "DATE"),
    ("shutdown_on", "DATE"),
    ("replacement", "TEXT"),
    ("output_tokens_per_s", NUMERIC),
    ("ttft_s", NUMERIC),
    ("snapshots", "TEXT NOT NULL"),
    ("aliases", "TEXT NOT NULL"),
    ("pricing_source", "TEXT NOT NULL"),
    ("pricing_read", "DATE"),
    ("pricing_effective_from", "DATE"),
)
TIER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("above_input_tokens", "INTEGER NOT NULL"),
    *_price_columns(required=_REQUIRED),
    *_price_columns("batch_"),
)
NAME_COLUMNS: tuple[tuple[str, str], ...] = (
    ("provider", "TEXT NOT NULL"),
    ("model", "TEXT NOT NULL"),
    ("name", "TEXT NOT NULL"),
    ("kind", "TEXT NOT NULL"),
    ("default_for_name", "BOOLEAN NOT NULL"),
)
_PRICE_COLUMN_NAMES = [c for c, _ in _price_columns() + _price_columns("batch_")]


def _prices(prices: PriceSet | None, prefix: str = "") -> dict[str, Decimal | None]:
    return {f"{prefix}{f}_usd_per_1m": getattr(prices, f) if prices else None for f in PRICE_FIELDS}


def _float(value: float | None) -> Decimal | None:
    # str() of a float is its shortest round-trip text, so 0.3 stays 0.3 rather than 0.299999...
    return None if value is None else Decimal(str(value))


def model_row(entry: Entry, as_of: dt.date) -> dict[str, Any]:
    """One entry's MODEL_COLUMNS values (plus `tiers`), as Python values: str, int, Decimal, bool, date,
    list[str] or None."""
    m = entry.model
    life, perf = m.lifecycle, m.performance
    # The price list in force on `as_of`, as cost_model.py bills it (a dated history may hold several).
    pricing, _ = m.pricing.in_force(as_of)
    cited = entry.cite(pricing) if isinstance(pricing, Cited) else entry.cite(m.pricing)
    row: dict[str, Any] = {
        "provider": entry.provider,
        "model": m.id,
        "key": entry.key,
        "name": m.name,
        "creator": m.creator,
        "family": m.family,
        "release_date": m.release_date.value if m.release_date else None,
        "knowledge_cutoff": m.knowledge_cutoff.value if m.knowledge_cutoff else None,
        "context_window": m.context_window.value,
        "max_output_tokens": m.max_output_tokens.value,
        **_prices(pricing),
        **_prices(pricing.batch, "batch_"),
        "reasoning": m.reasoning,
        "open_weights": m.open_weights,
        "input_modalities": list(m.modalities.input),
        "output_modalities": list(m.modalities.output),
        "features": list(m.features.values),
        "lifecycle_status": status_on(entry, as_of)[0],
        "status_as_of": as_of,
        "deprecated_on": life.deprecated_on if life else None,
        "shutdown_on": life.shutdown_on if life else None,
        "replacement": life.replacement if life else None,
        "output_tokens_per_s": _float(perf.output_tokens_per_s) if perf else None,
        "ttft_s": _float(perf.ttft_s) if perf else None,
        "snapshots": list(m.snapshots),
        "aliases": list(m.aliases),
        "pricing_source": cited["url"],
        "pricing_read": dt.date.fromisoformat(cited["read"]) if cited["read"] else None,
        "pricing_effective_from": getattr(pricing, "effective_from", None),
    }
    row["tiers"] = [tier_row(t) for t in pricing.tiers]
    return row


def tier_row(tier: Any) -> dict[str, Any]:
    return {"above_input_tokens": tier.above_input_tokens, **_prices(tier), **_prices(tier.batch, "batch_")}


def name_rows(registry: Registry) -> list[dict[str, Any]]:
    """Every (provider, name) a request can give -> its entry, resolved as Registry.get resolves
    PROVIDER/NAME: an entry's own id wins, then the first entry (in registry order) that lists the name."""
    ids = {(e.provider, e.id) for e in registry.entries}
    claimed: set[tuple[str, str]] = set()
    rows = []
    for entry in registry.entries:
        names = [(entry.id, "id"), *((s, "snapshot") for s in entry.model.snapshots),
                 *((a, "alias") for a in entry.model.aliases)]
        for name, kind in names:
            slot = (entry.provider, name)
            if slot in claimed or (kind != "id" and slot in ids):
                continue
            claimed.add(slot)
            rows.append({"provider": entry.provider, "model": entry.id, "name": name, "kind": kind,
                         "default_for_name": _bare_default(registry, name) == entry.key})
    return rows


def _bare_default(registry: Registry, name: str) -> str | None:
    try:
        return registry.get(name).key
    except (AmbiguousModelError, UnknownModelError):
        return None


# --- CSV ---------------------------------------------------------------------------------------------

def decimal_text(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 1.0 -> 1, 0.10 -> 0.1, 1E+2 -> 100."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return money_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def _csv(registry: Registry, as_of: dt.date) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = [c for c, _ in MODEL_COLUMNS]
    writer.writerow([*columns, "tiers"])
    for entry in registry.entries:
        row = model_row(entry, as_of)
        tiers = json.dumps(_json_value(row["tiers"]), separators=(",", ":")) if row["tiers"] else ""
        writer.writerow([*(_csv_cell(row[c]) for c in columns), tiers])
    return out.getvalue()


# --- JSONL -------------------------------------------------------------------------------------------

def _jsonl(registry: Registry, as_of: dt.date) -> str:
    lines = [json.dumps(_json_value(model_row(e, as_of)), ensure_ascii=False) for e in registry.entries]
    return "".join(line + "\n" for line in lines)


# --- SQL ---------------------------------------------------------------------------------------------

def sql_literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return f"'{value.isoformat()}'"
    if isinstance(value, list):
        value = ";".join(value)
    return "'" + str(value).replace("'", "''") + "'"


def _create(table: str, columns: tuple[tuple[str, str], ...], key: str) -> str:
    body = [f"  {name} {sql_type}," for name, sql_type in columns]
    return "\n".join([f"CREATE TABLE {table} (", *body, f"  PRIMARY KEY ({key})", ");"])


def _insert(table: str, columns: list[str], row: dict[str, Any]) -> str:
    return f"INSERT INTO {table} VALUES ({', '.join(sql_literal(row[c]) for c in columns)});"


_VIEW = (
    "CREATE VIEW model_name_prices AS\n"
    "SELECT n.provider, n.name, n.kind, n.default_for_name, m.model, m.key, m.lifecycle_status,\n"
    + "".join(f"  m.{c},\n" for c in _PRICE_COLUMN_NAMES[:-1])
    + f"  m.{_PRICE_COLUMN_NAMES[-1]}\n"
    "FROM model_names n JOIN models m ON m.provider = n.provider AND m.model = n.model;"
)

_HEADER = """\
-- modelpick {version} registry export: {count} models; lifecycle_status as of {as_of}.
-- Loads into SQLite, DuckDB and PostgreSQL. Prices are USD per 1M tokens; NULL = unknown or not offered.
-- Billing: no cached_input price -> input price; no cache_write -> input; no reasoning -> output;
-- a tier (model_price_tiers) prices the whole request when its input is above above_input_tokens.
-- Reprice a usage log with one join on the names requests send (id, snapshot or alias):
--   SELECT u.*, (u.input_tokens * p.input_usd_per_1m + u.output_tokens * p.output_usd_per_1m) / 1000000.0
--   FROM usage u JOIN model_name_prices p ON p.provider = u.provider AND p.name = u.model;
-- (no provider column: ON p.name = u.model AND p.default_for_name). Divide by 1000000.0, not 1000000:
-- SQLite stores whole-number prices as integers and would divide integers."""


def _sql(registry: Registry, as_of: dt.date) -> str:
    model_columns = [c for c, _ in MODEL_COLUMNS]
    tier_columns = ["provider", "model", *(c for c, _ in TIER_COLUMNS)]
    name_columns = [c for c, _ in NAME_COLUMNS]
    tier_table = (("provider", "TEXT NOT NULL"), ("model", "TEXT NOT NULL"), *TIER_COLUMNS)
    lines = [
        _HEADER.format(version=__version__, count=len(registry.entries), as_of=as_of.isoformat()),
        "BEGIN;",
        _create("models", MODEL_COLUMNS, "provider, model"),
        _create("model_price_tiers", tier_table, "provider, model, above_input_tokens"),
        _create("model_names", NAME_COLUMNS, "provider, name"),
        _VIEW,
    ]
    tiers = []
    for entry in registry.entries:
        row = model_row(entry, as_of)
        lines.append(_insert("models", model_columns, row))
        tiers += [{"provider": entry.provider, "model": entry.id, **t} for t in row["tiers"]]
    lines += [_insert("model_price_tiers", tier_columns, t) for t in tiers]
    lines += [_insert("model_names", name_columns, n) for n in name_rows(registry)]
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


# The export formats, each with its writer, as registered in upkeep.formats (which the CLI's --format choices
# are built from without importing this module).
EXPORTERS: dict[str, Callable[[Registry, dt.date], str]] = {name: globals()[writer]
                                                            for name, writer in EXPORT_WRITERS.items()}
EXPORT_FORMATS = tuple(EXPORTERS)


def export(registry: Registry, fmt: str, as_of: dt.date) -> str:
    """The registry as text in one of EXPORTERS' formats; lifecycle_status is the status on `as_of`."""
    try:
        writer = EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(EXPORT_FORMATS)}") from None
    return writer(registry, as_of)
