"""`modelpick replay` (a usage log repriced on the models that served it and on candidates, or the SQL that
does it in a warehouse) and `modelpick profile` (the workload a usage log implies)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from modelpick.cli import completion
from modelpick.cli.options import AsOfOpt, FormatOpt, RegistryOpt, choices
from modelpick.cli.output import emit, guarded, progress_bar, warn, write
from modelpick.replay import DIALECTS, LOG_FORMATS

# The --from and --sql choices: the names in modelpick.replay (LOG_FORMATS, DIALECTS), which imports nothing.
LogFormat = choices("LogFormat", LOG_FORMATS)
SqlDialect = choices("SqlDialect", DIALECTS)

LogFromOpt = Annotated[Optional[LogFormat], typer.Option(  # type: ignore[valid-type]
    "--from", help="The log's format (default: told from the extension and the first row).")]

REPLAY_EPILOG = (
    "Examples:\n\n  modelpick replay usage.jsonl --models gpt-4.1-nano --models claude-haiku-4-5\n\n"
    "  modelpick replay spend_logs.csv --from litellm --format csv\n\n"
    "  modelpick replay usage_log --sql bigquery --models gpt-4.1-mini > reprice.sql  # LOG names a table\n\n"
    "Each request is priced on the model that served it and on each --models candidate, with the same tokens, at "
    "the standard prices in force on --as-of; bad lines are counted and listed by number, unknown models listed "
    "and left out of every total. docs/replay.md has the column mappings.\n\n"
    "Exit codes: 0 done, 2 the input is wrong (an unreadable log, an unknown format or model, every line bad).")
PROFILE_EPILOG = (
    "Examples:\n\n  modelpick profile usage.jsonl -o workload.yaml && modelpick recommend workload.yaml\n\n"
    "  modelpick profile spend_logs.csv --from litellm\n\n"
    "Writes p50/p95 input, output and reasoning tokens per request, the cached-input ratio and requests per day "
    "(over the days the log spans) as a workload file; to stdout without -o.\n\n"
    "Exit codes: 0 done, 2 the input is wrong (nothing is written then).")


def replay(
    log: Annotated[str, typer.Argument(help="The usage log (CSV or JSON Lines); with --sql, the log table's "
                                            "name in the warehouse.", show_default=False)],
    models: Annotated[Optional[list[str]], typer.Option(
        "--models", "-m", help="A candidate to reprice the log on: MODEL or PROVIDER/MODEL (repeatable).",
        autocompletion=completion.models)] = None,
    from_: LogFromOpt = None,
    sql: Annotated[Optional[SqlDialect], typer.Option(  # type: ignore[valid-type]
        "--sql", help="Print the query that does this repricing in this engine, over the tables of `registry "
                      "export --format sql`, instead of reading a file.")] = None,
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Reprice a usage log on the models that served it and on candidates: total, per day, per model."""
    from modelpick import service

    if sql is not None:
        write(service.replay_sql(log, sql.value, models=models or [], registry=registry or []))
        return
    with progress_bar(f"reading {Path(log).name}") as progress:
        result = service.replay(log, models=models or [], log_format=from_.value if from_ else None,
                                registry=registry or [], as_of=as_of, progress=progress)
    emit(result, format)


def profile(
    log: Annotated[Path, typer.Argument(help="The usage log (CSV or JSON Lines).", show_default=False)],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the workload file here "
                                                   "(default: stdout).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
    from_: LogFromOpt = None,
    registry: RegistryOpt = None,
) -> None:
    """Derive a workload file from a usage log: p50/p95 tokens, cache ratio, requests per day."""
    from modelpick import service

    with progress_bar(f"reading {log.name}") as progress:
        result = service.profile(log, output=output, force=force, log_format=from_.value if from_ else None,
                                 registry=registry or [], progress=progress)
    if result.written:
        warn(f"wrote {result.written}: {result.requests:,} requests over {result.days} days; "
             f"`modelpick recommend {result.written}`")
    else:
        write(result.text)


def register(app: typer.Typer) -> None:
    app.command(epilog=REPLAY_EPILOG)(guarded(replay))
    app.command(epilog=PROFILE_EPILOG)(guarded(profile))
