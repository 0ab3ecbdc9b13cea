"""`replay --sql DIALECT`: the query that reprices a usage log table in a warehouse, over the tables that
`registry export --format sql` loads (models, model_price_tiers, model_names).

The log table holds one request per row in the generic format's columns (replay/generic.py):

    model TEXT, timestamp TIMESTAMP (or DATE), input_tokens, cached_tokens, cache_write_tokens,
    output_tokens, reasoning_tokens (integers; cached and cache-write tokens are part of input_tokens)

The query is written once (DuckDB's SQL) and transpiled to each engine's dialect with sqlglot. It applies the
cost model's rules as `replay` does, in each engine's exact NUMERIC arithmetic:
- a logged name resolves as Registry.get does: PROVIDER/NAME through model_names, else the name's default
  entry (default_for_name); names that resolve to nothing are left out, as `replay` leaves them out;
- the long-context tier whose threshold is the highest below the request's input prices the whole request;
- no cached_input price: input; no cache_write price: input; no reasoning price: output.
It returns one row per (priced_as, model, day): `served` rows price each request on the entry that served it,
`candidate` rows on each candidate; cost_usd is the sum, in USD.
"""

from __future__ import annotations

import re

from modelpick.errors import InputError
from modelpick.replay import DIALECTS

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$")
_PRICES = ("input", "cached_input", "cache_write", "output", "reasoning")

_QUERY = """
WITH log AS (
  SELECT model AS logged_model, CAST("timestamp" AS DATE) AS day,
    COALESCE(input_tokens, 0) AS input_tokens, COALESCE(cached_tokens, 0) AS cached_tokens,
    COALESCE(cache_write_tokens, 0) AS cache_write_tokens, COALESCE(output_tokens, 0) AS output_tokens,
    COALESCE(reasoning_tokens, 0) AS reasoning_tokens
  FROM {table}
),
served AS (
  SELECT COALESCE(p.provider, d.provider) AS provider, COALESCE(p.model, d.model) AS model, l.*
  FROM log AS l
  LEFT JOIN model_names AS p ON p.provider || '/' || p.name = l.logged_model
  LEFT JOIN model_names AS d ON d.name = l.logged_model AND d.default_for_name
  WHERE COALESCE(p.model, d.model) IS NOT NULL
),
candidates AS (
  SELECT provider, model FROM models WHERE {candidates}
),
requests AS (
  SELECT 'served' AS priced_as, s.provider AS entry_provider, s.model AS entry_model, s.day, s.input_tokens, s.cached_tokens,
    s.cache_write_tokens, s.output_tokens, s.reasoning_tokens
  FROM served AS s
  UNION ALL
  SELECT 'candidate' AS priced_as, c.provider AS entry_provider, c.model AS entry_model, s.day, s.input_tokens, s.cached_tokens,
    s.cache_write_tokens, s.output_tokens, s.reasoning_tokens
  FROM served AS s CROSS JOIN candidates AS c
),
priced AS (
  SELECT r.*, r.entry_provider || '/' || r.entry_model AS model_key, {prices}
  FROM requests AS r
  JOIN models AS m ON m.provider = r.entry_provider AND m.model = r.entry_model
  LEFT JOIN model_price_tiers AS t
    ON t.provider = r.entry_provider AND t.model = r.entry_model AND r.input_tokens > t.above_input_tokens
  LEFT JOIN model_price_tiers AS h
    ON h.provider = r.entry_provider AND h.model = r.entry_model AND r.input_tokens > h.above_input_tokens
    AND h.above_input_tokens > t.above_input_tokens
  WHERE h.provider IS NULL
)
SELECT priced_as, model_key AS model, day, COUNT(*) AS requests,
  SUM((input_tokens - cached_tokens - cache_write_tokens) * input_price
    + cached_tokens * COALESCE(cached_input_price, input_price)
    + cache_write_tokens * COALESCE(cache_write_price, input_price)
    + output_tokens * output_price
    + reasoning_tokens * COALESCE(reasoning_price, output_price)) * 0.000001 AS cost_usd
FROM priced
GROUP BY priced_as, model_key, day
ORDER BY 1 DESC, 2, 3
"""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def query(table: str, dialect: str, candidates: list[tuple[str, str]]) -> str:
    """The repricing query for `dialect`, over the log table `table` (NAME, SCHEMA.NAME or
    PROJECT.SCHEMA.NAME), with the candidates as (provider, model id) pairs."""
    import sqlglot

    if dialect not in DIALECTS:
        raise InputError(f"unknown SQL dialect {dialect!r}; one of {', '.join(DIALECTS)}", path="sql",
                         argument=True)
    if not _NAME.match(table):
        raise InputError(f"{table!r} is not a table name: with --sql, LOG names the log table (NAME, "
                         "SCHEMA.NAME or PROJECT.SCHEMA.NAME; letters, digits and _)")
    chosen = " OR ".join(f"(provider = {_literal(p)} AND model = {_literal(m)})" for p, m in candidates)
    prices = ",\n    ".join(f"CASE WHEN t.provider IS NULL THEN m.{f}_usd_per_1m ELSE t.{f}_usd_per_1m END "
                            f"AS {f}_price" for f in _PRICES)
    text = _QUERY.format(table=table, candidates=chosen or "1 = 0", prices=prices)
    out = sqlglot.transpile(text, read="duckdb", write=dialect, pretty=True)[0]
    header = (f"-- modelpick replay --sql {dialect}: reprices the usage log table {table} over the tables of "
              "`modelpick registry export --format sql`.\n-- One row per (priced_as, model, day); see docs/replay.md.\n")
    return header + out + ";\n"
