"""What each command does, without any of the command line: inputs in, a typed result out. These functions are
the Python API (`from modelpick import recommend, compare, cost, check, scan`); the command line calls them too.

One calling style: what the command is about comes first (a workload, a model, a config, paths); everything
else is a keyword, and the registry layers (`registry=`) and the day lifecycle is judged on (`as_of=`, default
today) are named the same everywhere. A workload is a file path, a mapping of workload keys, or None (the task
profile's defaults); keyword arguments override its keys as options override a file on the command line
(`requires=` a mapping of requirement keys). Errors are modelpick's typed errors, never an exit; an error in a
value that came from an override names its key path (`requires.providers`), which the command line turns into
the option that gave it (`--provider`).

    from modelpick import recommend
    result = recommend("examples/ticket-triage.yaml", top=3)
    result = recommend({"task": "coding", "input_tokens": 12000}, requires={"features": ["tool_calling"]})
    for entry in result.ranking:
        print(entry.rank, entry.provider, entry.model, entry.cost.per_month, entry.reasoning.effort)

`result.model_dump_json()` is the command's `--format json`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from modelpick import ranking
from modelpick.errors import InputError, UnknownTaskError, did_you_mean
from modelpick.examples import workload_path
from modelpick.registry import Registry, load_registry, load_tasks
from modelpick.registry.loader import Tasks
from modelpick.workload import ResolvedWorkload, Workload, load_workload, merge_options, resolve

if TYPE_CHECKING:
    from modelpick.config import Config
    from modelpick.report import (
        AuditResult,
        CheckResult,
        Comparison,
        CostResult,
        ImportResult,
        ModelList,
        ModelShow,
        Recommendation,
        RegistryDiff,
        ScanResult,
        TaskList,
        ValidationResult,
    )
    from modelpick.report.cascade import CascadeResult
    from modelpick.report.frontier import BreakevenResult, FrontierResult

WorkloadSpec = str | Path | Mapping[str, Any] | None
Paths = Sequence[str | Path]
Progress = Callable[[int, int], None]


def _paths(paths: Paths) -> list[Path]:
    return [Path(p) for p in paths]


def _day(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def _override_keys(workload: WorkloadSpec, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Workload keys by key path (`input_tokens`, `requires.features`): a mapping workload's, then the
    overrides'; `requires` is merged key by key."""
    keys: dict[str, Any] = {}
    for source in ([workload] if isinstance(workload, Mapping) else []) + [overrides]:
        for key, value in source.items():
            if key == "requires" and isinstance(value, Mapping):
                keys.update({f"requires.{k}": v for k, v in value.items()})
            else:
                keys[key] = value
    return keys


def _workload(workload: WorkloadSpec, overrides: Mapping[str, Any], tasks: Tasks, registry: Registry) -> Workload:
    doc = None
    data: dict[str, Any] = {}
    if workload is not None and not isinstance(workload, Mapping):
        data, doc = load_workload(workload_path(Path(workload)))
    given = {k: v for k, v in _override_keys(workload, overrides).items() if v is not None}
    merged = merge_options(data, given)
    try:
        resolved = Workload.model_validate(merged)
    except ValidationError as exc:
        from modelpick.yamlfile import primary_error, validation_error  # yaml: only on an error

        err = primary_error(exc)
        loc = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        if doc is None or any(loc == key or loc.startswith(key + ".") for key in given):
            raise InputError(err["msg"], path=loc or None, argument=True) from None
        raise validation_error(doc, exc, model=Workload) from None
    _check_names(resolved, tasks, registry, doc, given)
    return resolved


def _check_names(workload: Workload, tasks: Tasks, registry: Registry, doc: Any, given: Mapping[str, Any]) -> None:
    """Names the schema cannot check (task, benchmark keys, providers), blamed on the override that gave them
    (by key path), else on the file's line."""
    def fail(message: str, path: tuple[str, ...]) -> InputError:
        if doc is None or ".".join(path[:2]) in given:
            return InputError(message, path=".".join(path), argument=True)
        return doc.error(message, path)

    if workload.task not in tasks.profiles:
        if doc is None or "task" in given:
            raise UnknownTaskError(workload.task, tasks.profiles, path="task")
        raise UnknownTaskError(workload.task, tasks.profiles, file=doc.file, line=doc.line_of(("task",)))

    for key in workload.requires.min_quality:
        if key not in tasks.benchmarks:
            raise fail(f"unknown benchmark {key!r}{did_you_mean(key, tasks.benchmarks)}",
                       ("requires", "min_quality", key))
    for name in ("providers", "exclude_providers"):
        for provider in getattr(workload.requires, name):
            if provider not in registry.providers:
                raise fail(f"unknown provider {provider!r}{did_you_mean(provider, registry.providers)}",
                           ("requires", name))


