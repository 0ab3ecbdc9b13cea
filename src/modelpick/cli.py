"""The command line: options in, one call into `service`, a renderer out, exceptions to exit codes.

Exit codes: 0 done; 1 the answer is negative (no entry fits); 2 the input is wrong.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import inspect
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
from typer.core import TyperGroup

try:  # typer >= 0.20 carries its own copy of click
    from typer import _click as click
    from typer._click.exceptions import NoArgsIsHelpError
    from typer._click.globals import get_current_context
except ImportError:  # pragma: no cover - older typer on plain click
    import click  # type: ignore[no-redef]
    from click.exceptions import NoArgsIsHelpError  # type: ignore[no-redef]
    from click.globals import get_current_context  # type: ignore[no-redef]

from modelpick import __version__
from modelpick.effort import EFFORTS
from modelpick.errors import InputError, ModelpickError


class OneLineErrors(TyperGroup):
    """Usage errors (unknown option, bad value) as one line on stderr, like every other error."""

    def _one_line(self, exc: click.ClickException) -> typer.Exit:
        sys.stderr.write(f"modelpick: error: {' '.join(exc.format_message().split())}\n")
        return typer.Exit(exc.exit_code)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except NoArgsIsHelpError:
            raise
        except click.ClickException as exc:
            raise self._one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except click.ClickException as exc:
            raise self._one_line(exc) from None


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

_state = {"debug": False}


ReasoningEffort = Enum("ReasoningEffort", {e: e for e in EFFORTS}, type=str)  # type: ignore[misc]
ServiceTier = Enum("ServiceTier", {t: t for t in ("standard", "flex", "priority")}, type=str)  # type: ignore[misc]


class Format(str, Enum):
    table = "table"
    markdown = "markdown"
    plain = "plain"
    json = "json"
    csv = "csv"


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
    _state["debug"] = debug


# Options shared by the commands -------------------------------------------------------------------------

FormatOpt = Annotated[Optional[Format], typer.Option(
    "--format", "-f", help="Output format. Default: table on a terminal, plain when piped.")]
RegistryOpt = Annotated[Optional[list[Path]], typer.Option(
    "--registry", help="Extra registry file or folder layered over the bundled data (repeatable).")]
# The dates modelpick reasons about: the registry's dates lie in this century, and a horizon added to the
# date (a shutdown warning, a retirement window) must not run past the calendar's end (9999-12-31).
AS_OF_RANGE = (dt.date(1970, 1, 1), dt.date(9000, 12, 31))


def day(as_of: dt.datetime | None) -> dt.date:
    """The day an --as-of option names; today when it names none."""
    return as_of.date() if as_of else dt.date.today()


def _as_of_in_range(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and not AS_OF_RANGE[0] <= value.date() <= AS_OF_RANGE[1]:
        raise typer.BadParameter(f"{value.date()} is outside the dates modelpick reasons about "
                                 f"({AS_OF_RANGE[0]}..{AS_OF_RANGE[1]})")
    return value


AsOfOpt = Annotated[Optional[dt.datetime], typer.Option(
    "--as-of", formats=["%Y-%m-%d"], callback=_as_of_in_range,
    help="Date lifecycle is judged at (YYYY-MM-DD, 1970-01-01..9000-12-31). Default: today.")]
TopOpt = Annotated[Optional[int], typer.Option("--top", min=1, help="Show only the first N entries.")]
WorkloadArg = Annotated[Optional[Path], typer.Argument(
    help="Workload YAML file (see examples/). Options override its keys.", show_default=False)]


def _option(name: str, annotation: Any, help: str, key: str, flag: str | None = None,
            **kwargs: Any) -> tuple[str, Any, str, str]:
    """A workload option: its parameter name, typer annotation, workload key path and help."""
    decl = flag or f"--{name.replace('_', '-')}"
    return name, Annotated[annotation, typer.Option(decl, help=help, rich_help_panel="Workload", **kwargs)], key, help


# Every workload key has an option of the same name with dashes; options override the file.
WORKLOAD_OPTIONS = [
    _option("task", Optional[str], "Task profile id (`modelpick tasks` lists them).", "task"),
    _option("name", Optional[str], "Workload name.", "name"),
    _option("input_tokens", Optional[int], "Input tokens per request (mean).", "input_tokens"),
    _option("output_tokens", Optional[int], "Visible output tokens per request (mean).", "output_tokens"),
    _option("reasoning_tokens", Optional[int], "Hidden reasoning tokens per request, billed as output "
            "(default: measured at the reasoning effort).", "reasoning_tokens"),
    _option("reasoning_effort", Optional[ReasoningEffort], "none | minimal | low | medium | high | xhigh "
            "(default: the provider API's default; some tasks choose the lowest).", "reasoning_effort"),
    _option("cached_input_ratio", Optional[float], "Share of input read from the prompt cache, 0..1.",
            "cached_input_ratio"),
    _option("cache_write_ratio", Optional[float], "Share of input written to the prompt cache, 0..1.",
            "cache_write_ratio"),
    _option("requests_per_day", Optional[float], "Requests per day (default 1000).", "requests_per_day"),
    _option("requests_per_month", Optional[float], "Requests per month.", "requests_per_month"),
    _option("days_per_month", Optional[int], "Days in a month (default 30).", "days_per_month"),
    _option("batch", Optional[bool], "Requests may use a batch API at batch prices.", "batch",
            flag="--batch/--no-batch"),
    _option("service_tier", Optional[ServiceTier], "standard | flex | priority: that tier's prices where the "
            "provider has them.", "service_tier"),
    _option("input_modality", Optional[list[str]], "Required input modality (repeatable).",
            "requires.input_modalities"),
    _option("needs", Optional[list[str]], "Required feature, e.g. tool_calling (repeatable).", "requires.features"),
    _option("min_context", Optional[int], "Minimum context window in tokens.", "requires.min_context"),
    _option("min_output_tokens", Optional[int], "Minimum max-output tokens.", "requires.min_output_tokens"),
    _option("knowledge_after", Optional[dt.datetime], "Knowledge cutoff on or after (YYYY-MM-DD).",
            "requires.knowledge_after", formats=["%Y-%m-%d"]),
    _option("open_weights", Optional[bool], "Open-weight models only.", "requires.open_weights",
            flag="--open-weights/--any-weights"),
    _option("provider", Optional[list[str]], "Allowed provider (repeatable).", "requires.providers"),
    _option("exclude_provider", Optional[list[str]], "Excluded provider (repeatable).",
            "requires.exclude_providers"),
    _option("min_quality", Optional[list[str]], "Minimum benchmark score KEY=VALUE (repeatable).",
            "requires.min_quality"),
    _option("max_monthly_cost", Optional[float], "Budget in USD per month.", "requires.max_monthly_cost_usd"),
    _option("max_ttft", Optional[float], "Maximum time to first token, seconds.", "requires.max_ttft_s"),
    _option("min_output_tokens_per_s", Optional[float], "Minimum output speed, tokens/s.",
            "requires.min_output_tokens_per_s"),
    _option("include_deprecated", Optional[bool], "Keep deprecated entries.", "requires.include_deprecated",
            flag="--include-deprecated/--exclude-deprecated"),
    _option("prefer", Optional[str], "balanced | cost | quality | speed, or quality=.5,cost=.4,speed=.1",
            "prefer"),
]
def _workload_params() -> list[inspect.Parameter]:
    return [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
            for name, annotation, _key, _help in WORKLOAD_OPTIONS]


def with_workload_options(func: Callable[..., None]) -> Callable[..., None]:
    """Add every workload option to a command, and hand them to it as one `overrides` mapping."""
    names = {name for name, *_ in WORKLOAD_OPTIONS}

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> None:
        options = {k: kwargs.pop(k) for k in list(kwargs) if k in names}
        func(**kwargs, workload_options=options)

    own = [p for p in inspect.signature(func, eval_str=True).parameters.values() if p.name != "workload_options"]
    wrapper.__signature__ = inspect.Signature([*own, *_workload_params()])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in wrapper.__signature__.parameters.values()}  # type: ignore[attr-defined]
    return wrapper


def _parse_prefer(text: str) -> Any:
    if "=" not in text:
        return text
    weights: dict[str, float] = {}
    for part in text.split(","):
        key, _, value = part.partition("=")
        try:
            weights[key.strip()] = float(value)
        except ValueError:
            raise InputError(f"expected NAME=NUMBER pairs, got {part!r}", path="--prefer") from None
    return weights


def _parse_min_quality(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            if not sep or not key.strip():
                raise ValueError
            out[key.strip()] = float(value)
        except ValueError:
            raise InputError(f"expected KEY=VALUE, got {item!r}", path="--min-quality") from None
    return out


def _overrides(options: dict[str, Any]) -> dict[str, Any]:
    """The workload options given, as service keywords: workload keys, and `requires` a mapping."""
    overrides: dict[str, Any] = {}
    for name, _annotation, key, _help in WORKLOAD_OPTIONS:
        value = options.get(name)
        if value is None or value == []:
            continue
        if name == "prefer":
            value = _parse_prefer(value)
        elif name == "min_quality":
            value = _parse_min_quality(value)
        elif isinstance(value, dt.datetime):
            value = value.date()
        elif isinstance(value, Enum):
            value = value.value
        head, _, rest = key.partition(".")
        if rest:
            overrides.setdefault(head, {})[rest] = value
        else:
            overrides[key] = value
    return overrides


# Workload key path -> the option that sets it.
WORKLOAD_FLAGS = {key: f"--{name.replace('_', '-')}" for name, _annotation, key, _help in WORKLOAD_OPTIONS}


def _flag_for(path: str) -> str | None:
    """The option a key path in an error came from: a workload key's option, else the running command's
    parameter of that name (`baseline` -> `--baseline`, `providers` -> `--provider`); None for neither."""
    if "/" in path:
        flags = [_flag_for(part) for part in path.split("/")]
        return "/".join(flags) if all(flags) else None  # type: ignore[arg-type]
    for key in sorted(WORKLOAD_FLAGS, key=len, reverse=True):
        if path == key or path.startswith(key + "."):
            return WORKLOAD_FLAGS[key]
    ctx = get_current_context(silent=True)
    for param in ctx.command.params if ctx else []:
        if param.name == path and param.opts[0].startswith("-"):
            return max(param.opts, key=len).split("/")[0]
    return None


def _emit(result: Any, fmt: Format | None, *, show_excluded: bool = False) -> None:
    from modelpick.render import render

    stdout_tty = sys.stdout.isatty()
    chosen = fmt.value if fmt else ("table" if stdout_tty else "plain")
    color = stdout_tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    width = None
    if chosen in ("table", "plain"):
        import shutil

        # The terminal's width; when piped, COLUMNS if set (COLUMNS=80 modelpick ... | less), else a width that
        # reads well: a table as on a wide terminal, plain text within 100 characters.
        columns = os.environ.get("COLUMNS", "")
        default = 120 if chosen == "table" else 100
        width = (shutil.get_terminal_size((default, 24)).columns if stdout_tty
                 else int(columns) if columns.isdigit() and int(columns) > 0 else default)
    text = render(result, chosen, show_excluded=show_excluded, width=width, color=color)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()  # here, not at exit: a full disk is reported like any other error
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise  # a reader that closed early (`| head`): click ends quietly
        raise typer.Exit(_output_failed(exc)) from None


# stdout could not take the output. A closed pipe ends quietly; anything else (a full disk, /dev/full) is one
# line on stderr and exit 2.
_WRITE_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _output_failed(exc: OSError) -> int:
    # Whatever is still buffered goes nowhere, so the interpreter's last flush cannot fail again.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    if exc.errno == errno.EPIPE:
        return 1  # as click ends a closed pipe
    _warn(f"error: cannot write the output: {exc.strerror or exc}")
    return 2


def _warn(message: str) -> None:
    sys.stderr.write(f"modelpick: {message}\n")


def guarded(func: Callable[..., None]) -> Callable[..., None]:
    """modelpick's errors become one line on stderr and exit 2; a traceback only with --debug."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except ModelpickError as exc:
            if _state["debug"]:
                raise
            if isinstance(exc, InputError) and exc.argument and exc.path and _flag_for(exc.path):
                exc = exc.at(_flag_for(exc.path))  # type: ignore[arg-type]
            # One line, always: CI annotations and log scrapers read errors line by line.
            _warn("error: " + " ".join(exc.message.splitlines()))
            raise typer.Exit(exc.exit_code) from None

    return wrapper


