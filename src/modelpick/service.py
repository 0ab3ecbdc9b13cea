"""What each command does, without any of the command line: inputs in, a typed result out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from modelpick import catalog, ranking
from modelpick.errors import InputError, UnknownTaskError, did_you_mean
from modelpick.examples import workload_path
from modelpick.registry import Registry, load_registry, load_tasks
from modelpick.registry.loader import Tasks
from modelpick.report import Comparison, CostResult, ModelList, ModelShow, Recommendation, TaskList
from modelpick.workload import Workload, load_workload, merge_options
from modelpick.yamlfile import primary_error, validation_error


@dataclass
class Request:
    """A workload file (optional) and the options that override it, keyed by workload key path
    (`input_tokens`, `requires.features`, ...), with the option name each came from."""

    workload_file: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    option_names: dict[str, str] = field(default_factory=dict)
    registry_paths: list[Path] = field(default_factory=list)
    as_of: dt.date = field(default_factory=dt.date.today)


def _workload(request: Request, tasks: Tasks, registry: Registry) -> Workload:
    doc = None
    data: dict[str, Any] = {}
    if request.workload_file is not None:
        data, doc = load_workload(workload_path(request.workload_file))
    merged = merge_options(data, request.overrides)
    try:
        workload = Workload.model_validate(merged)
    except ValidationError as exc:
        err = primary_error(exc)
        loc = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        for key, option in request.option_names.items():
            if request.overrides.get(key) is not None and (loc == key or loc.startswith(key + ".")):
                raise InputError(err["msg"], path=option) from None
        if doc is None:
            raise InputError(err["msg"], path=loc or None) from None
        raise validation_error(doc, exc, model=Workload) from None
    _check_names(workload, tasks, registry, doc, request)
    return workload


def _check_names(workload: Workload, tasks: Tasks, registry: Registry, doc: Any, request: Request) -> None:
    """Names the schema cannot check (task, benchmark keys, providers), blamed on the option that gave
    them, else on the file's line."""
    def fail(message: str, path: tuple[str, ...]) -> InputError:
        option = request.option_names.get(".".join(path[:2]))
        if option and request.overrides.get(".".join(path[:2])) is not None:
            return InputError(message, path=option)
        return doc.error(message, path) if doc else InputError(message, path=".".join(path))

    if workload.task not in tasks.profiles:
        if "task" in request.overrides:
            raise UnknownTaskError(workload.task, tasks.profiles, option="--task")
        if doc is not None:
            raise UnknownTaskError(workload.task, tasks.profiles, file=doc.file, line=doc.line_of(("task",)))
        raise UnknownTaskError(workload.task, tasks.profiles)

    for key in workload.requires.min_quality:
        if key not in tasks.benchmarks:
            raise fail(f"unknown benchmark {key!r}{did_you_mean(key, tasks.benchmarks)}",
                       ("requires", "min_quality", key))
    for name in ("providers", "exclude_providers"):
        for provider in getattr(workload.requires, name):
            if provider not in registry.providers:
                raise fail(f"unknown provider {provider!r}{did_you_mean(provider, registry.providers)}",
                           ("requires", name))


def _context(request: Request) -> tuple[Registry, ranking.Context]:
    registry = load_registry(request.registry_paths)
    tasks = load_tasks()
    workload = _workload(request, tasks, registry)
    return registry, ranking.resolve(workload, tasks, request.as_of)


def recommend(request: Request, top: int | None = None) -> Recommendation:
    registry, ctx = _context(request)
    return ranking.recommend(registry, ctx, top=top)


def compare(request: Request, models: list[str]) -> Comparison:
    registry, ctx = _context(request)
    entries = [registry.get(name) for name in models]
    return ranking.compare(registry, ctx, entries)


def cost(request: Request, model: str) -> CostResult:
    registry, ctx = _context(request)
    return ranking.cost(registry, ctx, registry.get(model))


def show(model: str, registry_paths: list[Path], as_of: dt.date, *, with_origins: bool = False) -> ModelShow:
    registry = load_registry(registry_paths)
    return catalog.show(registry.get(model), as_of, with_origins=with_origins)


