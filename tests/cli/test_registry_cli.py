"""`modelpick registry ...`, `modelpick schema`, `show --sources` and dated prices on the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

AS_OF = "2026-11-21"
TICKET_TRIAGE = Path(__file__).resolve().parents[2] / "examples" / "ticket-triage.yaml"

NEGOTIATED = "provider: testco\nmodels:\n  - id: acme-1\n    pricing: {input: 0.1}\n"


def test_validate_the_bundled_registry(invoke) -> None:
    result = invoke("registry", "validate", "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["schema_version"], doc["findings"], doc["summary"]["files"]) == ("1", [], 15)


def test_validate_exits_1_on_findings_and_annotates_for_github(invoke, tmp_path: Path) -> None:
    layer = tmp_path / "deal.yaml"
    layer.write_text("provider: openai\nmodels:\n  - id: gpt-4.1-nano\n    pricing: {input: 0.08}\n")
    result = invoke("registry", "validate", layer, "--format", "github", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stdout == (
        f"::error file={layer},line=4,title=modelpick registry validate%3A source::models[0].pricing.source: "
        "value without a source: this file sets it with no `source:`\n"
        "modelpick registry validate: 1 findings\n")


def test_validate_a_missing_path_is_exit_2(invoke, tmp_path: Path) -> None:
    result = invoke("registry", "validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"modelpick: error: {tmp_path / 'nope.yaml'}: no such file or folder\n"


def test_show_sources_names_layer_file_and_line(invoke, mini_registry: Path, tmp_path: Path) -> None:
    deal = tmp_path / "deal.yaml"
    deal.write_text(NEGOTIATED)
    result = invoke("show", "testco/acme-1", "--sources", "--format", "json", "--registry", mini_registry,
                    "--registry", deal)
    assert result.exit_code == 0, result.stderr
    origins = {o["path"]: o for o in json.loads(result.stdout)["origins"]}
    assert origins["pricing.input"] == {"path": "pricing.input", "value": 0.1, "layer": "--registry",
                                        "file": str(deal), "line": 4, "source": str(deal), "url": str(deal),
                                        "read": None}
    assert origins["pricing.output"] == {"path": "pricing.output", "value": 0.6, "layer": "--registry",
                                         "file": str(mini_registry / "testco.yaml"), "line": 21, "source": "docs",
                                         "url": "https://example.com/testco", "read": "2026-01-01"}
    plain = invoke("show", "testco/acme-1", "--sources", "--format", "plain", "--registry", mini_registry,
                   "--registry", deal, env={"COLUMNS": "2000"}).stdout  # wide: no long path wraps
    row = next(line for line in plain.splitlines() if line.startswith("pricing.input "))
    assert row.split() == ["pricing.input", "0.1", "--registry", f"{deal}:4", str(deal)]


def test_without_sources_show_has_no_origins(invoke, mini_registry: Path) -> None:
    result = invoke("show", "testco/acme-1", "--format", "json", "--registry", mini_registry)
    assert json.loads(result.stdout)["origins"] is None


HISTORY = """\
provider: testco
sources:
  old-list: {url: https://example.com/testco/2025, read: 2026-01-01}
models:
  - id: acme-1
    pricing:
      source: docs
      effective_from: 2026-01-01
      history:
        - {source: old-list, effective_from: 2025-01-01, input: 0.3, output: 1.2}
"""


# 100 requests/day x 30 days x (1000 x input + 100 x output) / 1M:
#   2025 list (0.3 / 1.2): 3000 x 0.00042 = 1.26; 2026 list (0.15 / 0.6): 3000 x 0.00021 = 0.63
@pytest.mark.parametrize("as_of, per_month", [("2025-03-01", 1.26), ("2026-03-01", 0.63)])
def test_cost_uses_the_price_in_force_on_as_of(invoke, mini_registry: Path, tmp_path: Path, as_of, per_month) -> None:
    history = tmp_path / "history.yaml"
    history.write_text(HISTORY)
    result = invoke("cost", "testco/acme-1", "--input-tokens", 1000, "--output-tokens", 100, "--requests-per-day",
                    100, "--registry", mini_registry, "--registry", history, "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["cost"]["per_month"] == per_month


def test_export_sql_loads_into_sqlite(invoke, mini_registry: Path) -> None:
    result = invoke("registry", "export", "--format", "sql", "--registry", mini_registry, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    db = sqlite3.connect(":memory:")
    db.executescript(result.stdout)
    count = db.execute("SELECT count(*) FROM models").fetchone()[0]
    assert count == 120 + 5
    assert db.execute("SELECT input_usd_per_1m, output_usd_per_1m FROM models WHERE provider = 'testco' "
                      "AND model = 'acme-1'").fetchone() == (0.15, 0.6)


def test_export_needs_a_known_format(invoke) -> None:
    result = invoke("registry", "export", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr.startswith("modelpick: error: Invalid value for '--format' / '-f': Value error, 'xlsx' is not one of ")


def test_diff_reports_changed_prices_and_the_workload_cost(invoke, mini_registry: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    new.mkdir()
    for path in mini_registry.iterdir():
        (new / path.name).write_text(path.read_text().replace("input: 0.15", "input: 0.3"))
    result = invoke("registry", "diff", mini_registry, new, "--workload", TICKET_TRIAGE, "--format", "json",
                    "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["added"], doc["removed"]) == ([], [])
    assert doc["changed"] == [{"key": "testco/acme-1", "provider": "testco", "model": "acme-1",
                               "changes": [{"field": "pricing.input", "old": 0.15, "new": 0.3}]}]
    assert [w["name"] for w in doc["workloads"]] == ["ticket-triage"]


def test_diff_against_the_bundled_data(invoke, mini_registry: Path) -> None:
    result = invoke("registry", "diff", "bundled", mini_registry, "--format", "json", "--as-of", AS_OF)
    doc = json.loads(result.stdout)
    assert (len(doc["added"]), len(doc["removed"]), doc["changed"]) == (5, 120, [])


@pytest.mark.parametrize("kind", ["registry", "workload", "config", "output", "tasks"])
def test_schema_prints_the_committed_schema(invoke, kind: str) -> None:
    result = invoke("schema", kind)
    assert result.exit_code == 0, result.stderr
    committed = Path(__file__).resolve().parents[2] / "schemas" / f"{kind}.schema.json"
    assert result.stdout == committed.read_text()


def test_schema_of_an_unknown_kind(invoke) -> None:
    result = invoke("schema", "workloads")
    assert result.exit_code == 2
    assert result.stderr.startswith("modelpick: error: unknown schema 'workloads' (did you mean 'workload'?)")


FOREIGN = Path(__file__).resolve().parents[1] / "fixtures" / "foreign"


def test_import_writes_provider_files_and_reports_counts(invoke, tmp_path: Path) -> None:
    out = tmp_path / "imported"
    result = invoke("registry", "import", "--from", "litellm", FOREIGN / "litellm-model-prices.json", "-o", out,
                    "--provider", "openai", "--provider", "anthropic", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["providers"] == {"anthropic": 1, "openai": 6}
    assert doc["written"] == [str(out / "anthropic.yaml"), str(out / "openai.yaml")]
    assert doc["imported"] == sum(doc["providers"].values())
    assert doc["total"] == 31 and doc["filtered"] > 0
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    assert sorted(p.name for p in out.iterdir()) == ["anthropic.yaml", "openai.yaml"]


def test_import_never_overwrites_without_force(invoke, tmp_path: Path) -> None:
    out = tmp_path / "imported"
    out.mkdir()
    (out / "anthropic.yaml").write_text("mine\n")
    args = ["registry", "import", "--from", "litellm", FOREIGN / "litellm-model-prices.json", "-o", out,
            "--provider", "anthropic"]
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == f"modelpick: error: --output: {out / 'anthropic.yaml'} exists; use --force to overwrite\n"
    assert (out / "anthropic.yaml").read_text() == "mine\n"
    assert invoke(*args, "--force").exit_code == 0
    assert (out / "anthropic.yaml").read_text().startswith("# yaml-language-server: $schema=")


def test_import_of_a_provider_the_file_lacks(invoke, tmp_path: Path) -> None:
    result = invoke("registry", "import", "--from", "openrouter", FOREIGN / "openrouter-models.json", "-o",
                    tmp_path, "--provider", "openai")
    assert result.exit_code == 2
    assert result.stderr == (f"modelpick: error: {FOREIGN / 'openrouter-models.json'}: --provider: no chat models "
                             "of provider 'openai' in this file\n")
    assert list(tmp_path.iterdir()) == []


def test_import_of_a_file_that_is_not_json(invoke, tmp_path: Path) -> None:
    bad = tmp_path / "prices.json"
    bad.write_text("{not json")
    result = invoke("registry", "import", "--from", "litellm", bad, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"modelpick: error: {bad}")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt, file", [("litellm", "litellm-model-prices.json"),
                                       ("models.dev", "models-dev-resolved.json"),
                                       ("openrouter", "openrouter-models.json")])
def test_imported_files_pass_validate_as_a_layer_over_the_bundled_data(invoke, tmp_path: Path, fmt, file) -> None:
    out = tmp_path / "imported"
    assert invoke("registry", "import", "--from", fmt, FOREIGN / file, "-o", out).exit_code == 0
    result = invoke("registry", "validate", out, "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["summary"]["entries"] > 0


def test_audit_exits_1_on_an_unrecorded_disagreement(invoke, mini_registry: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "prices.json"
    theirs.write_text(json.dumps({"testco/acme-1": {
        "litellm_provider": "testco", "mode": "chat", "max_input_tokens": 1000000, "max_output_tokens": 50000,
        "input_cost_per_token": 1.6e-07, "output_cost_per_token": 6e-07, "cache_read_input_token_cost": 7.5e-08,
        "input_cost_per_token_batches": 7.5e-08, "output_cost_per_token_batches": 3e-07,
        "supports_function_calling": True, "supports_response_schema": True, "supports_prompt_caching": True}}))
    args = ["registry", "audit", "--against", theirs, "--from", "litellm", "--registry", mini_registry]
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 1, result.stderr
    [d] = json.loads(result.stdout)["disagreements"]
    assert (d["provider"], d["model"], d["field"], d["ours"], d["theirs"], d["line"]) == (
        "testco", "acme-1", "pricing.input", 0.15, 0.16, 19)
    assert invoke(*args, "--tolerance", "0.07").exit_code == 0  # |0.15 - 0.16| / 0.16 = 0.0625
    github = invoke(*args, "--format", "github").stdout
    assert github.startswith(f"::error file={mini_registry / 'testco.yaml'},line=19,title=modelpick registry "
                             "audit%3A disagreement::testco/acme-1 pricing.input: ours 0.15 (docs), theirs 0.16")



def test_the_bundled_data_agrees_with_the_trimmed_snapshots(invoke) -> None:
    for fmt, file in [("litellm", "litellm-model-prices.json"), ("models.dev", "models-dev-resolved.json")]:
        result = invoke("registry", "audit", "--against", FOREIGN / file, "--from", fmt, "--format", "json")
        doc = json.loads(result.stdout)
        assert doc["summary"]["matched"] > 0
        assert (result.exit_code, doc["summary"]["failing"]) == (0, 0), [
            (d["provider"], d["model"], d["field"]) for d in doc["disagreements"] if not d["recorded"]]
