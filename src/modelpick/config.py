"""The project config, modelpick.yaml: defaults plus a list of workloads, each with its chosen model and policy."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from modelpick.errors import InputError
from modelpick.files import CONFIG_FILE, too_large
from modelpick.workload import MAX_USD, Workload, _Strict
from modelpick.yamlfile import LocatedYaml, parse_yaml, primary_error, read_yaml, validation_error

CONFIG_NAME = "modelpick.yaml"


class Policy(_Strict):
    max_cost_ratio: float | None = Field(default=None, gt=0, le=1e6, description="fail when an entry with at least the "
                                         "chosen quality costs less than the chosen cost divided by this")
    max_rank: int | None = Field(default=None, ge=1, le=100_000, description="fail when the chosen entry ranks below this")
    retirement_warning_days: int = Field(default=90, ge=0, le=3650)
    require_snapshot: bool = False
    max_monthly_cost_usd: float | None = Field(default=None, ge=0, le=MAX_USD)
    max_cost_increase: float | None = Field(default=None, ge=0, le=1e6, description="with --baseline: fail when the "
                                            "monthly cost rises by more than this ratio (0.1 = 10%)")


class ConfigWorkload(Workload):
    model: str = Field(min_length=1)
    policy: Policy = Policy()


@dataclass(frozen=True)
class ConfiguredWorkload:
    name: str
    line: int | None
    workload: ConfigWorkload
    task_line: int | None = None


@dataclass(frozen=True)
class Config:
    path: str
    workloads: list[ConfiguredWorkload]


def _merge(defaults: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """A workload's keys win over the defaults; `requires` and `policy` merge key by key."""
    merged = {**defaults, **own}
    for key in ("requires", "policy"):
        if isinstance(defaults.get(key), dict) and isinstance(own.get(key), dict):
            merged[key] = {**defaults[key], **own[key]}
    return merged


def parse_config(doc: LocatedYaml) -> Config:
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error("expected a mapping with defaults: and workloads:")
    unknown = [key for key in data if key not in ("defaults", "workloads")]
    if unknown:
        from modelpick.errors import did_you_mean

        key = unknown[0]  # in file order; YAML keys may be numbers or null, which have no "did you mean"
        raise doc.error(f"unknown key{did_you_mean(str(key), ['defaults', 'workloads'])}", (str(key),))
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise doc.error("expected a mapping of workload keys and policy", ("defaults",))
    workloads = data.get("workloads")
    if not isinstance(workloads, list) or not workloads:
        raise doc.error("expected a list of workloads, each with model: and workload keys", ("workloads",))
    out = []
    for index, raw in enumerate(workloads):
        path = ("workloads", index)
        if not isinstance(raw, dict):
            raise doc.error("expected a mapping with model: and workload keys", path)
        try:
            parsed = ConfigWorkload.model_validate(_merge(defaults, raw))
        except ValidationError as exc:
            err_loc = primary_error(exc)["loc"]
            # A bad value inherited from defaults points at defaults; anything else at the workload.
            inherited = bool(err_loc) and err_loc[0] not in raw and err_loc[0] in defaults
            prefix = ("defaults",) if inherited else path
            raise validation_error(doc, exc, prefix=prefix, model=ConfigWorkload) from None
        name = parsed.name or f"{parsed.model} #{index + 1}"
        task_line = doc.line_of((*path, "task") if "task" in raw else ("defaults", "task"))
        out.append(ConfiguredWorkload(name, doc.line_of(path), parsed, task_line))
    names = [w.name for w in out]
    for index, name in enumerate(names):
        if names.index(name) != index:
            raise doc.error(f"workload name {name!r} is used twice", ("workloads", index, "name"))
    return Config(doc.file, out)


def find_config(start: Path) -> Path:
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise InputError(f"no {CONFIG_NAME} in {start} or above; --config names one, `modelpick init` writes one")


def load_config(path: Path | None, cwd: Path | None = None) -> Config:
    here = (cwd or Path.cwd()).resolve()
    if path is None:
        found = find_config(here)
        # Shown relative to where modelpick runs (a CI job's checkout), as annotations need.
        return parse_config(read_yaml(found, os.path.relpath(found, here), kind=CONFIG_FILE))
    return parse_config(read_yaml(path, str(path), kind=CONFIG_FILE))


def parse_config_text(text: str, name: str) -> Config:
    size = len(text.encode())
    if size > CONFIG_FILE.max_bytes:
        raise too_large(size, CONFIG_FILE, name)
    return parse_config(parse_yaml(text, name))