def models(registry_paths: list[Path], as_of: dt.date, **filters: Any) -> ModelList:
    registry = load_registry(registry_paths)
    for provider in filters.get("providers") or []:
        if provider not in registry.providers:
            raise InputError(f"unknown provider {provider!r}{did_you_mean(provider, registry.providers)}",
                             path="--provider")
    return catalog.list_models(registry, as_of, **filters)


def tasks() -> TaskList:
    return catalog.list_tasks(load_tasks())


def _baseline_config(config_path: str, ref: str) -> Any:
    """modelpick.yaml as it was at a git ref."""
    import subprocess

    from modelpick.config import parse_config_text

    # The ref reaches git as an argument, never as an option (`--baseline=--output=FILE` would have git write
    # a file): refused when it starts with `-` or holds whitespace or a control character, and put after
    # `--end-of-options` (git >= 2.24; an older git refuses that word, and is asked again without it).
    if not ref or ref.startswith("-") or any(c.isspace() or not c.isprintable() for c in ref):
        raise InputError(f"not a git ref: {ref!r} (a ref cannot start with '-' or hold whitespace or control "
                         "characters)", path="--baseline")
    path = Path(config_path)
    spec = f"{ref}:./{path.name}"
    try:
        for argv in (["git", "show", "--end-of-options", spec], ["git", "show", spec]):
            shown = subprocess.run(argv, cwd=path.parent.resolve(), capture_output=True, text=True, timeout=30)
            if shown.returncode == 0 or "--end-of-options" not in shown.stderr:
                break
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"cannot run git: {exc}", path="--baseline") from None
    if shown.returncode != 0:
        reason = (shown.stderr.strip().splitlines() or ["git show failed"])[-1]
        raise InputError(f"cannot read {path.name} at {ref!r}: {reason}", path="--baseline")
    return parse_config_text(shown.stdout, f"{ref}:{path.name}")


def check(config_path: Path | None, registry_paths: list[Path], as_of: dt.date, *, strict: bool = False,
          baseline: str | None = None) -> Any:
    from modelpick.config import load_config
    from modelpick.gate import run_check

    config = load_config(config_path)
    registry = load_registry(registry_paths)
    old = _baseline_config(config.path, baseline) if baseline else None
    return run_check(config, registry, load_tasks(), as_of, strict=strict, baseline=old)


STARTER_HEAD = """\
# modelpick.yaml: the models this project uses, and the policy `modelpick check` holds them to.
# Workload keys are those of a workload file (see `modelpick recommend --help`); `defaults` apply to every
# workload that does not set its own. Run `modelpick check` locally or in CI (exit 1 when a workload fails).
# No policy is chosen yet: until you uncomment one, `check` fails only when a model is unknown, retired or
# cannot serve its workload, and warns when it is deprecated or shuts down within 90 days.
defaults:
  requests_per_day: {requests_per_day}
  # policy:                        # every rule `check` can hold a workload to; a workload may set its own
  #   max_cost_ratio: 2.0          # fail when an entry as good costs less than half as much
  #   max_rank: 10                 # fail when the chosen model falls below 10th for its workload
  #   require_snapshot: true       # fail unless `model` is a dated snapshot
  #   max_monthly_cost_usd: 500    # fail when a workload costs more than this a month
  #   max_cost_increase: 0.1       # with --baseline: fail when the monthly cost rises by more than 10%
  #   retirement_warning_days: 90  # warn this long before the chosen model shuts down (default 90)
workloads:
"""


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's): no name or id can break the file."""
    import json

    return json.dumps(value)