# Commands ------------------------------------------------------------------------------------------------


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

    result = service.recommend(workload, top=top, registry=registry or [], as_of=day(as_of),
                               **_overrides(workload_options))
    _emit(result, format, show_excluded=show_excluded)
    if not result.ranking:
        raise typer.Exit(1)


@app.command(epilog="Examples:\n\n  modelpick compare gpt-4.1-nano gpt-5-nano examples/ticket-triage.yaml\n\n"
             "  modelpick compare groq/openai/gpt-oss-120b gpt-4.1-mini --task extraction")
@guarded
@with_workload_options
def compare(
    models: Annotated[list[str], typer.Argument(help="Two or more MODEL or PROVIDER/MODEL, then optionally a "
                                                     "workload file.", show_default=False)],
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    *,
    workload_options: dict[str, Any],
) -> None:
    """Evaluate the named entries side by side for a workload."""
    from modelpick import service

    workload = None
    if models and models[-1].endswith((".yaml", ".yml")):
        workload, models = Path(models[-1]), models[:-1]
    if not models:
        raise InputError("name at least one model", path="compare")
    result = service.compare(models, workload, registry=registry or [], as_of=day(as_of),
                             **_overrides(workload_options))
    _emit(result, format)


@app.command(epilog="Examples:\n\n  modelpick cost gpt-4.1-nano examples/ticket-triage.yaml\n\n"
             "  modelpick cost claude-haiku-4-5 --input-tokens 2000 --output-tokens 300 --requests-per-day 50000")
