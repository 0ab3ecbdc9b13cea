"""`modelpick registry ...`: registry upkeep on the command line (validate, import, audit, export, diff).

Exit codes as everywhere: 0 done; 1 findings (validate) or disagreements beyond tolerance (audit);
2 the input is wrong.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from modelpick.cli.options import AsOfOpt, CheckFormatOpt, FormatOpt, RegistryOpt, as_of_day, choices
from modelpick.cli.output import OneLineErrors, emit, emit_verdict, guarded, progress_bar, write
from modelpick.upkeep.formats import EXPORT_WRITERS, FOREIGN_FORMATS

registry_app = typer.Typer(
    cls=OneLineErrors,
    help="Keep registry data honest: validate, import, audit, diff and export it.",
    no_args_is_help=True,
)


@registry_app.command(epilog="Examples:\n\n  modelpick registry validate\n\n"
                      "  modelpick registry validate my-prices.yaml --max-age 90 --format github\n\n"
                      "Exit codes: 0 no findings, 1 findings, 2 a wrong path or option.")
@guarded
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Registry files or folders, checked as layers over the active registry. Default: every file "
             "of the active registry.", show_default=False)] = None,
    max_age: Annotated[Optional[int], typer.Option(
        "--max-age", min=0, help="Flag values whose source was read more than DAYS ago.", metavar="DAYS")]
    = None,
    format: CheckFormatOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Schema, duplicate keys and names, price sanity, missing sources and stale values, each at file:line."""
    from modelpick import service

    result = service.registry_validate(paths or [], max_age=max_age, as_of=as_of)
    emit_verdict(result, format)


# The --from choices: every foreign format, the export --format choices: every exporter, as registered in
# modelpick.upkeep.formats (names only: the importers and exporters load when a command runs).
ForeignFormat = choices("ForeignFormat", FOREIGN_FORMATS)
ExportFormat = choices("ExportFormat", EXPORT_WRITERS)


FromOpt = Annotated[ForeignFormat, typer.Option("--from", help="The foreign file's format.")]


@registry_app.command("import", epilog="Examples:\n\n"
                      "  modelpick registry import --from litellm model_prices_and_context_window.json -o registry/\n\n"
                      "  modelpick registry import --from models.dev api.json -o registry/ --provider openai\n\n"
                      "  modelpick registry import --from openrouter models.json -o registry/  # GET /api/v1/models\n\n"
                      "  modelpick registry import --from genai-prices genai-prices.json -o registry/  # price layers")
@guarded
def import_(
    from_: FromOpt,
    file: Annotated[Path, typer.Argument(help="The foreign registry (JSON).", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write one <provider>.yaml per "
                                         "provider into.")],
    providers: Annotated[Optional[list[str]], typer.Option("--provider", help="Only this provider (repeatable).")]
    = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing provider files.")] = False,
    format: FormatOpt = None,
) -> None:
    """Convert LiteLLM's price map, models.dev, OpenRouter's model list or genai-prices into modelpick registry
    files."""
    from modelpick import service

    with progress_bar(f"importing {file.name}") as progress:
        result = service.registry_import(from_.value, file, output=output, providers=providers or [], force=force,
                                         progress=progress)
    emit(result, format)


@registry_app.command(epilog="Examples:\n\n"
                      "  modelpick registry audit --against model_prices_and_context_window.json --from litellm\n\n"
                      "  modelpick registry audit --against api.json --from models.dev --tolerance 0.01 "
                      "--format github\n\n"
                      "  modelpick registry audit --against genai-prices.json --from genai-prices --as-of 2026-12-02\n\n"
                      "Exit codes: 0 no disagreement beyond the tolerance that data/ does not already record, "
                      "1 otherwise, 2 a wrong file or option.")
@guarded
def audit(
    against: Annotated[Path, typer.Option("--against", help="The foreign registry file (JSON).")],
    from_: FromOpt,
    tolerance: Annotated[float, typer.Option("--tolerance", min=0, help="Relative difference of numbers that "
                                             "is not a disagreement, e.g. 0.01 for 1%.")] = 0.0,
    format: CheckFormatOpt = None,
    registry: RegistryOpt = None,
    as_of: Annotated[Optional[dt.datetime], typer.Option(
        "--as-of", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", callback=as_of_day,
        help="Compare the prices in force on this day, on both sides (dated prices). Default: today.")] = None,
) -> None:
    """Every disagreement between the active registry and a foreign one, with both sources and dates."""
    from modelpick import service

    with progress_bar(f"reading {against.name}") as progress:
        result = service.registry_audit(from_.value, against, tolerance=tolerance, registry=registry or [],
                                        as_of=as_of, progress=progress)
    emit_verdict(result, format)


@registry_app.command(epilog="Examples:\n\n  modelpick registry export --format csv > models.csv\n\n"
                      "  modelpick registry export --format sql | sqlite3 prices.db\n\n"
                      "  modelpick registry export --format sql --registry negotiated.yaml | psql")
@guarded
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, jsonl or sql (CREATE TABLE + "
                                                 "INSERT for SQLite, DuckDB and PostgreSQL).")],
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """The active registry as flat rows, for spreadsheets and warehouses."""
    from modelpick import service

    write(service.registry_export(format.value, registry=registry or [], as_of=as_of))


@registry_app.command(epilog="Examples:\n\n  modelpick registry diff bundled my-registry/\n\n"
                      "  modelpick registry diff old/ new/ --workload examples/ticket-triage.yaml")
@guarded
def diff(
    old: Annotated[str, typer.Argument(help="Registry file or folder, or `bundled`.", show_default=False)],
    new: Annotated[str, typer.Argument(help="Registry file or folder, or `bundled`.", show_default=False)],
    workloads: Annotated[Optional[list[Path]], typer.Option(
        "--workload", help="Workload file: does its top pick or monthly cost change? (repeatable)")] = None,
    format: FormatOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Entries added, removed and changed between two registries, and what that does to your workloads."""
    from modelpick import service

    emit(service.registry_diff(old, new, workloads=workloads or [], as_of=as_of), format)