def _workload_block(name: str, model: str, found: str | None, task: str | None, input_tokens: int | None,
                    output_tokens: int | None, tasks: Tasks) -> str:
    """One workload of the starter. A task or token count the user did not give is left commented out, with
    what `check` assumes meanwhile: a guessed task would fail `check` on a model that is fine for its real one."""
    import textwrap

    from modelpick.workload import DEFAULT_TASK

    where = f"  # found at {_quoted(found)[1:-1]}" if found else ""  # escaped: a file name may hold a line break
    lines = [f"  - name: {_quoted(name)}", f"    model: {_quoted(model)}{where}"]
    if task is not None:
        lines.append(f"    task: {_quoted(task)}  # `modelpick tasks` lists them")
    else:
        lines += textwrap.wrap(f"# task: {_quoted(DEFAULT_TASK)}  # {DEFAULT_TASK} until you choose; one of: "
                               f"{', '.join(tasks.profiles)}", width=110, initial_indent="    ",
                               subsequent_indent="    #   ", break_on_hyphens=False)
    for key, value, note in (("input_tokens", input_tokens, "per request; default: the task's typical count"),
                             ("output_tokens", output_tokens, "visible, per request; default: the same")):
        lines.append(f"    {key}: {value}" if value is not None else f"    # {key}: N  # {note}")
    return "\n".join(lines) + "\n"


@dataclass
class InitRequest:
    models: list[str]
    from_scan: list[Path] | None = None
    task: str | None = None  # None: not chosen; the starter leaves it commented out
    name: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    requests_per_day: int = 1000


def _scanned_models(paths: list[Path], registry: Registry, as_of: dt.date) -> list[tuple[str, str]]:
    """(model as written, where first found) for each distinct registry entry the scan finds."""
    from modelpick.scanner import scan as run_scan

    seen: dict[str, tuple[str, str]] = {}
    for finding in run_scan(paths, registry, as_of).findings:
        if finding.model is None or finding.status == "unknown":
            continue
        key = f"{finding.provider}/{finding.model}" if finding.provider else finding.text
        written = finding.text
        if finding.provider and not written.startswith(f"{finding.provider}/"):
            written = f"{finding.provider}/{written}"  # as written, with the provider that serves it
        seen.setdefault(key, (written, f"{finding.path}:{finding.line}"))
    if not seen:
        raise InputError("found no model id the registry knows; name one with --model",
                         path="--from-scan " + " ".join(str(p) for p in paths))
    return list(seen.values())


def init(path: Path, request: InitRequest, *, force: bool, registry_paths: list[Path], as_of: dt.date) -> Path:
    from modelpick.files import refuse_inputs, write_file

    if path.is_dir():
        raise InputError("is a folder", file=str(path))
    if path.exists() and not force:
        raise InputError("already exists; --force overwrites it", file=str(path))
    if path.is_symlink() and not path.exists() and not force:  # a write would create the file it names, elsewhere
        raise InputError("a broken symlink (it leads nowhere); --force replaces the link", file=str(path))
    registry = load_registry(registry_paths)
    tasks = load_tasks()
    if request.task is not None and request.task not in tasks.profiles:
        raise UnknownTaskError(request.task, tasks.profiles, option="--task")
    chosen: list[tuple[str, str | None]] = []
    for model in request.models:
        entry = registry.get(model)
        chosen.append((model if "/" in model else f"{entry.provider}/{model}", None))
    if request.from_scan is not None:
        chosen += _scanned_models(request.from_scan, registry, as_of)
    if not chosen:
        raise InputError("name a model with --model, or find them with --from-scan", path="init")
    # Token counts: those given; else, with a task chosen, its typical counts; else left to `check`.
    example = tasks.profiles[request.task].example if request.task is not None else {}
    input_tokens = request.input_tokens if request.input_tokens is not None else example.get("input_tokens")
    output_tokens = request.output_tokens if request.output_tokens is not None else example.get("output_tokens")
    blocks = []
    for index, (model, found) in enumerate(chosen):
        name = request.name if request.name and len(chosen) == 1 else model.rsplit("/", 1)[-1]
        if request.name and len(chosen) > 1:
            name = f"{request.name}-{index + 1}"
        blocks.append(_workload_block(name, model, found, request.task, input_tokens, output_tokens, tasks))
    refuse_inputs([path], [*registry_paths, *(request.from_scan or [])], "init")
    write_file(path, STARTER_HEAD.format(requests_per_day=request.requests_per_day) + "".join(blocks))
    return path