@guarded
@with_workload_options
def cost(
    model: Annotated[str, typer.Argument(help="MODEL or PROVIDER/MODEL.", show_default=False)],
    workload: WorkloadArg = None,
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    *,
    workload_options: dict[str, Any],
) -> None:
    """The cost estimate for one entry, broken down by component."""
    from modelpick import service

    _emit(service.cost(model, workload, registry=registry or [], as_of=day(as_of), **_overrides(workload_options)),
          format)


@app.command(epilog="Examples:\n\n  modelpick show gpt-4.1-nano\n\n  modelpick show groq/llama-4-maverick --format json")
@guarded
def show(
    model: Annotated[str, typer.Argument(help="MODEL or PROVIDER/MODEL (id, snapshot or alias).",
                                         show_default=False)],
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    sources: Annotated[bool, typer.Option("--sources", help="Also list every value with the registry layer, "
                                          "file, line and source it came from.")] = False,
) -> None:
    """Everything the registry holds on one entry, with sources."""
    from modelpick import service

    _emit(service.show(model, sources=sources, registry=registry or [], as_of=day(as_of)), format)


@app.command(epilog="Examples:\n\n  modelpick models --provider openai\n\n"
             "  modelpick models --feature tool_calling --modality image --min-context 200000")
@guarded
def models(
    format: FormatOpt = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    providers: Annotated[Optional[list[str]], typer.Option("--provider", help="Only this provider (repeatable).")]
    = None,
    creators: Annotated[Optional[list[str]], typer.Option("--creator", help="Only this creator (repeatable).")]
    = None,
    features: Annotated[Optional[list[str]], typer.Option("--feature", help="Has this feature (repeatable).")]
    = None,
    modalities: Annotated[Optional[list[str]], typer.Option("--modality", help="Takes this input (repeatable).")]
    = None,
    min_context: Annotated[int, typer.Option("--min-context", min=0, help="Context window at least this.")] = 0,
) -> None:
    """List registry entries, filtered by provider, feature, modality or context."""
    from modelpick import service

    result = service.models(providers=providers or [], creators=creators or [], features=features or [],
                            modalities=modalities or [], min_context=min_context, registry=registry or [],
                            as_of=day(as_of))
    _emit(result, format)


