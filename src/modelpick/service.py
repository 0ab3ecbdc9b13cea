"""What each command does, without any of the command line: inputs in, a typed result out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from modelpick import catalog, ranking
from modelpick.errors import InputError, UnknownTaskError, did_you_mean
from modelpick.registry import Registry, load_registry, load_tasks
from modelpick.registry.loader import Tasks
from modelpick.report import Comparison, CostResult, ModelList, ModelShow, Recommendation, TaskList
from modelpick.workload import Workload, load_workload, merge_options
from modelpick.yamlfile import validation_error


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
        data, doc = load_workload(request.workload_file)
    merged = merge_options(data, request.overrides)
    try:
        workload = Workload.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors()[0]
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


def show(model: str, registry_paths: list[Path], as_of: dt.date) -> ModelShow:
    registry = load_registry(registry_paths)
    return catalog.show(registry.get(model), as_of)


def models(registry_paths: list[Path], as_of: dt.date, **filters: Any) -> ModelList:
    registry = load_registry(registry_paths)
    for provider in filters.get("providers") or []:
        if provider not in registry.providers:
            raise InputError(f"unknown provider {provider!r}{did_you_mean(provider, registry.providers)}",
                             path="--provider")
    return catalog.list_models(registry, as_of, **filters)


def tasks() -> TaskList:
    return catalog.list_tasks(load_tasks())