def scan(paths: list[Path], registry_paths: list[Path], as_of: dt.date, *, strict: bool = False,
         retirement_warning_days: int = 90) -> Any:
    from modelpick import scanner

    result = scanner.scan(paths, load_registry(registry_paths), as_of, retirement_warning_days)
    failing = scanner.failing_count(result, strict)  # cut findings count; so do skipped paths under --strict
    return result.model_copy(update={"strict": strict, "summary": {**result.summary, "failing": failing}})


# Registry tooling ----------------------------------------------------------------------------------------


def registry_validate(paths: list[Path], today: dt.date, max_age: int | None) -> Any:
    from modelpick.upkeep.validate import validate

    return validate(paths, today=today, max_age=max_age)


def registry_export(fmt: str, registry_paths: list[Path], as_of: dt.date) -> str:
    from modelpick.upkeep.export import export

    return export(load_registry(registry_paths), fmt, as_of)


def standalone_registry(spec: str) -> Registry:
    """A registry file or folder on its own (not layered on the bundled data); `bundled` is the data
    modelpick ships."""
    from modelpick.registry.layers import LayerPath, bundled_layer, yaml_files
    from modelpick.registry.loader import bundled_data, load_entries

    if spec == "bundled":
        files = bundled_layer(bundled_data() / "models")
    else:
        files = [LayerPath(spec, p, str(p)) for p in yaml_files(Path(spec))]
    return Registry(load_entries(files))


def registry_diff(old: str, new: str, workload_files: list[Path], as_of: dt.date) -> Any:
    from modelpick.upkeep.diff import diff

    before, after = standalone_registry(old), standalone_registry(new)
    tasks = load_tasks()
    workloads = []
    for path in workload_files:
        workload = _workload(Request(workload_file=path, as_of=as_of), tasks, after)
        workloads.append((workload.name or path.stem, workload))
    return diff(before, after, workloads, tasks, as_of, old_label=old, new_label=new)


def registry_import(fmt: str, path: Path, outdir: Path, providers: list[str], *, force: bool,
                    progress: Any = None) -> Any:
    """Convert a foreign registry into provider files under `outdir`; never over an existing file
    without `force`, and nothing is written when any target exists."""
    from modelpick.files import refuse_inputs
    from modelpick.report import ImportResult
    from modelpick.upkeep.foreign import read_foreign, write_provider_files

    if outdir.exists() and not outdir.is_dir():
        raise InputError("is not a folder", file=str(outdir), path="--output")
    foreign = read_foreign(fmt, path, providers, progress=progress)
    unknown = [p for p in providers if p not in foreign.providers]
    if unknown:
        raise InputError(f"no chat models of provider {unknown[0]!r} in this file", file=str(path),
                         path="--provider")
    targets = [outdir / f"{p}.yaml" for p in foreign.providers]
    refuse_inputs(targets, [path], "--output")
    for target in targets:  # even with --force: replacing a folder would delete what it holds
        if target.is_dir() or (target.exists() and not target.is_file()):
            raise InputError(f"{target} is {'a folder' if target.is_dir() else 'not a regular file'}, where a "
                             "provider file would go; move it out of the way", path="--output")
    existing = [target for target in targets if target.exists()]
    if existing and not force:
        raise InputError(f"{existing[0]} exists (and {len(existing) - 1} more); use --force to overwrite"
                         if len(existing) > 1 else f"{existing[0]} exists; use --force to overwrite",
                         path="--output")
    written = write_provider_files(foreign, outdir)
    return ImportResult(format=fmt, file=str(path), read=foreign.read, total=foreign.total,
                        imported=foreign.imported, skipped=foreign.skipped, filtered=foreign.filtered,
                        providers={p: len(d["models"]) for p, d in foreign.providers.items()},
                        written=[str(p) for p in written])


def registry_audit(fmt: str, path: Path, registry_paths: list[Path], tolerance: float, *,
                   progress: Any = None) -> Any:
    from modelpick.upkeep.audit import audit
    from modelpick.upkeep.foreign import read_foreign

    return audit(load_registry(registry_paths), read_foreign(fmt, path, progress=progress), tolerance)
