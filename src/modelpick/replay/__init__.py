"""Repricing real usage logs: readers (one module per log format), repricing, profiles, and the SQL that does
the same repricing in a warehouse.

LOG_FORMATS registers the log formats (name -> its reader module in this package, with `detect(keys)` and
`parse(row)`; replay.logs loads them as READERS), and DIALECTS the SQL engines; the CLI builds its `--from`
and `--sql` choices from these names without importing the readers. Without `--from`, the format is told from the first row's keys, trying
the readers in READERS order: the generic format last, since any log with its columns matches it.
"""

# Every log format: its name on the command line -> its reader module in modelpick.replay. In this order the
# format of a log is told from its first row: generic last.
LOG_FORMATS = {"openai": "openai", "anthropic": "anthropic", "litellm": "litellm", "generic": "generic"}

# Every engine `replay --sql` writes for (sqlglot's dialect names).
DIALECTS = ("duckdb", "postgres", "bigquery", "spark")