def _evaluation(workload: WorkloadSpec, overrides: Mapping[str, Any], registry_paths: Paths,
                as_of: dt.date | None) -> tuple[Registry, ResolvedWorkload]:
    registry = load_registry(_paths(registry_paths))
    tasks = load_tasks()
    resolved = _workload(workload, overrides, tasks, registry)
    return registry, resolve(resolved, tasks, _day(as_of))


def recommend(workload: WorkloadSpec = None, *, top: int | None = None, registry: Paths = (),
              as_of: dt.date | None = None, **overrides: Any) -> Recommendation:
    """Every registry entry ranked for the workload, and the excluded with every reason."""
    active, ctx = _evaluation(workload, overrides, registry, as_of)
    return ranking.recommend(active, ctx, top=top)


def compare(models: Sequence[str], workload: WorkloadSpec = None, *, registry: Paths = (),
            as_of: dt.date | None = None, **overrides: Any) -> Comparison:
    """The same evaluation for the named entries only (MODEL or PROVIDER/MODEL, snapshot or alias)."""
    if not models:
        raise InputError("name at least one model", path="models", argument=True)
    active, ctx = _evaluation(workload, overrides, registry, as_of)
    return ranking.compare(active, ctx, [active.get(name) for name in models])


def cost(model: str, workload: WorkloadSpec = None, *, registry: Paths = (), as_of: dt.date | None = None,
         **overrides: Any) -> CostResult:
    """The cost estimate for one entry, broken down, with the effort and hidden tokens it assumed."""
    active, ctx = _evaluation(workload, overrides, registry, as_of)
    return ranking.cost(active, ctx, active.get(model))


def show(model: str, *, sources: bool = False, registry: Paths = (), as_of: dt.date | None = None) -> ModelShow:
    """Everything the registry holds on one entry; with `sources`, where each value came from."""
    from modelpick import catalog  # with the catalog's result models, which no evaluation needs

    entry = load_registry(_paths(registry)).get(model)
    return catalog.show(entry, _day(as_of), with_origins=sources)


def models(*, providers: Sequence[str] = (), creators: Sequence[str] = (), features: Sequence[str] = (),
           modalities: Sequence[str] = (), min_context: int = 0, registry: Paths = (),
           as_of: dt.date | None = None) -> ModelList:
    """Registry entries with every one of the filters (a filter's values are alternatives)."""
    from modelpick import catalog
    from modelpick.registry.schema import FEATURES, MODALITIES

    active = load_registry(_paths(registry))
    for key, values, known in (("providers", providers, active.providers), ("features", features, FEATURES),
                               ("modalities", modalities, MODALITIES)):
        for value in values:
            if value not in known:
                raise InputError(f"unknown value {value!r}{did_you_mean(value, known)}; one of {', '.join(known)}"
                                 if key != "providers" else
                                 f"unknown provider {value!r}{did_you_mean(value, known)}", path=key, argument=True)
    return catalog.list_models(active, _day(as_of), providers=list(providers), creators=list(creators),
                               features=list(features), modalities=list(modalities), min_context=min_context)


def tasks() -> TaskList:
    """The task profiles and what each one weighs."""
    from modelpick import catalog

    return catalog.list_tasks(load_tasks())


def _baseline_config(config_path: str, ref: str) -> Config:
    """modelpick.yaml as it was at a git ref."""
    import subprocess

    from modelpick.config import parse_config_text

    # The ref reaches git as an argument, never as an option (`--baseline=--output=FILE` would have git write
    # a file): refused when it starts with `-` or holds whitespace or a control character, and put after
    # `--end-of-options` (git >= 2.24; an older git refuses that word, and is asked again without it).
    if not ref or ref.startswith("-") or any(c.isspace() or not c.isprintable() for c in ref):
        raise InputError(f"not a git ref: {ref!r} (a ref cannot start with '-' or hold whitespace or control "
                         "characters)", path="baseline", argument=True)
    path = Path(config_path)
    spec = f"{ref}:./{path.name}"
    try:
        for argv in (["git", "show", "--end-of-options", spec], ["git", "show", spec]):
            shown = subprocess.run(argv, cwd=path.parent.resolve(), capture_output=True, text=True, timeout=30)
            if shown.returncode == 0 or "--end-of-options" not in shown.stderr:
                break
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"cannot run git: {exc}", path="baseline", argument=True) from None
    if shown.returncode != 0:
        reason = (shown.stderr.strip().splitlines() or ["git show failed"])[-1]
        raise InputError(f"cannot read {path.name} at {ref!r}: {reason}", path="baseline", argument=True)
    return parse_config_text(shown.stdout, f"{ref}:{path.name}")


