"""The JSON Schemas (modelpick.schemas): the committed files in schemas/ are current, every YAML file in data/
and examples/ names the right one, and the schemas accept what modelpick accepts and prints, and reject
what it rejects."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from modelpick.cli import app
from modelpick.errors import ModelpickError
from modelpick.schemas import (
    DIALECT,
    SCHEMA_KINDS,
    UnknownSchemaError,
    json_schema,
    output_models,
    schema_filename,
    schema_id,
    schema_text,
)

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
FIXTURES = ROOT / "tests" / "fixtures"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)
AS_OF = "2026-11-21"


def jsonschema() -> Any:
    # Only the tests that validate need it (the `test` extra installs it); the sync test runs without it.
    return pytest.importorskip("jsonschema")


def validator(kind: str, only: str | None = None) -> Any:
    """A validator for kind's schema; with `only`, for that one $defs entry (output: a given command's result)."""
    schema = json_schema(kind)
    if only is not None:
        schema = {**schema, "anyOf": [{"$ref": f"#/$defs/{only}"}]}
    return jsonschema().Draft202012Validator(schema)


def as_json(value: Any) -> Any:
    """YAML's view of a file as JSON's: unquoted dates load as datetime.date, which JSON writes as strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load(path: Path) -> Any:
    return as_json(yaml.safe_load(path.read_text(encoding="utf-8")))


def errors(kind: str, doc: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind).iter_errors(doc)]


# --- the committed files ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schema_is_current(kind: str) -> None:
    path = SCHEMAS / schema_filename(kind)
    assert path.is_file(), f"schemas/{path.name} is missing; run `python scripts/update_schemas.py`"
    assert path.read_text(encoding="utf-8") == schema_text(kind), (
        f"schemas/{path.name} differs from the models; run `python scripts/update_schemas.py` and commit it")


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_is_a_draft_2020_12_schema(kind: str) -> None:
    schema = json.loads(schema_text(kind))
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == schema_id(kind)
    assert schema["title"] and schema["description"]
    jsonschema().Draft202012Validator.check_schema(schema)


def test_unknown_kind_suggests_the_close_one() -> None:
    with pytest.raises(UnknownSchemaError, match=r"unknown schema 'workloads' \(did you mean 'workload'\?\)"):
        json_schema("workloads")
    with pytest.raises(ModelpickError, match="one of: registry, workload, config, output, tasks"):
        schema_text("nothing-like-it")


def test_importing_the_module_imports_no_model() -> None:
    import subprocess
    import sys

    # `modelpick schema` and editors' tooling should not pay for pydantic models they do not print.
    probe = ("import json, sys, modelpick.schemas; "
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('modelpick', 'pydantic')))))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["modelpick", "modelpick.errors", "modelpick.schemas"]


# --- every YAML file names its schema -----------------------------------------------------------------------

def expected_kind(path: Path) -> str | None:
    rel = path.relative_to(ROOT).as_posix()
    if rel.startswith("data/models/"):
        return "registry"
    if rel == "data/tasks.yaml":
        return "tasks"
    if rel.startswith("examples/ci/"):
        return None  # CI workflow snippets for other tools, not modelpick files
    if rel.startswith("examples/"):
        return "config" if path.name == "modelpick.yaml" else "workload"
    raise AssertionError(f"{rel}: which schema does this file follow? Add it to expected_kind()")


YAML_FILES = sorted(p for folder in ("data", "examples") for p in (ROOT / folder).rglob("*.y*ml"))
MODELPICK_YAML = [p for p in YAML_FILES if expected_kind(p)]


def test_the_yaml_files_are_found() -> None:
    kinds = [expected_kind(p) for p in MODELPICK_YAML]
    assert kinds.count("registry") >= 5 and kinds.count("tasks") == 1 and kinds.count("workload") >= 3


