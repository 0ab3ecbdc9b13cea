"""The Python API: the same evaluations as the commands, returning the typed results the renderers read
(`result.model_dump_json()` is the command's `--format json`).

    from modelpick import recommend
    result = recommend("examples/ticket-triage.yaml", top=3)               # a workload file (or a bare example name)
    result = recommend({"task": "coding", "input_tokens": 12000}, requires={"features": ["tool_calling"]})
    for entry in result.ranking:
        print(entry.rank, entry.provider, entry.model, entry.cost.per_month, entry.reasoning.effort)

A workload is a file path, a mapping of workload keys, or None (the task profile's defaults); keyword
arguments override its keys, as options override a file on the command line. Errors are modelpick's typed
errors (`modelpick.errors.ModelpickError` and its kinds), never an exit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from modelpick import service
from modelpick.report import CheckResult, Comparison, CostResult, Recommendation

Workload = str | Path | Mapping[str, Any] | None


def _request(workload: Workload, overrides: Mapping[str, Any], registry: Sequence[str | Path],
             as_of: dt.date | None) -> service.Request:
    """A service request: a file stays a file (its errors name its lines); a mapping becomes overrides."""
    keys: dict[str, Any] = {}
    for source in ([workload] if isinstance(workload, Mapping) else []) + [overrides]:
        for key, value in source.items():
            if key == "requires" and isinstance(value, Mapping):
                keys.update({f"requires.{k}": v for k, v in value.items()})
            else:
                keys[key] = value
    path = Path(workload) if isinstance(workload, (str, Path)) else None
    return service.Request(workload_file=path, overrides=keys, registry_paths=[Path(p) for p in registry],
                           as_of=as_of or dt.date.today())


def recommend(workload: Workload = None, *, top: int | None = None, registry: Sequence[str | Path] = (),
              as_of: dt.date | None = None, **overrides: Any) -> Recommendation:
    """Every registry entry ranked for the workload, and the excluded with every reason."""
    return service.recommend(_request(workload, overrides, registry, as_of), top=top)


def compare(models: Sequence[str], workload: Workload = None, *, registry: Sequence[str | Path] = (),
            as_of: dt.date | None = None, **overrides: Any) -> Comparison:
    """The same evaluation for the named entries only (MODEL or PROVIDER/MODEL, snapshot or alias)."""
    return service.compare(_request(workload, overrides, registry, as_of), list(models))


def cost(model: str, workload: Workload = None, *, registry: Sequence[str | Path] = (),
         as_of: dt.date | None = None, **overrides: Any) -> CostResult:
    """The cost estimate for one entry, broken down, with the effort and hidden tokens it assumed."""
    return service.cost(_request(workload, overrides, registry, as_of), model)


def check(config: str | Path | None = None, *, strict: bool = False, registry: Sequence[str | Path] = (),
          as_of: dt.date | None = None) -> CheckResult:
    """`modelpick check`: does each workload's chosen model in modelpick.yaml still hold?"""
    return service.check(Path(config) if config is not None else None, [Path(p) for p in registry],
                         as_of or dt.date.today(), strict=strict)


def scan(paths: Sequence[str | Path] = (".",), *, strict: bool = False, registry: Sequence[str | Path] = (),
         as_of: dt.date | None = None, retirement_warning_days: int = 90) -> Any:
    """`modelpick scan`: model ids in source and config files, judged against the registry."""
    return service.scan([Path(p) for p in paths], [Path(p) for p in registry], as_of or dt.date.today(),
                        strict=strict, retirement_warning_days=retirement_warning_days)


__all__ = ["check", "compare", "cost", "recommend", "scan"]