def check(config: str | Path | None = None, *, strict: bool = False, baseline: str | None = None,
          registry: Paths = (), as_of: dt.date | None = None) -> CheckResult:
    """`modelpick check`: does each workload's chosen model in modelpick.yaml (this folder's or the nearest
    above, when `config` is None) still hold? With `baseline` (a git ref), each monthly cost is compared with
    modelpick.yaml at that ref."""
    from modelpick.config import load_config
    from modelpick.gate import run_check

    loaded = load_config(Path(config) if config is not None else None)
    active = load_registry(_paths(registry))
    old = _baseline_config(loaded.path, baseline) if baseline else None
    return run_check(loaded, active, load_tasks(), _day(as_of), strict=strict, baseline=old)


def init(path: str | Path = "modelpick.yaml", *, models: Sequence[str] = (), from_scan: Paths | None = None,
         task: str | None = None, name: str | None = None, input_tokens: int | None = None,
         output_tokens: int | None = None, requests_per_day: float = 1000, force: bool = False,
         registry: Paths = (), as_of: dt.date | None = None) -> Path:
    """Write a commented starter modelpick.yaml with a workload per model named or found by a scan; never
    over an existing file without `force`. `task` None leaves the task commented out."""
    from modelpick import starter
    from modelpick.files import refuse_inputs, write_file

    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder", file=str(path))
    if path.exists() and not force:
        raise InputError("already exists; --force overwrites it", file=str(path))
    if path.is_symlink() and not path.exists() and not force:  # a write would create the file it names, elsewhere
        raise InputError("a broken symlink (it leads nowhere); --force replaces the link", file=str(path))
    active = load_registry(_paths(registry))
    profiles = load_tasks()
    if task is not None and task not in profiles.profiles:
        raise UnknownTaskError(task, profiles.profiles, path="task")
    chosen: list[tuple[str, str | None]] = []
    for model in models:
        entry = active.get(model)
        chosen.append((model if "/" in model else f"{entry.provider}/{model}", None))
    if from_scan is not None:
        chosen += starter.scanned_models(_paths(from_scan), active, _day(as_of))
    if not chosen:
        raise InputError("name a model, or find them with a scan", path="models/from_scan", argument=True)
    # Token counts: those given; else, with a task chosen, its typical counts; else left to `check`.
    example = profiles.profiles[task].example if task is not None else {}
    input_tokens = input_tokens if input_tokens is not None else example.get("input_tokens")
    output_tokens = output_tokens if output_tokens is not None else example.get("output_tokens")
    blocks = []
    for index, (model, found) in enumerate(chosen):
        workload_name = name if name and len(chosen) == 1 else model.rsplit("/", 1)[-1]
        if name and len(chosen) > 1:
            workload_name = f"{name}-{index + 1}"
        blocks.append(starter.workload_block(workload_name, model, found, task, input_tokens, output_tokens,
                                             profiles))
    refuse_inputs([path], [*_paths(registry), *_paths(from_scan or [])], "path")
    write_file(path, starter.STARTER_HEAD.format(requests_per_day=starter.number(requests_per_day)) + "".join(blocks))
    return path


def scan(paths: Paths = (), *, strict: bool = False, retirement_warning_days: int = 90, registry: Paths = (),
         as_of: dt.date | None = None) -> ScanResult:
    """`modelpick scan`: model ids in source and config files (this folder when `paths` is empty), judged
    against the registry."""
    from modelpick import scanner

    return scanner.scan(_paths(paths), load_registry(_paths(registry)), _day(as_of), retirement_warning_days,
                        strict=strict)


# Registry upkeep ------------------------------------------------------------------------------------------