@pytest.mark.parametrize("path", MODELPICK_YAML, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_yaml_file_names_its_schema(path: Path) -> None:
    kind = expected_kind(path)
    found = MODELINE.findall(path.read_text(encoding="utf-8"))
    assert len(found) == 1, f"add `# yaml-language-server: $schema=<relative path to schemas/{kind}.schema.json>`"
    target = (path.parent / found[0]).resolve()
    assert target == SCHEMAS / schema_filename(kind), f"{found[0]} is not schemas/{schema_filename(kind)}"
    assert target.is_file()


@pytest.mark.parametrize("path", MODELPICK_YAML, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_yaml_file_is_valid_against_its_schema(path: Path) -> None:
    assert errors(expected_kind(path), load(path)) == []


@pytest.mark.parametrize("path", sorted((FIXTURES / "registry").glob("*.yaml")), ids=lambda p: p.name)
def test_fixture_registry_is_valid(path: Path) -> None:
    assert errors("registry", load(path)) == []


def test_fixture_config_is_valid() -> None:
    assert errors("config", load(FIXTURES / "check" / "modelpick.yaml")) == []


# --- what the schemas reject -------------------------------------------------------------------------------

WORKLOAD = {"task": "classification", "input_tokens": 800, "requests_per_day": 1000,
            "requires": {"features": ["structured_outputs"]}, "prefer": "cost"}


@pytest.mark.parametrize("change, where", [
    ({"request_per_day": 10}, ""),  # a typo of a key
    ({"prefer": "cheap"}, "prefer"),
    ({"prefer": {"quality": 1, "price": 1}}, "prefer"),
    ({"requires": {"features": ["tools"]}}, "requires/features/0"),
    ({"cached_input_ratio": 1.5}, "cached_input_ratio"),
    ({"input_tokens": -1}, "input_tokens"),
])
def test_workload_schema_rejects(change: dict[str, Any], where: str) -> None:
    assert errors("workload", WORKLOAD) == []
    assert errors("workload", {**WORKLOAD, "prefer": {"quality": 2, "cost": 1}}) == []
    found = errors("workload", {**WORKLOAD, **change})
    assert found and all(e.startswith(f"{where}:") for e in found), found


def test_registry_prices_are_numbers() -> None:
    doc = load(FIXTURES / "registry" / "acme.yaml")
    pricing = doc["models"][0]["pricing"]
    assert errors("registry", doc) == []
    pricing["input"] = "0.15"
    assert errors("registry", doc) == ["models/0/pricing/input: '0.15' is not of type 'number'"]


def test_config_needs_a_model_in_each_workload_or_in_defaults() -> None:
    assert errors("config", {"workloads": [{"model": "m", "task": "chat"}]}) == []
    assert errors("config", {"defaults": {"model": "m"}, "workloads": [{"task": "chat"}]}) == []
    assert errors("config", {"defaults": None, "workloads": [{"name": "x", "model": "m"}]}) == []
    assert errors("config", {"defaults": {"task": "chat"}, "workloads": [{"name": "x"}]}) == [
        "workloads/0: 'model' is a required property"]
    assert errors("config", {"workloads": []}) == ["workloads: [] should be non-empty"]
    assert errors("config", {"workloads": [{"model": "m", "policy": {"max_rank": 0}}]}) == [
        "workloads/0/policy/max_rank: 0 is not valid under any of the given schemas"]
    assert errors("config", {"workload": [{"model": "m"}]})  # a typo of a key


# --- the output schema against real output --------------------------------------------------------------------

def test_output_schema_has_every_result() -> None:
    schema = json_schema("output")
    names = [model.__name__ for model in output_models()]
    assert schema["anyOf"] == [{"$ref": f"#/$defs/{name}"} for name in names]
    assert set(names) <= set(schema["$defs"])
    # JSON output dumps every field, so fields with defaults are required too.
    assert "schema_version" in schema["$defs"]["Recommendation"]["required"]


def test_every_document_is_found() -> None:
    """Every result that carries schema_version is a document (an Output), and discovery finds each one:
    a result type declaring its own schema_version outside Output would be missing from the schema."""
    import modelpick.report as report

    models = [getattr(report, name) for name in report.__all__]
    models = [m for m in models if isinstance(m, type) and issubclass(m, report.Result)]
    documents = [m for m in models if "schema_version" in m.model_fields and m is not report.Output]
    assert documents and all(issubclass(m, report.Output) for m in documents)
    assert set(documents) == set(output_models())
    # One per command that prints JSON; output_models() also gives the schema's order.
    assert {m.__name__ for m in documents} >= {*COMMANDS, "ImportResult"}


def test_a_subclass_outside_modelpick_is_not_a_document() -> None:
    from modelpick.report import Output

    class Mine(Output):
        pass

    assert Mine not in output_models()


WORKLOAD_FILE = "examples/ticket-triage.yaml"
REGISTRY = str(FIXTURES / "registry")

COMMANDS = {
    "Recommendation": ["recommend", WORKLOAD_FILE, "--as-of", AS_OF],
    "Comparison": ["compare", "gpt-4.1-nano", "gpt-4.1-mini", WORKLOAD_FILE, "--as-of", AS_OF],
    "CostResult": ["cost", "gpt-4.1-nano", WORKLOAD_FILE, "--as-of", AS_OF],
    "ModelShow": ["show", "gpt-4.1-nano", "--as-of", AS_OF],
    "ModelList": ["models"],
    "TaskList": ["tasks"],
    "CheckResult": ["check", "--config", "tests/fixtures/check/modelpick.yaml", "--registry", REGISTRY,
                    "--as-of", "2025-12-01"],
    "ScanResult": ["scan", "tests/fixtures/scan", "--registry", REGISTRY, "--as-of", "2025-12-01"],
    "ValidationResult": ["registry", "validate", REGISTRY, "--as-of", "2025-12-01"],
    "RegistryDiff": ["registry", "diff", "bundled", REGISTRY, "--workload", WORKLOAD_FILE, "--as-of", AS_OF],
    "AuditResult": ["registry", "audit", "--against", "tests/fixtures/foreign/litellm-model-prices.json",
                    "--from", "litellm", "--as-of", AS_OF],
    "ImportResult": ["registry", "import", "--from", "litellm", "tests/fixtures/foreign/litellm-model-prices.json",
                     "--output", "{tmp}"],
}


@pytest.mark.parametrize("model", list(COMMANDS))
def test_json_output_follows_the_output_schema(model: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    args = [arg.replace("{tmp}", str(tmp_path / "out")) for arg in COMMANDS[model]]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    doc = json.loads(result.stdout)
    found = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
             for e in validator("output", only=model).iter_errors(doc)]
    assert found == []
    assert validator("output").is_valid(doc)


def test_init_writes_a_valid_config(tmp_path: Path) -> None:
    path = tmp_path / "modelpick.yaml"
    result = CliRunner().invoke(app, ["init", "--model", "gpt-4.1-nano", "--task", "classification",
                                      "--path", str(path), "--as-of", AS_OF])
    assert result.exit_code == 0, result.stderr
    assert errors("config", load(path)) == []
