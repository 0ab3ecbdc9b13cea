"""The top-level commands: options in, one call into `service`, the result out through `output.emit`.

The options they share are in `options`, the `registry` sub-commands in `registry`, value completion in
`completion`; exit codes and error lines in `output`."""

from __future__ import annotations

import copy
import gc
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from modelpick import __version__
from modelpick.cli import cascade as cascade_cli
from modelpick.cli import completion
from modelpick.cli import frontier as frontier_cli
from modelpick.cli import replay as replay_cli
from modelpick.cli.options import (
    AsOfOpt,
    CheckFormatOpt,
    ConfigOpt,
    FormatOpt,
    ModelArg,
    RegistryOpt,
    StrictOpt,
    TopOpt,
    WorkloadArg,
    overrides,
    with_workload_options,
)
from modelpick.cli.output import (
    STATE,
    WRITE_ERRORS,
    OneLineErrors,
    emit,
    emit_verdict,
    guarded,
    output_failed,
    warn,
    write,
)
from modelpick.cli.registry import registry_app
from modelpick.errors import InputError

app = typer.Typer(
    cls=OneLineErrors,
    name="modelpick",
    help="Which LLM to use for a workload, and what it will cost, with sources.\n\n"
    "Example: modelpick recommend examples/ticket-triage.yaml",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    # Click's plain help, for every command: rich's option table cuts long names at 80 columns
    # (`--cached-input-rat…`), where click gives a long name its own line.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"modelpick {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    STATE["debug"] = debug


@app.command(epilog="Examples:\n\n  modelpick recommend examples/ticket-triage.yaml\n\n"
             "  modelpick recommend --task coding --input-tokens 12000 --output-tokens 1500 --prefer quality\n\n"
             "  modelpick recommend examples/rag-chat.yaml --format json --top 3")
@guarded
@with_workload_options
def recommend(
    workload: WorkloadArg = None,
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    top: TopOpt = None,
    show_excluded: Annotated[bool, typer.Option("--show-excluded", help="List excluded entries with reasons.")]
    = False,
    *,
    workload_options: dict[str, Any],
) -> None:
    """Rank every registry entry for a workload; exit 1 when none fits."""
    from modelpick import service

    result = service.recommend(workload, top=top, registry=registry or [], as_of=as_of,
                               **overrides(workload_options))
    emit(result, format, show_excluded=show_excluded)
    if not result.ranking:
        raise typer.Exit(1)


def _models_then_workload(names: list[str]) -> tuple[list[str], Path | None]:
    """compare's arguments: models, then optionally a workload file (named .yaml or .yml)."""
    if names and names[-1].endswith((".yaml", ".yml")):
        names, workload = names[:-1], Path(names[-1])
    else:
        workload = None
    if not names:
        raise InputError("name at least one model", path="compare")
    return names, workload


@app.command(epilog="Examples:\n\n  modelpick compare gpt-4.1-nano gpt-5-nano examples/ticket-triage.yaml\n\n"
             "  modelpick compare groq/openai/gpt-oss-120b gpt-4.1-mini --task extraction")
@guarded
@with_workload_options
def compare(
    models: Annotated[list[str], typer.Argument(help="Two or more MODEL or PROVIDER/MODEL, then optionally a "
                                                     "workload file.", show_default=False,
                                                autocompletion=completion.models)],
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    *,
    workload_options: dict[str, Any],
) -> None:
    """Evaluate the named entries side by side for a workload."""
    from modelpick import service

    names, workload = _models_then_workload(models)
    emit(service.compare(names, workload, registry=registry or [], as_of=as_of, **overrides(workload_options)),
         format)


@app.command(epilog="Examples:\n\n  modelpick cost gpt-4.1-nano examples/ticket-triage.yaml\n\n"
             "  modelpick cost claude-haiku-4-5 --input-tokens 2000 --output-tokens 300 --requests-per-day 50000")
@guarded
@with_workload_options
def cost(
    model: ModelArg,
    workload: WorkloadArg = None,
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    *,
    workload_options: dict[str, Any],
) -> None:
    """The cost estimate for one entry, broken down by component."""
    from modelpick import service

    emit(service.cost(model, workload, registry=registry or [], as_of=as_of, **overrides(workload_options)),
         format)


@app.command(epilog="Examples:\n\n  modelpick show gpt-4.1-nano\n\n  modelpick show groq/llama-4-maverick --format json")
@guarded
def show(
    model: Annotated[str, typer.Argument(help="MODEL or PROVIDER/MODEL (id, snapshot or alias).",
                                         show_default=False, autocompletion=completion.models)],
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    sources: Annotated[bool, typer.Option("--sources", help="Also list every value with the registry layer, "
                                          "file, line and source it came from.")] = False,
) -> None:
    """Everything the registry holds on one entry, with sources."""
    from modelpick import service

    emit(service.show(model, sources=sources, registry=registry or [], as_of=as_of), format)


@app.command(epilog="Examples:\n\n  modelpick models --provider openai\n\n"
             "  modelpick models --feature tool_calling --modality image --min-context 200000")
@guarded
def models(
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    providers: Annotated[Optional[list[str]], typer.Option(
        "--provider", help="Only this provider (repeatable).", autocompletion=completion.providers)] = None,
    creators: Annotated[Optional[list[str]], typer.Option(
        "--creator", help="Only this creator (repeatable).", autocompletion=completion.creators)] = None,
    features: Annotated[Optional[list[str]], typer.Option(
        "--feature", help="Has this feature (repeatable).", autocompletion=completion.features)] = None,
    modalities: Annotated[Optional[list[str]], typer.Option(
        "--modality", help="Takes this input (repeatable).", autocompletion=completion.modalities)] = None,
    min_context: Annotated[int, typer.Option("--min-context", min=0, help="Context window at least this.")] = 0,
) -> None:
    """List registry entries, filtered by provider, feature, modality or context."""
    from modelpick import service

    emit(service.models(providers=providers or [], creators=creators or [], features=features or [],
                        modalities=modalities or [], min_context=min_context, registry=registry or [],
                        as_of=as_of), format)


@app.command(epilog="Example:\n\n  modelpick tasks --format markdown")
@guarded
def tasks(format: FormatOpt = None) -> None:
    """List task profiles and what each one weighs."""
    from modelpick import service

    emit(service.tasks(), format)


@app.command(epilog="Examples:\n\n  modelpick check\n\n  modelpick check --format github --strict\n\n"
             "  modelpick check --baseline origin/main --format markdown\n\n"
             "Exit codes: 0 nothing fails, 1 a workload fails, 2 the config is wrong.")
@guarded
def check(
    config: ConfigOpt = None,
    format: CheckFormatOpt = None,
    strict: StrictOpt = False,
    baseline: Annotated[Optional[str], typer.Option(
        "--baseline", help="Git ref: report each workload's monthly cost change against modelpick.yaml there.")]
    = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Check each workload's chosen model in modelpick.yaml against the registry and its policy."""
    from modelpick import service

    result = service.check(config, strict=strict, baseline=baseline, registry=registry or [], as_of=as_of)
    emit_verdict(result, format)


@app.command(epilog="Examples:\n\n  modelpick init --model gpt-4.1-nano-2025-04-14 --task classification\n\n"
             "  modelpick init --from-scan src  # one workload per model id found in src/\n\n"
             "  modelpick init --model claude-haiku-4-5 --name support-bot --task chat --requests-per-day 5000")
@guarded
def init(
    models: Annotated[Optional[list[str]], typer.Option(
        "--model", help="A chosen model: MODEL or PROVIDER/MODEL (repeatable).",
        autocompletion=completion.models)] = None,
    from_scan: Annotated[Optional[list[Path]], typer.Option(
        "--from-scan", help="Add a workload for each known model id `modelpick scan` finds here (repeatable).")]
    = None,
    task: Annotated[Optional[str], typer.Option(
        "--task", help="Task profile id (default: none written; the starter lists them in a comment and "
        "`check` assumes chat).", autocompletion=completion.tasks)] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Workload name.")] = None,
    input_tokens: Annotated[Optional[int], typer.Option("--input-tokens", min=0)] = None,
    output_tokens: Annotated[Optional[int], typer.Option("--output-tokens", min=0)] = None,
    requests_per_day: Annotated[float, typer.Option("--requests-per-day", min=0, help="Requests per day.")] = 1000,
    path: Annotated[Path, typer.Option("--path", help="Where to write.")] = Path("modelpick.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write a commented starter modelpick.yaml (never over an existing one without --force)."""
    from modelpick import service

    written = service.init(path, models=models or [], from_scan=from_scan, task=task, name=name,
                           input_tokens=input_tokens, output_tokens=output_tokens,
                           requests_per_day=requests_per_day, force=force, registry=registry or [], as_of=as_of)
    warn(f"wrote {written}; run `modelpick check`")


@app.command(epilog="Examples:\n\n  modelpick scan\n\n  modelpick scan src config --format github --strict\n\n"
             "Exit codes: 0 nothing unknown or retired, 1 otherwise (deprecated and retiring too with --strict), "
             "2 a wrong path or option.")
@guarded
def scan(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default: this folder).",
                                                          show_default=False)] = None,
    format: CheckFormatOpt = None,
    strict: StrictOpt = False,
    retirement_warning_days: Annotated[int, typer.Option("--retirement-warning-days", min=0,
                                                         help="Shutdown this close counts as retiring.")] = 90,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Find model ids in source and config files; flag unknown, retired, deprecated and unpinned ones."""
    from modelpick import service

    result = service.scan(paths or [], strict=strict, retirement_warning_days=retirement_warning_days,
                          registry=registry or [], as_of=as_of)
    emit_verdict(result, format)


cascade_cli.register(app)
frontier_cli.register(app)
replay_cli.register(app)
app.add_typer(registry_app, name="registry")


@app.command(epilog="Examples:\n\n  modelpick schema registry > registry.schema.json\n\n"
             "  modelpick schema output | jq '.anyOf | length'")
@guarded
def schema(
    kind: Annotated[str, typer.Argument(help="registry, workload, config, output or tasks.",
                                        show_default=False)],
) -> None:
    """Print the JSON Schema of a file format or of the JSON output."""
    from modelpick.schemas import schema_text

    write(schema_text(kind))


def _only_the_invoked(argv: list[str]) -> typer.Typer:
    """app holding only the command the first argument names: typer builds every command an app holds before it
    parses (~16 ms for those a run does not use). A copy: `app` keeps them all. When the first argument is no
    top-level command (an option such as --help, which lists them all; a group; a typo), app itself."""
    command = argv[1] if len(argv) > 1 else None
    # a command's name as typer derives it from its function (typer.main.get_command_name, not a public API)
    chosen = [c for c in app.registered_commands
              if (c.name or c.callback.__name__.lower().replace("_", "-")) == command]
    if not chosen:
        return app
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = chosen, []
    return only


def main() -> None:
    # pydantic looks for plugins (every installed distribution's entry points) when it builds its first model
    # outside typer's own adapters, which disable them; a command has no use for them. Unless the user chose
    # (PYDANTIC_DISABLE_PLUGINS=name,... disables those only).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # One short process: collecting every 700 new objects (the default) cost 40-60 ms of a recommend and 0.5 s of a
    # 1,000-workload check, for the same peak memory; every 10,000 does not (figures in the commit message).
    gc.set_threshold(10_000)
    try:
        _only_the_invoked(sys.argv)()
    except SystemExit:
        try:
            sys.stdout.flush()  # what a command wrote without flushing: fails here, not in the interpreter's exit
        except OSError as exc:
            raise SystemExit(output_failed(exc)) from None
        raise
    except OSError as exc:
        if exc.errno not in WRITE_ERRORS:
            raise
        raise SystemExit(output_failed(exc)) from None
