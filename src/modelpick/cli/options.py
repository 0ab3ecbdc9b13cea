"""The options commands share: their typer declarations, the workload options (one per workload key), the
overrides they become, and the way back from a key path in an error to the option that gave it."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer._click.globals import get_current_context

from modelpick.cli import completion
from modelpick.effort import EFFORTS
from modelpick.errors import InputError
from modelpick.render import FINDINGS, REPORT, formats_for


def choices(name: str, values: Iterable[str]) -> type[Enum]:
    """A str Enum of these values (typer's choice type), in their order; a member's name is its value with
    `.` and `-` as `_`."""
    return Enum(name, {value.replace(".", "_").replace("-", "_"): value for value in values}, type=str)  # type: ignore[return-value]


ReasoningEffort = choices("ReasoningEffort", EFFORTS)
ServiceTier = choices("ServiceTier", ("standard", "flex", "priority"))
# The --format choices, from render.FORMATS: what a command offers depends on what it prints.
Format = choices("Format", formats_for(REPORT))
CheckFormat = choices("CheckFormat", formats_for(FINDINGS))

FormatOpt = Annotated[Optional[Format], typer.Option(  # type: ignore[valid-type]
    "--format", "-f", help="Output format. Default: table on a terminal, plain when piped.")]
CheckFormatOpt = Annotated[Optional[CheckFormat], typer.Option(  # type: ignore[valid-type]
    "--format", "-f", help="Output format.")]
RegistryOpt = Annotated[Optional[list[Path]], typer.Option(
    "--registry", help="Extra registry file or folder layered over the bundled data (repeatable).")]
# The dates modelpick reasons about: the registry's dates lie in this century, and a horizon added to the
# date (a shutdown warning, a retirement window) must not run past the calendar's end (9999-12-31).
AS_OF_RANGE = (dt.date(1970, 1, 1), dt.date(9000, 12, 31))


def as_of_day(value: dt.datetime | None) -> dt.date:
    """The day an --as-of option names (within AS_OF_RANGE); today when it names none."""
    if value is None:
        return dt.date.today()
    if not AS_OF_RANGE[0] <= value.date() <= AS_OF_RANGE[1]:
        raise typer.BadParameter(f"{value.date()} is outside the dates modelpick reasons about "
                                 f"({AS_OF_RANGE[0]}..{AS_OF_RANGE[1]})")
    return value.date()


# Parsed as a datetime in exactly YYYY-MM-DD (typer's dt.date parsing takes other shapes and words its errors
# otherwise); the command receives the dt.date that as_of_day makes of it, today when none is given.
AsOfOpt = Annotated[Optional[dt.datetime], typer.Option(
    "--as-of", formats=["%Y-%m-%d"], callback=as_of_day,
    help="Date lifecycle is judged at (YYYY-MM-DD, 1970-01-01..9000-12-31). Default: today.")]
TopOpt = Annotated[Optional[int], typer.Option("--top", min=1, help="Show only the first N entries.")]
WorkloadArg = Annotated[Optional[Path], typer.Argument(
    help="Workload YAML file (see examples/). Options override its keys.", show_default=False)]
ModelArg = Annotated[str, typer.Argument(help="MODEL or PROVIDER/MODEL.", show_default=False,
                                         autocompletion=completion.models)]
ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="modelpick.yaml to read. Default: the one in this folder or the nearest above.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Warnings fail too.")]


def _option(name: str, annotation: Any, help: str, key: str, flag: str | None = None,
            **kwargs: Any) -> tuple[str, Any, str, str]:
    """A workload option: its parameter name, typer annotation, workload key path and help."""
    decl = flag or f"--{name.replace('_', '-')}"
    return name, Annotated[annotation, typer.Option(decl, help=help, rich_help_panel="Workload", **kwargs)], key, help


# Every workload key has an option of the same name with dashes; options override the file.
WORKLOAD_OPTIONS = [
    _option("task", Optional[str], "Task profile id (`modelpick tasks` lists them).", "task",
            autocompletion=completion.tasks),
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
            "requires.input_modalities", autocompletion=completion.modalities),
    _option("needs", Optional[list[str]], "Required feature, e.g. tool_calling (repeatable).", "requires.features",
            autocompletion=completion.features),
    _option("min_context", Optional[int], "Minimum context window in tokens.", "requires.min_context"),
    _option("min_output_tokens", Optional[int], "Minimum max-output tokens.", "requires.min_output_tokens"),
    _option("knowledge_after", Optional[dt.datetime], "Knowledge cutoff on or after (YYYY-MM-DD).",
            "requires.knowledge_after", formats=["%Y-%m-%d"]),
    _option("open_weights", Optional[bool], "Open-weight models only.", "requires.open_weights",
            flag="--open-weights/--any-weights"),
    _option("provider", Optional[list[str]], "Allowed provider (repeatable).", "requires.providers",
            autocompletion=completion.providers),
    _option("exclude_provider", Optional[list[str]], "Excluded provider (repeatable).",
            "requires.exclude_providers", autocompletion=completion.providers),
    _option("min_quality", Optional[list[str]], "Minimum benchmark score KEY=VALUE (repeatable).",
            "requires.min_quality", autocompletion=completion.benchmark_keys),
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
    """Add every workload option to a command, and hand them to it as one `workload_options` mapping."""
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


def overrides(options: dict[str, Any]) -> dict[str, Any]:
    """The workload options given, as service keywords: workload keys, and `requires` a mapping."""
    found: dict[str, Any] = {}
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
            found.setdefault(head, {})[rest] = value
        else:
            found[key] = value
    return found


# Workload key path -> the option that sets it.
WORKLOAD_FLAGS = {key: f"--{name.replace('_', '-')}" for name, _annotation, key, _help in WORKLOAD_OPTIONS}


def flag_for(path: str) -> str | None:
    """The option a key path in an error came from: a workload key's option, else the running command's
    parameter of that name (`baseline` -> `--baseline`, `providers` -> `--provider`); None for neither."""
    if "/" in path:
        flags = [flag_for(part) for part in path.split("/")]
        return "/".join(flags) if all(flags) else None  # type: ignore[arg-type]
    for key in sorted(WORKLOAD_FLAGS, key=len, reverse=True):
        if path == key or path.startswith(key + "."):
            return WORKLOAD_FLAGS[key]
    ctx = get_current_context(silent=True)
    for param in ctx.command.params if ctx else []:
        if param.name == path and param.opts[0].startswith("-"):
            return max(param.opts, key=len).split("/")[0]
    return None