def registry_validate(paths: Paths = (), *, max_age: int | None = None,
                      as_of: dt.date | None = None) -> ValidationResult:
    """Schema, duplicates, price sanity, missing sources and (with `max_age` days) stale values."""
    from modelpick.upkeep.validate import validate

    return validate(_paths(paths), today=_day(as_of), max_age=max_age)


def registry_export(format: str, *, registry: Paths = (), as_of: dt.date | None = None) -> str:
    """The active registry as flat rows in `format` (csv, jsonl or sql)."""
    from modelpick.upkeep.export import export

    return export(load_registry(_paths(registry)), format, _day(as_of))


def registry_diff(old: str, new: str, *, workloads: Paths = (), as_of: dt.date | None = None) -> RegistryDiff:
    """Entries added, removed and changed between two registries (a file, a folder or `bundled`, each on
    its own), and what that does to each workload file's top pick and monthly cost."""
    from modelpick.registry.loader import load_standalone
    from modelpick.upkeep.diff import diff

    before, after = load_standalone(old), load_standalone(new)
    profiles = load_tasks()
    named = []
    for path in _paths(workloads):
        workload = _workload(path, {}, profiles, after)
        named.append((workload.name or path.stem, workload))
    return diff(before, after, named, profiles, _day(as_of), old_label=old, new_label=new)


def registry_import(format: str, file: str | Path, *, output: str | Path, providers: Sequence[str] = (),
                    force: bool = False, progress: Progress | None = None) -> ImportResult:
    """Convert a foreign registry into provider files under `output`; never over an existing file without
    `force`, and nothing is written when any target exists."""
    from modelpick.files import refuse_inputs
    from modelpick.report import ImportResult
    from modelpick.upkeep.foreign import read_foreign, write_provider_files

    path, outdir = Path(file), Path(output)
    if outdir.exists() and not outdir.is_dir():
        raise InputError("is not a folder", file=str(outdir), path="output", argument=True)
    foreign = read_foreign(format, path, list(providers), progress=progress)
    unknown = [p for p in providers if p not in foreign.providers]
    if unknown:
        raise InputError(f"no chat models of provider {unknown[0]!r} in this file", file=str(path),
                         path="providers", argument=True)
    targets = [outdir / f"{p}.yaml" for p in foreign.providers]
    refuse_inputs(targets, [path], "output")
    for target in targets:  # even with --force: replacing a folder would delete what it holds
        if target.is_dir() or (target.exists() and not target.is_file()):
            raise InputError(f"{target} is {'a folder' if target.is_dir() else 'not a regular file'}, where a "
                             "provider file would go; move it out of the way", path="output", argument=True)
    existing = [target for target in targets if target.exists()]
    if existing and not force:
        raise InputError(f"{existing[0]} exists (and {len(existing) - 1} more); use --force to overwrite"
                         if len(existing) > 1 else f"{existing[0]} exists; use --force to overwrite",
                         path="output", argument=True)
    written = write_provider_files(foreign, outdir)
    return ImportResult(format=format, file=str(path), read=foreign.read, total=foreign.total,
                        imported=foreign.imported, skipped=foreign.skipped, filtered=foreign.filtered,
                        providers={p: len(d["models"]) for p, d in foreign.providers.items()},
                        written=[str(p) for p in written])


def registry_audit(format: str, file: str | Path, *, tolerance: float = 0.0, registry: Paths = (),
                   as_of: dt.date | None = None, progress: Progress | None = None) -> AuditResult:
    """Every disagreement between the active registry and a foreign one, with the prices in force on `as_of`
    on both sides."""
    from modelpick.upkeep.audit import audit
    from modelpick.upkeep.foreign import read_foreign

    active = load_registry(_paths(registry))
    return audit(active, read_foreign(format, Path(file), progress=progress, registry=active), tolerance,
                 _day(as_of))


def cascade(workload: WorkloadSpec = None, *, chain: Sequence[str] = (), escalation_rates: Sequence[float] = (),
            depth: int = 2, top: int | None = None, registry: Paths = (), as_of: dt.date | None = None,
            **overrides: Any) -> CascadeResult:
    """`modelpick cascade`: the blended cost and expected quality of a chain of two or more models (MODEL or
    PROVIDER/MODEL), each handing a share of its requests to the next (`escalation_rates`: one per hand-off,
    0..1); without a chain, the best chains of `depth` stages (2 or 3) at one rate for every hand-off (default
    0.2), the first `top` (default 10). The formulas are in modelpick.cascade."""
    from modelpick import cascade as cascades

    active, ctx = _evaluation(workload, overrides, registry, as_of)
    if chain:
        return cascades.chain(active, ctx, [active.get(name) for name in chain], list(escalation_rates))
    return cascades.search(active, ctx, depth, list(escalation_rates) or [cascades.DEFAULT_RATE],
                           10 if top is None else top)


