"""`modelpick frontier` (the cost/quality Pareto frontier of a workload, as a table with a text chart, or an SVG
plot) and `modelpick breakeven` (where the cheaper of two entries changes)."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from modelpick.cli import completion
from modelpick.cli.options import (
    AsOfOpt,
    FormatOpt,
    RegistryOpt,
    WorkloadArg,
    choices,
    overrides,
    with_workload_options,
)
from modelpick.cli.output import emit, guarded
from modelpick.render import CHART, FORMATS, REPORT

# frontier offers every report format and the chart formats (svg), in FORMATS order.
FrontierFormat = choices("FrontierFormat", [name for name, spec in FORMATS.items()
                                            if {REPORT, CHART} & set(spec.offered_by)])
FrontierFormatOpt = Annotated[Optional[FrontierFormat], typer.Option(  # type: ignore[valid-type]
    "--format", "-f", help="Output format (svg: a self-contained SVG plot). Default: table on a terminal, plain "
                           "when piped.")]

FRONTIER_EPILOG = (
    "Examples:\n\n  modelpick frontier examples/ticket-triage.yaml\n\n"
    "  modelpick frontier ticket-triage --format svg > frontier.svg\n\n"
    "Charted: the entries that fit the workload and whose quality is known (as recommend ranks them). An entry is "
    "dominated when another costs less or the same per month AND scores at least as well, better in one; each "
    "names the cheapest entry that dominates it. Speed (seconds per request) is the third view: + marks the "
    "entries also on the cost/speed frontier.\n\n"
    "Exit codes: 0 done, 1 no entry can be charted, 2 the input is wrong.")
BREAKEVEN_EPILOG = (
    "Examples:\n\n  modelpick breakeven examples/ticket-triage.yaml --between gpt-4.1-nano gpt-5-nano\n\n"
    "  modelpick breakeven --task chat --between openai/gpt-4.1-mini anthropic/claude-haiku-4-5 --format json\n\n"
    "For each of requests per day, cached-input ratio (0..1), output tokens per request and batch share (0..1), "
    "the rest of the workload held fixed: the value at which the cheaper of A and B changes, which is cheaper "
    "below and above it, or never and why.\n\n"
    "Exit codes: 0 done, 2 the input is wrong.")


def frontier(
    workload: WorkloadArg = None,
    format: FrontierFormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    show_excluded: Annotated[bool, typer.Option("--show-excluded", help="List the entries that do not fit, with "
                                                "their reasons.")] = False,
    *,
    workload_options: dict[str, Any],
) -> None:
    """The cost/quality Pareto frontier of a workload: dominated entries marked, a chart; exit 1 when none fits."""
    from modelpick import service

    result = service.frontier(workload, registry=registry or [], as_of=as_of, **overrides(workload_options))
    emit(result, format, show_excluded=show_excluded)
    if not result.points:
        raise typer.Exit(1)


def breakeven(
    workload: WorkloadArg = None,
    between: Annotated[tuple[str, str], typer.Option(
        "--between", help="The two entries: MODEL or PROVIDER/MODEL each.", metavar="A B", show_default=False,
        autocompletion=completion.models)] = ...,  # type: ignore[assignment]
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    *,
    workload_options: dict[str, Any],
) -> None:
    """Where the cheaper of two entries changes: requests per day, cache ratio, output length, batch share."""
    from modelpick import service

    emit(service.breakeven(workload, between=list(between), registry=registry or [], as_of=as_of,
                           **overrides(workload_options)), format)


def register(app: typer.Typer) -> None:
    app.command(epilog=FRONTIER_EPILOG)(guarded(with_workload_options(frontier)))
    app.command(epilog=BREAKEVEN_EPILOG)(guarded(with_workload_options(breakeven)))
