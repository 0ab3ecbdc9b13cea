"""JSON Schemas of modelpick's file formats and of its JSON output, generated from the pydantic models.

`modelpick schema KIND` prints `schema_text(KIND)`. The repository keeps the same text in
schemas/<kind>.schema.json so editors can check YAML files that name it, e.g.

    # yaml-language-server: $schema=../schemas/workload.schema.json

After a change to a model, regenerate the committed files with `python scripts/update_schemas.py`.

Some rules live in validators and cannot be said in JSON Schema (a citation's source must be a key of the
file's `sources:`, a task's benchmarks must be described under `benchmarks:`, requests_per_day and
requests_per_month exclude each other); `modelpick registry validate` and the commands still check them.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from modelpick.errors import ModelpickError, did_you_mean

SCHEMA_KINDS = ("registry", "workload", "config", "output", "tasks")

DIALECT = "https://json-schema.org/draft/2020-12/schema"
REGENERATE = "python scripts/update_schemas.py"

_ABOUT = {
    "registry": ("modelpick registry file",
                 "One provider's models (data/models/<provider>.yaml, or a file in a registry layer). Prices are "
                 "USD per 1M tokens. Every value cites `source`: a key of the file's `sources:` table, or a URL "
                 "or data set together with `read`."),
    "workload": ("modelpick workload",
                 "What a caller wants done, how much of it and what it requires: the WORKLOAD file of "
                 "`modelpick recommend`, `compare` and `cost`."),
    "config": ("modelpick.yaml",
               "The project config read by `modelpick check`: `defaults` (workload keys and `policy`) merged "
               "into each of `workloads`, each naming its chosen `model`."),
    "output": ("modelpick JSON output",
               "Any document `modelpick ... --format json` prints; `schema_version` tells its version."),
    "tasks": ("modelpick task profiles",
              "data/tasks.yaml: the benchmarks modelpick knows and, per task, how they weigh in quality, the "
              "default balance of quality, cost and speed, and hard floors."),
}


class UnknownSchemaError(ModelpickError):
    def __init__(self, kind: str) -> None:
        super().__init__(f"unknown schema {kind!r}{did_you_mean(kind, SCHEMA_KINDS)}; "
                         f"one of: {', '.join(SCHEMA_KINDS)}")
        self.kind = kind


def schema_id(kind: str) -> str:
    # A URN: stable, names no host that could go away, and resolves `#/$defs/...` references.
    return f"urn:modelpick:schema:{kind}"


def schema_filename(kind: str) -> str:
    return f"{kind}.schema.json"


def _generator() -> type:
    from pydantic.json_schema import GenerateJsonSchema

    class Generator(GenerateJsonSchema):
        def decimal_schema(self, schema: Any) -> dict[str, Any]:
            # Registry prices are Decimals that YAML files write as numbers. pydantic would also offer a
            # numeric string, which editors would then suggest and which no registry file uses.
            if self.mode == "validation":
                return {"type": "number"}
            return super().decimal_schema(schema)

        def field_is_required(self, field: Any, total: bool) -> bool:
            # JSON output dumps every field (nothing is excluded), so a field with a default is still always
            # there; saying so lets consumers rely on it.
            if self.mode == "serialization" and field.get("serialization_exclude_if") is None:
                return True
            return super().field_is_required(field, total)

    return Generator


def output_models() -> list[type]:
    """Every JSON document modelpick prints: the subclasses of `report.Output` that modelpick defines, in the
    order modelpick.report defines them (the output schema's anyOf follows it). Found, not listed: a command
    with a new result type has it subclass Output (then regenerate the schemas). Imported here, on first use,
    so that importing this module does not import the result models."""
    from modelpick import report

    # Imported on first use (report.__getattr__), so in whatever order the process needed them: import them all,
    # then order the documents by module as report.EXPORTS lists them, and within one by definition.
    modules = [importlib.import_module(f"modelpick.report.{name}").__name__ for name in report.EXPORTS]
    found: list[type] = []

    def collect(cls: type) -> None:
        for sub in cls.__subclasses__():  # in definition order
            if sub.__module__.partition(".")[0] == "modelpick":  # not a test's own subclass
                found.append(sub)
            collect(sub)

    collect(report.Output)
    last = len(modules)  # a document defined outside modelpick.report
    return sorted(found, key=lambda cls: modules.index(cls.__module__) if cls.__module__ in modules else last)


def _model_schema(model: Any) -> dict[str, Any]:
    return model.model_json_schema(mode="validation", schema_generator=_generator())


def _config_schema() -> dict[str, Any]:
    """modelpick.yaml is parsed by hand (config.parse_config), not by one model: describe it around
    ConfigWorkload, whose keys both `defaults` and each of `workloads` take."""
    from modelpick.config import ConfigWorkload

    workload = _model_schema(ConfigWorkload)
    defs = workload.pop("$defs", {})
    # `model` may come from defaults, so only the whole file can say where it is required.
    workload["required"] = [key for key in workload.get("required", []) if key != "model"]
    if not workload["required"]:
        del workload["required"]
    defs["ConfigWorkload"] = workload
    ref = {"$ref": "#/$defs/ConfigWorkload"}
    return {
        "type": "object",
        "properties": {
            "defaults": {"anyOf": [ref, {"type": "null"}],
                         "description": "workload keys and policy every workload starts from; a workload's "
                                        "own keys win, `requires` and `policy` merge key by key"},
            "workloads": {"type": "array", "items": ref, "minItems": 1,
                          "description": "each with the chosen `model`; `name` must be unique"},
        },
        "required": ["workloads"],
        "additionalProperties": False,
        "if": {"properties": {"defaults": {"type": "object", "required": ["model"]}}, "required": ["defaults"]},
        "else": {"properties": {"workloads": {"items": {"required": ["model"]}}}},
        "$defs": defs,
    }


def _output_schema() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema

    models = output_models()
    refs, top = models_json_schema([(model, "serialization") for model in models], schema_generator=_generator())
    # anyOf, not oneOf: result models do not forbid extra keys, and a new one may overlap an old one.
    return {"anyOf": [refs[(model, "serialization")] for model in models], "$defs": top["$defs"]}


def _body(kind: str) -> dict[str, Any]:
    if kind == "registry":
        from modelpick.registry.schema import ProviderFile

        return _model_schema(ProviderFile)
    if kind == "tasks":
        from modelpick.registry.schema import TaskFile

        return _model_schema(TaskFile)
    if kind == "workload":
        from modelpick.workload import Workload

        return _model_schema(Workload)
    if kind == "config":
        return _config_schema()
    return _output_schema()


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one of SCHEMA_KINDS."""
    if kind not in SCHEMA_KINDS:
        raise UnknownSchemaError(kind)
    body = _body(kind)
    title, description = _ABOUT[kind]
    head = {"$schema": DIALECT, "$id": schema_id(kind), "title": title, "description": description}
    rest = {k: v for k, v in body.items() if k not in ("title", "description", "$defs")}
    # $defs last: the top-level keys are what a reader looks for first.
    return {**head, **rest, **({"$defs": body["$defs"]} if body.get("$defs") else {})}


def schema_text(kind: str) -> str:
    """The schema as committed in schemas/ and printed by `modelpick schema`. Keys keep the models' field
    order (which pydantic gives deterministically), so properties read in the order the docs use."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write every kind's schema into directory; returns the files whose text changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for kind in SCHEMA_KINDS:
        path = directory / schema_filename(kind)
        text = schema_text(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
