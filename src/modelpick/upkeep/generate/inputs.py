"""The build's inputs: the dated source snapshots and the hand-written selection, read once.

The selection files (scripts/registry_selection*.yaml) and the efforts file (scripts/reasoning_efforts.yaml)
are checked against a schema with unknown keys refused, so a misspelt key is an error naming its file, line
and key path, not a value silently left out.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from modelpick.files import FileKind
from modelpick.yamlfile import read_yaml, validation_error

from .common import BuildError

SELECTION_FILE = FileKind("a selection file", 8 * 1024 * 1024)
FACT_FIELDS = ("release_date", "knowledge_cutoff", "context_window", "max_output_tokens", "modalities",
               "features", "pricing", "performance", "benchmarks", "lifecycle")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Facts(_Strict):
    """Hand facts: each a cited value that overrides the generated one (see facts.py)."""

    release_date: dict[str, Any] | None = None
    knowledge_cutoff: dict[str, Any] | None = None
    context_window: dict[str, Any] | None = None
    max_output_tokens: dict[str, Any] | None = None
    modalities: dict[str, Any] | None = None
    features: dict[str, Any] | None = None
    pricing: dict[str, Any] | None = None
    performance: dict[str, Any] | None = None
    benchmarks: dict[str, dict[str, Any]] | None = None
    lifecycle: dict[str, Any] | None = None


class _Model(_Strict):
    id: str
    creator: str
    name: str | None = None
    family: str | None = None
    models_dev: str | None = None
    litellm: str | None = None
    litellm_only: bool = False
    open_weights: bool | None = None
    snapshots: list[str] = []
    aliases: list[str] = []
    aa: str | None = None
    aa_speed: str | None = None
    aider: list[str] | None = None
    livebench: str | None = None
    lmarena: str | None = None
    lmarena_vision: str | None = None
    simple_evals: str | None = None
    prefer: dict[str, str] | None = None
    facts: _Facts | None = None
    keep: dict[str, dict[str, str]] | None = None
    price_note: str | None = None
    note: str | None = None


class _Provider(_Strict):
    name: str | None = None
    url: str | None = None
    litellm_prefix: str = ""
    tiers_inclusive: str | None = None
    models: list[_Model]


class _Selection(_Strict):
    read_date: Any = None
    sources: dict[str, dict[str, Any]] = {}
    providers: dict[str, _Provider]


class _Efforts(_Strict):
    class _Entry(_Strict):
        source: str | None = None
        note: str | None = None
        supported: list[str] | None = None
        default: str | None = None
        aa: dict[str, str] | None = None

    read_date: Any = None
    sources: dict[str, dict[str, Any]] = {}
    models: dict[str, _Entry]


def read_checked(path: Path, schema: type[BaseModel]) -> dict[str, Any]:
    """A hand-written YAML file, refused (an InputError naming file, line and key path) unless `schema` takes
    it. The data is returned as read: the schema only checks it."""
    doc = read_yaml(path, str(path), kind=SELECTION_FILE)
    try:
        schema.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc, model=schema) from None
    return doc.data


def merge_selections(paths: list[Path]) -> dict[str, Any]:
    """The selection files as one: later files add sources, providers and models (a provider named twice
    has its models lists joined; its other keys come from the first file that names it)."""
    merged: dict[str, Any] = {"sources": {}, "providers": {}}
    for path in paths:
        part = read_checked(path, _Selection)
        for key, source in (part.get("sources") or {}).items():
            if key in merged["sources"] and merged["sources"][key] != source:
                raise BuildError(f"{path}: source {key!r} differs from an earlier selection file's")
            merged["sources"][key] = source
        for provider, psel in (part.get("providers") or {}).items():
            if provider in merged["providers"]:
                merged["providers"][provider]["models"] += psel.get("models") or []
            else:
                merged["providers"][provider] = psel
        merged.setdefault("read_date", part.get("read_date"))
    return merged


@dataclass(frozen=True)
class SnapshotPaths:
    """Where each dated snapshot is (the script's arguments)."""

    models_dev: Path
    litellm: Path
    artificial_analysis: Path
    aider: Path
    livebench_table: Path
    livebench_categories: Path
    lmarena: Path
    lmarena_vision: Path
    simple_evals: Path
    genai_prices: Path

    def names(self) -> list[str]:
        """The file names, in the order the generated files' header lists them."""
        return [Path(p).name for p in (self.models_dev, self.litellm, self.artificial_analysis, self.aider,
                                       self.livebench_table, self.livebench_categories, self.lmarena,
                                       self.lmarena_vision, self.simple_evals, self.genai_prices)]


@dataclass
class Inputs:
    """Everything one build reads, loaded."""

    models_dev: dict[str, Any]
    litellm: dict[str, Any]
    aa: dict[str, dict[str, Any]]  # by slug
    aider: list[dict[str, Any]]
    livebench: dict[str, dict[str, str]]  # by model name
    livebench_categories: dict[str, list[str]]
    lmarena: dict[str, Any]
    lmarena_vision: dict[str, Any]
    simple_evals: dict[str, dict[str, str]]  # by model name
    genai_prices: dict[str, list[dict[str, Any]]]  # by genai-prices provider id
    selection: dict[str, Any]
    efforts: dict[str, Any]  # "<provider>/<id>" or "*/<id>" -> the efforts file's entry


def _json(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _csv_rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return {row["model"]: row for row in csv.DictReader(f)}


def load_inputs(paths: SnapshotPaths, selections: list[Path], efforts_path: Path) -> Inputs:
    with open(paths.aider, encoding="utf-8") as f:
        aider_runs = yaml.safe_load(f)
    selection = merge_selections(selections)
    efforts = read_checked(efforts_path, _Efforts)
    selection["sources"] = {**efforts.get("sources", {}), **selection["sources"]}  # the selection's own win
    return Inputs(
        models_dev=_json(paths.models_dev), litellm=_json(paths.litellm),
        aa={row["slug"]: row for row in _json(paths.artificial_analysis)["models"]}, aider=aider_runs,
        livebench=_csv_rows(paths.livebench_table), livebench_categories=_json(paths.livebench_categories),
        lmarena=_json(paths.lmarena), lmarena_vision=_json(paths.lmarena_vision),
        simple_evals=_csv_rows(paths.simple_evals),
        genai_prices={p["id"]: p["models"] for p in _json(paths.genai_prices)},
        selection=selection, efforts=efforts["models"],
    )