@app.command(epilog="Example:\n\n  modelpick tasks --format markdown")
@guarded
def tasks(format: FormatOpt = None) -> None:
    """List task profiles and what each one weighs."""
    from modelpick import service

    _emit(service.tasks(), format)


class CheckFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    plain = "plain"
    json = "json"
    github = "github"
    junit = "junit"


ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="modelpick.yaml to read. Default: the one in this folder or the nearest above.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Warnings fail too.")]


@app.command(epilog="Examples:\n\n  modelpick check\n\n  modelpick check --format github --strict\n\n"
             "  modelpick check --baseline origin/main --format markdown\n\n"
             "Exit codes: 0 nothing fails, 1 a workload fails, 2 the config is wrong.")
@guarded
def check(
    config: ConfigOpt = None,
    format: Annotated[Optional[CheckFormat], typer.Option("--format", "-f", help="Output format.")] = None,
    strict: StrictOpt = False,
    baseline: Annotated[Optional[str], typer.Option(
        "--baseline", help="Git ref: report each workload's monthly cost change against modelpick.yaml there.")]
    = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Check each workload's chosen model in modelpick.yaml against the registry and its policy."""
    from modelpick import service

    result = service.check(config, strict=strict, baseline=baseline, registry=registry or [], as_of=day(as_of))
    _emit(result, format)
    if result.summary["fail"]:
        raise typer.Exit(1)


@app.command(epilog="Examples:\n\n  modelpick init --model gpt-4.1-nano-2025-04-14 --task classification\n\n"
             "  modelpick init --from-scan src  # one workload per model id found in src/\n\n"
             "  modelpick init --model claude-haiku-4-5 --name support-bot --task chat --requests-per-day 5000")
@guarded
def init(
    models: Annotated[Optional[list[str]], typer.Option(
        "--model", help="A chosen model: MODEL or PROVIDER/MODEL (repeatable).")] = None,
    from_scan: Annotated[Optional[list[Path]], typer.Option(
        "--from-scan", help="Add a workload for each known model id `modelpick scan` finds here (repeatable).")]
    = None,
    task: Annotated[Optional[str], typer.Option("--task", help="Task profile id (default: none written; the "
                                                "starter lists them in a comment and `check` assumes chat).")]
    = None,
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
                           requests_per_day=requests_per_day, force=force, registry=registry or [],
                           as_of=day(as_of))
    _warn(f"wrote {written}; run `modelpick check`")


@app.command(epilog="Examples:\n\n  modelpick scan\n\n  modelpick scan src config --format github --strict\n\n"
             "Exit codes: 0 nothing unknown or retired, 1 otherwise (deprecated and retiring too with --strict), "
             "2 a wrong path or option.")
@guarded
def scan(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default: this folder).",
                                                          show_default=False)] = None,
    format: Annotated[Optional[CheckFormat], typer.Option("--format", "-f", help="Output format.")] = None,
    strict: StrictOpt = False,
    retirement_warning_days: Annotated[int, typer.Option("--retirement-warning-days", min=0,
                                                         help="Shutdown this close counts as retiring.")] = 90,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Find model ids in source and config files; flag unknown, retired, deprecated and unpinned ones."""
    from modelpick import service

    result = service.scan(paths or [], strict=strict, retirement_warning_days=retirement_warning_days,
                          registry=registry or [], as_of=day(as_of))
    _emit(result, format)
    if result.summary.get("failing"):
        raise typer.Exit(1)


def _install_registry_commands() -> None:
    from modelpick.cli_registry import install  # it builds on the options above, so it comes last

    install(app)


_install_registry_commands()


def main() -> None:
    try:
        app()
    except SystemExit:
        try:
            sys.stdout.flush()  # what a command wrote without flushing: fails here, not in the interpreter's exit
        except OSError as exc:
            raise SystemExit(_output_failed(exc)) from None
        raise
    except OSError as exc:
        if exc.errno not in _WRITE_ERRORS:
            raise
        raise SystemExit(_output_failed(exc)) from None