def frontier(workload: WorkloadSpec = None, *, registry: Paths = (), as_of: dt.date | None = None,
             **overrides: Any) -> FrontierResult:
    """`modelpick frontier`: the cost/quality Pareto frontier of the entries that fit the workload and whose
    quality is known (the evaluation `recommend` ranks), each dominated entry naming one that dominates it, with
    speed as a third view; the others listed with why. The definitions are in modelpick.frontier."""
    from modelpick import frontier as frontiers

    active, ctx = _evaluation(workload, overrides, registry, as_of)
    return frontiers.frontier(active, ctx)


def breakeven(workload: WorkloadSpec = None, *, between: Sequence[str] = (), registry: Paths = (),
              as_of: dt.date | None = None, **overrides: Any) -> BreakevenResult:
    """`modelpick breakeven`: for two entries (`between`: MODEL or PROVIDER/MODEL, two different ones), the
    requests per day, cached-input ratio, output length and batch share at which the cheaper of them changes,
    the rest of the workload held fixed; or never, and why. The formulas are in modelpick.breakeven."""
    from modelpick import breakeven as breakevens

    if len(between) != 2:
        raise InputError(f"name two models to compare, not {len(between)}", path="between", argument=True)
    active, ctx = _evaluation(workload, overrides, registry, as_of)
    a, b = (active.get(name) for name in between)
    if a.key == b.key:
        same = f"both name {a.key}" if between[0] != between[1] else f"{between[0]!r} twice"
        raise InputError(f"name two different models: {same}", path="between", argument=True)
    return breakevens.breakeven(active, ctx, load_tasks(), a, b)


# Usage logs ---------------------------------------------------------------------------------------------

if TYPE_CHECKING:
    from modelpick.report.replay import Profile, ReplayResult


def _candidates(active: Registry, models: Sequence[str]) -> list[Any]:
    entries = {}
    for name in models:
        entry = active.get(name)
        entries.setdefault(entry.key, entry)
    return list(entries.values())


def replay(log: str | Path, *, models: Sequence[str] = (), log_format: str | None = None, registry: Paths = (),
           as_of: dt.date | None = None, progress: Progress | None = None) -> ReplayResult:
    """`modelpick replay`: a usage log (`log_format` one of replay.LOG_FORMATS, else told from its first row)
    repriced on the models that served it and on each of `models`, in total, per day and per model, at the
    prices in force on `as_of`. The method is in modelpick.replay.reprice."""
    from modelpick.replay.reprice import replay as reprice

    active = load_registry(_paths(registry))
    return reprice(active, Path(log), log_format, _candidates(active, models), _day(as_of), progress)


def replay_sql(table: str, dialect: str, *, models: Sequence[str] = (), registry: Paths = ()) -> str:
    """`modelpick replay TABLE --sql DIALECT`: the query that does `replay`'s repricing in a warehouse, over a
    log table and the tables of `registry export --format sql` (modelpick.replay.sql)."""
    from modelpick.replay.sql import query

    active = load_registry(_paths(registry))
    return query(table, dialect, [(e.provider, e.id) for e in _candidates(active, models)])


def profile(log: str | Path, *, output: str | Path | None = None, force: bool = False,
            log_format: str | None = None, registry: Paths = (), progress: Progress | None = None) -> Profile:
    """`modelpick profile`: the workload a usage log implies (modelpick.replay.profile); written to `output`
    when given (atomically; never over an existing file without `force`; nothing written on an error)."""
    from modelpick.files import refuse_inputs, write_file
    from modelpick.replay.profile import profile as derive

    target = Path(output) if output is not None else None
    if target is not None:
        if target.is_dir():
            raise InputError("is a folder", file=str(target))
        if target.exists() and not force:
            raise InputError("already exists; --force overwrites it", file=str(target))
        refuse_inputs([target], [Path(log)], "output")
    result = derive(load_registry(_paths(registry)), Path(log), log_format, progress)
    if target is None:
        return result
    write_file(target, result.text)
    return result.model_copy(update={"written": str(target)})
