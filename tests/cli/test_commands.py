"""Every command in every format through the real CLI (typer's CliRunner), checked against CONTRACT.md."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from modelpick import __version__
from modelpick.cli import app

runner = CliRunner()

REPO_ROOT = Path(__file__).resolve().parents[2]
TICKET_TRIAGE = REPO_ROOT / "examples" / "ticket-triage.yaml"
AS_OF = "2026-11-21"
FORMATS = ["table", "markdown", "plain", "json", "csv"]

COMMANDS: dict[str, list[str]] = {
    "recommend": ["recommend", str(TICKET_TRIAGE), "--as-of", AS_OF],
    "compare": ["compare", "gpt-4.1-nano", "gpt-4.1-mini", str(TICKET_TRIAGE), "--as-of", AS_OF],
    "cost": ["cost", "gpt-4.1-nano", str(TICKET_TRIAGE), "--as-of", AS_OF],
    "show": ["show", "gpt-4.1-nano", "--as-of", AS_OF],
    "models": ["models", "--as-of", AS_OF],
    "tasks": ["tasks"],
}

ENTRY_KEYS = {"rank", "model", "provider", "name", "score", "scores", "cost", "reasons", "warnings"}
COST_KEYS = {"per_request", "per_day", "per_month", "breakdown", "batch", "tier"}
BREAKDOWN_KEYS = {"input", "cached_input", "output", "reasoning"}
SHOW_KEYS = {"id", "provider", "name", "creator", "context_window", "max_output_tokens", "knowledge_cutoff",
             "release_date", "modalities", "features", "reasoning", "open_weights", "lifecycle", "pricing",
             "performance", "benchmarks", "snapshots", "aliases", "sources"}


def run(*args: Any, env: dict[str, str | None] | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], env=env)


def run_json(*args: Any) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def assert_entry(entry: dict[str, Any]) -> None:
    assert ENTRY_KEYS <= entry.keys()
    assert set(entry["scores"]) >= {"quality", "cost", "speed"}
    assert COST_KEYS <= entry["cost"].keys()
    assert BREAKDOWN_KEYS <= entry["cost"]["breakdown"].keys()
    assert isinstance(entry["cost"]["batch"], bool)
    assert entry["cost"]["tier"] is None or isinstance(entry["cost"]["tier"], str)
    assert isinstance(entry["reasons"], list) and all(isinstance(r, str) for r in entry["reasons"])
    assert isinstance(entry["warnings"], list) and all(isinstance(w, str) for w in entry["warnings"])
    for key in ("per_request", "per_day", "per_month"):
        assert isinstance(entry["cost"][key], (int, float)) and not isinstance(entry["cost"][key], bool)


def assert_model_info(info: dict[str, Any]) -> None:
    assert SHOW_KEYS <= info.keys()
    assert set(info["modalities"]) == {"input", "output"}
    assert {"input", "output", "cached_input"} <= info["pricing"].keys()
    for bench in info["benchmarks"].values():
        assert {"value", "source", "date"} <= bench.keys()


def numbers(value: Any) -> list[float | int]:
    """Every number (not bool) anywhere inside a JSON value."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, (int, float)):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers(v)]
    return [n for v in value for n in numbers(v)]


def decimal_places(number: float | int) -> int:
    """Decimal places of a number as json prints it (0.00014249999999999999 -> 20, 4e-06 -> 6)."""
    exponent = Decimal(json.dumps(number)).as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


# Every command in every format ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_every_format(command: str, fmt: str) -> None:
    result = run(*COMMANDS[command], "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() != ""
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)["schema_version"] == "1"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_default_format_when_piped_is_plain(command: str) -> None:
    piped = run(*COMMANDS[command])
    plain = run(*COMMANDS[command], "--format", "plain")
    assert piped.exit_code == plain.exit_code == 0
    assert piped.stdout == plain.stdout


def test_recommend_json_shape() -> None:
    doc = run_json(*COMMANDS["recommend"])
    assert {"schema_version", "as_of", "workload", "ranking", "excluded"} <= doc.keys()
    assert doc["as_of"] == AS_OF
    assert doc["workload"]["name"] == "ticket-triage"
    assert doc["workload"]["task"] == "classification"
    assert doc["ranking"], "ticket-triage fits at least one entry"
    assert [e["rank"] for e in doc["ranking"]] == list(range(1, len(doc["ranking"]) + 1))
    for entry in doc["ranking"]:
        assert_entry(entry)
        assert entry["reasons"], f"{entry['provider']}/{entry['model']} ranks without a reason"
    for excluded in doc["excluded"]:
        assert {"model", "provider", "reasons"} <= excluded.keys()
        assert excluded["reasons"] and all(isinstance(r, str) for r in excluded["reasons"])
    ranked = {(e["provider"], e["model"]) for e in doc["ranking"]}
    assert not ranked & {(x["provider"], x["model"]) for x in doc["excluded"]}


def test_recommend_ranks_and_excludes_every_entry() -> None:
    doc = run_json(*COMMANDS["recommend"])
    listed = run_json("models", "--as-of", AS_OF)["models"]
    everything = {(m["provider"], m["id"]) for m in listed}
    seen = [(e["provider"], e["model"]) for e in doc["ranking"]] + [(x["provider"], x["model"])
                                                                   for x in doc["excluded"]]
    assert len(seen) == len(set(seen))
    assert set(seen) == everything


def test_compare_json_shape() -> None:
    doc = run_json(*COMMANDS["compare"])
    assert {"schema_version", "as_of", "workload", "models"} <= doc.keys()
    assert [(m["provider"], m["model"]) for m in doc["models"]] == [("openai", "gpt-4.1-nano"),
                                                                    ("openai", "gpt-4.1-mini")]
    for entry in doc["models"]:
        assert_entry(entry)
        assert isinstance(entry["fits"], bool)


def test_compare_agrees_with_recommend() -> None:
    ranking = {(e["provider"], e["model"]): e for e in run_json(*COMMANDS["recommend"])["ranking"]}
    for entry in run_json(*COMMANDS["compare"])["models"]:
        key = (entry["provider"], entry["model"])
        assert entry["fits"] == (key in ranking)
        if entry["fits"]:
            assert entry["rank"] == ranking[key]["rank"]
            assert entry["cost"] == ranking[key]["cost"]


def test_cost_json_shape() -> None:
    doc = run_json(*COMMANDS["cost"])
    assert {"schema_version", "as_of", "workload"} <= doc.keys()
    assert_entry(doc)
    assert (doc["provider"], doc["model"]) == ("openai", "gpt-4.1-nano")
    assert doc["workload"]["input_tokens"] == 800


def test_show_json_shape() -> None:
    doc = run_json(*COMMANDS["show"])
    assert doc["schema_version"] == "1"
    assert_model_info(doc)
    assert (doc["provider"], doc["id"], doc["creator"]) == ("openai", "gpt-4.1-nano", "openai")
    assert "gpt-4.1-nano-2025-04-14" in doc["snapshots"]
    assert doc["lifecycle"]["as_of"] == AS_OF


def test_models_json_shape() -> None:
    doc = run_json(*COMMANDS["models"])
    assert doc["schema_version"] == "1"
    assert len(doc["models"]) >= 40
    for info in doc["models"]:
        assert_model_info(info)
    keys = [(m["provider"], m["id"]) for m in doc["models"]]
    assert keys == sorted(keys)


def test_tasks_json_shape() -> None:
    doc = run_json("tasks")
    assert doc["schema_version"] == "1"
    ids = [t["id"] for t in doc["tasks"]]
    assert {"classification", "coding", "chat", "extraction"} <= set(ids)
    for task in doc["tasks"]:
        assert set(task["balance"]) <= {"quality", "cost", "speed"}


# Exact values through the CLI, on a registry the test owns ---------------------------------------------


def test_cost_exact_values(mini_registry: Path) -> None:
    doc = run_json("cost", "acme-1", "--registry", mini_registry, "--as-of", AS_OF, "--input-tokens", 1000,
                   "--output-tokens", 500, "--cached-input-ratio", 0.5, "--requests-per-day", 100)
    assert (doc["provider"], doc["model"]) == ("testco", "acme-1")
    assert doc["cost"]["breakdown"] == {"input": 0.000075, "cached_input": 0.0000375, "cache_write": 0,
                                        "output": 0.0003, "reasoning": 0}
    assert doc["cost"]["per_request"] == 0.0004125
    assert doc["cost"]["per_day"] == 0.04125
    assert doc["cost"]["per_month"] == 1.2375
    assert doc["cost"]["batch"] is False
    assert doc["cost"]["tier"] is None
    assert doc["fits"] is True
    assert doc["warnings"] == []


def test_cost_batch_prices(mini_registry: Path) -> None:
    doc = run_json("cost", "acme-1", "--registry", mini_registry, "--as-of", AS_OF, "--input-tokens", 1000,
                   "--output-tokens", 500, "--requests-per-day", 100, "--batch")
    assert doc["cost"]["batch"] is True
    assert doc["cost"]["per_request"] == 0.000225  # 1000 x 0.075 + 500 x 0.3, per 1M
    assert doc["cost"]["per_month"] == 0.675


def test_cost_long_context_tier(mini_registry: Path) -> None:
    doc = run_json("cost", "acme-1", "--registry", mini_registry, "--as-of", AS_OF, "--input-tokens", 300000,
                   "--output-tokens", 1000, "--requests-per-day", 10)
    assert doc["cost"]["tier"] == ">200,000 input tokens"
    assert doc["cost"]["breakdown"]["input"] == 0.09
    assert doc["cost"]["breakdown"]["output"] == 0.0012
    assert doc["cost"]["per_request"] == 0.0912
    assert doc["cost"]["per_month"] == 27.36


def test_json_money_has_no_float_noise(mini_registry: Path) -> None:
    # 950 x 0.15 / 1e6 is 0.00014249999999999999 in naive float arithmetic; the contract wants 0.0001425.
    result = run("cost", "acme-1", "--registry", mini_registry, "--as-of", AS_OF, "--input-tokens", 950,
                 "--output-tokens", 0, "--requests-per-day", 7, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"per_request": 0.0001425,' in result.stdout
    doc = json.loads(result.stdout)
    assert doc["cost"]["per_day"] == 0.0009975
    assert doc["cost"]["per_month"] == 0.029925


@pytest.mark.parametrize("example", sorted(p.name for p in (REPO_ROOT / "examples").glob("*.yaml")))
def test_json_money_is_repr_clean(example: str) -> None:
    doc = run_json("recommend", REPO_ROOT / "examples" / example, "--as-of", AS_OF)
    for entry in doc["ranking"]:
        for number in numbers(entry["cost"]):
            assert decimal_places(number) <= 12, f"{entry['provider']}/{entry['model']}: {json.dumps(number)}"


def test_json_prices_are_repr_clean() -> None:
    for info in run_json("models", "--as-of", AS_OF)["models"]:
        for number in numbers(info["pricing"]):
            assert decimal_places(number) <= 12, f"{info['provider']}/{info['id']}: {json.dumps(number)}"


def test_decimal_places_helper_catches_noise() -> None:
    assert decimal_places(0.1 + 0.2) == 17  # 0.30000000000000004
    assert decimal_places(4e-06) == 6
    assert decimal_places(612) == 0


def test_first_party_wins(mini_registry: Path) -> None:
    doc = run_json("show", "acme-1", "--registry", mini_registry, "--as-of", AS_OF)
    assert (doc["provider"], doc["id"]) == ("testco", "acme-1")
    hosted = run_json("show", "otherco/acme-1", "--registry", mini_registry, "--as-of", AS_OF)
    assert (hosted["provider"], hosted["id"], hosted["name"]) == ("otherco", "acme-1", "Acme One (hosted)")


@pytest.mark.parametrize("name", ["acme-1-2026-01-01", "acme", "testco/acme", "testco/acme-1-2026-01-01"])
def test_snapshot_and_alias_resolve(mini_registry: Path, name: str) -> None:
    doc = run_json("show", name, "--registry", mini_registry, "--as-of", AS_OF)
    assert (doc["provider"], doc["id"]) == ("testco", "acme-1")


def test_provider_slash_model_with_slash_in_id(mini_registry: Path) -> None:
    doc = run_json("show", "thirdco/testco/acme-open", "--registry", mini_registry, "--as-of", AS_OF)
    assert (doc["provider"], doc["id"], doc["name"]) == ("thirdco", "testco/acme-open", "Acme Open (thirdco)")
    doc = run_json("show", "thirdco/acme-open", "--registry", mini_registry, "--as-of", AS_OF)
    assert (doc["provider"], doc["id"]) == ("thirdco", "testco/acme-open")


@pytest.mark.parametrize("as_of, extra, status, fits, reasons, warnings", [
    ("2026-01-01", [], "active", True, None, ["shuts down on 2026-09-01; replacement: acme-1"]),
    ("2026-07-01", [], "deprecated", False,
     ["deprecated since 2026-06-01, shuts down 2026-09-01 (as of 2026-07-01; include_deprecated allows it); "
      "replacement: acme-1"], []),
    ("2026-07-01", ["--include-deprecated"], "deprecated", True, None,
     ["deprecated since 2026-06-01, shuts down 2026-09-01; replacement: acme-1"]),
    ("2026-10-01", ["--include-deprecated"], "retired", False,
     ["retired on 2026-09-01 (as of 2026-10-01); replacement: acme-1"], []),
])
def test_lifecycle_is_judged_as_of(mini_registry: Path, as_of: str, extra: list[str], status: str, fits: bool,
                                   reasons: list[str] | None, warnings: list[str]) -> None:
    doc = run_json("compare", "old-1", "acme-1", "--registry", mini_registry, "--as-of", as_of, *extra)
    old = doc["models"][0]
    assert (old["provider"], old["model"], old["lifecycle"], old["fits"]) == ("oldco", "old-1", status, fits)
    if reasons is not None:
        assert old["reasons"] == reasons
        assert old["rank"] is None
    assert old["warnings"] == warnings
    assert doc["models"][1]["fits"] is True
    shown = run_json("show", "old-1", "--registry", mini_registry, "--as-of", as_of)
    assert shown["lifecycle"]["status_as_of"] == status


# Options and behaviours ---------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"modelpick {__version__}\n"
    assert result.stderr == ""


def test_python_dash_m_version() -> None:
    proc = subprocess.run([sys.executable, "-m", "modelpick", "--version"], capture_output=True, text=True,
                          timeout=120, cwd=REPO_ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"modelpick {__version__}\n"
    assert proc.stderr == ""


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_has_examples(command: str | None) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "Usage: modelpick" in result.stdout
    assert result.stderr == ""


def test_help_lists_workload_options() -> None:
    text = run("recommend", "--help", env={"COLUMNS": "250"}).stdout
    for option in ("--input-tokens", "--cached-input-ratio", "--needs", "--input-modality", "--min-context",
                   "--knowledge-after", "--provider", "--exclude-provider", "--max-monthly-cost",
                   "--min-quality",
                   "--include-deprecated", "--prefer", "--show-excluded", "--top", "--registry", "--as-of"):
        assert option in text, option


def test_show_excluded_lists_each_excluded_entry() -> None:
    doc = run_json(*COMMANDS["recommend"])
    assert doc["excluded"], "ticket-triage requires structured_outputs, which some entries lack"
    # Wide enough that no reason wraps: one line per excluded entry.
    plain = run(*COMMANDS["recommend"], "--show-excluded", "--format", "plain", env={"COLUMNS": "2000"})
    assert plain.exit_code == 0
    assert f"\nExcluded ({len(doc['excluded'])})\n" in plain.stdout
    lines = plain.stdout.splitlines()
    start = lines.index(f"Excluded ({len(doc['excluded'])})")
    body = lines[start + 3:start + 3 + len(doc["excluded"])]  # title, header, rule; the notes follow
    assert len(body) == len(doc["excluded"])
    for line, excluded in zip(body, doc["excluded"], strict=True):
        assert line.split()[:2] == [excluded["model"], excluded["provider"]]
        assert "; ".join(excluded["reasons"]) in line
    assert "--show-excluded lists each" not in plain.stdout


def test_without_show_excluded_a_note_counts_them() -> None:
    doc = run_json(*COMMANDS["recommend"])
    plain = run(*COMMANDS["recommend"], "--format", "plain")
    note = f"{len(doc['excluded'])} excluded; --show-excluded lists each with its reasons\n"
    assert plain.stdout.endswith(note)
    assert "Excluded (" not in plain.stdout


def test_show_excluded_csv_has_a_section_column() -> None:
    doc = run_json(*COMMANDS["recommend"])
    result = run(*COMMANDS["recommend"], "--show-excluded", "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("section,rank,model,provider,")
    assert lines[0].endswith(",reasons,warnings")
    assert sum(1 for line in lines if line.startswith("ranking,")) == len(doc["ranking"])
    assert sum(1 for line in lines if line.startswith("excluded,")) == len(doc["excluded"])


def test_top_three() -> None:
    full = run_json(*COMMANDS["recommend"])
    top = run_json(*COMMANDS["recommend"], "--top", 3)
    assert [e["rank"] for e in top["ranking"]] == [1, 2, 3]
    assert top["ranking"] == full["ranking"][:3]
    assert top["excluded"] == full["excluded"]
    plain = run(*COMMANDS["recommend"], "--top", 3, "--format", "plain", env={"COLUMNS": "2000"}).stdout.splitlines()
    assert [line.split()[0] for line in plain[3:6]] == ["1", "2", "3"]
    assert not plain[6].startswith("4 ")
    assert plain[-1] == f"{len(full['excluded'])} excluded; --show-excluded lists each with its reasons"


def test_options_override_the_file() -> None:
    base = run_json(*COMMANDS["cost"])
    assert base["workload"]["requests_per_day"] == 200000
    assert Decimal(str(base["cost"]["per_month"])) == Decimal(str(base["cost"]["per_request"])) * 200000 * 30
    doc = run_json(*COMMANDS["cost"], "--requests-per-day", 10)
    assert doc["workload"]["requests_per_day"] == 10
    assert doc["workload"]["name"] == "ticket-triage"  # the rest of the file still applies
    assert doc["workload"]["input_tokens"] == 800
    assert doc["cost"]["per_request"] == base["cost"]["per_request"]
    assert Decimal(str(doc["cost"]["per_month"])) == Decimal(str(doc["cost"]["per_request"])) * 10 * 30
    assert doc["cost"]["per_month"] != base["cost"]["per_month"]


def test_requests_per_month_option_replaces_requests_per_day_of_the_file() -> None:
    doc = run_json(*COMMANDS["cost"], "--requests-per-month", 9000)
    assert doc["workload"]["requests_per_month"] == 9000
    assert doc["workload"]["requests_per_day"] is None
    assert doc["cost"]["requests_per_day"] == 300
    assert Decimal(str(doc["cost"]["per_month"])) == Decimal(str(doc["cost"]["per_request"])) * 9000


def test_requires_option_keeps_other_requirements_of_the_file() -> None:
    doc = run_json(*COMMANDS["recommend"], "--min-context", 500000)
    assert doc["workload"]["requires"]["min_context"] == 500000
    assert doc["workload"]["requires"]["features"] == ["structured_outputs"]
    for entry in run_json(*COMMANDS["recommend"], "--min-context", 500000)["ranking"]:
        assert entry["context_window"] >= 500000


def test_recommend_exits_1_when_nothing_fits() -> None:
    args = [*COMMANDS["recommend"], "--max-monthly-cost", "0.000001"]
    result = run(*args, "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert doc["ranking"] == []
    assert doc["excluded"]
    assert doc["workload"]["requires"]["max_monthly_cost_usd"] == 0.000001
    assert all(any("budget" in reason for reason in x["reasons"]) for x in doc["excluded"])
    plain = run(*args, "--format", "plain")
    assert plain.exit_code == 1
    assert "no entry fits this workload" in plain.stdout
    assert plain.stderr == ""


def test_models_provider_filter() -> None:
    doc = run_json("models", "--provider", "openai", "--as-of", AS_OF)
    assert doc["models"]
    assert {m["provider"] for m in doc["models"]} == {"openai"}
    everything = run_json("models", "--as-of", AS_OF)["models"]
    assert [m["id"] for m in doc["models"]] == [m["id"] for m in everything if m["provider"] == "openai"]
    plain = run("models", "--provider", "openai", "--as-of", AS_OF, "--format", "plain").stdout.splitlines()
    assert {line.split()[1] for line in plain[2:-1]} == {"openai"}
    assert plain[-1] == f"{len(doc['models'])} entries"


def test_models_feature_modality_context_filters() -> None:
    doc = run_json("models", "--feature", "tool_calling", "--modality", "image", "--min-context", 200000,
                   "--as-of", AS_OF)
    assert doc["models"]
    for info in doc["models"]:
        assert "tool_calling" in info["features"]
        assert "image" in info["modalities"]["input"]
        assert info["context_window"] >= 200000


def test_show_snapshot_resolves_to_canonical() -> None:
    doc = run_json("show", "gpt-4.1-nano-2025-04-14", "--as-of", AS_OF)
    assert (doc["provider"], doc["id"]) == ("openai", "gpt-4.1-nano")
    assert doc == run_json("show", "gpt-4.1-nano", "--as-of", AS_OF)
    assert run_json("show", "openai/gpt-4.1-nano-2025-04-14", "--as-of", AS_OF)["id"] == "gpt-4.1-nano"


def test_as_of_is_echoed() -> None:
    assert run_json("recommend", TICKET_TRIAGE, "--as-of", "2026-02-03", "--top", 1)["as_of"] == "2026-02-03"


def test_plain_title_names_the_workload() -> None:
    first = run(*COMMANDS["recommend"], "--format", "plain", env={"COLUMNS": "200"}).stdout.splitlines()[0]
    assert first == ("ticket-triage: task classification, 800 in / 20 out tokens, 200,000 requests/day, "
                     f"50% cached (as of {AS_OF})")


def test_zero_requests_per_day_title() -> None:
    result = run("cost", "gpt-4.1-nano", "--requests-per-day", 0, "--as-of", AS_OF, "--format", "plain")
    assert result.exit_code == 0
    assert "0 requests/day, 0 requests/month" in result.stdout
    assert "1,000 requests/day" not in result.stdout


# Colour -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_color_env_no_ansi(fmt: str) -> None:
    result = run(*COMMANDS["recommend"], "--format", fmt, env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout


def _run_on_terminal(args: list[str], env_extra: dict[str, str]) -> bytes:
    """Run modelpick with stdout on a pseudo-terminal; return what it printed there."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "FORCE_COLOR")}
    env.update(env_extra)
    proc = subprocess.Popen([sys.executable, "-m", "modelpick", *args], stdout=slave, stderr=subprocess.PIPE,
                            env=env, cwd=REPO_ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, err = proc.communicate(timeout=120)
    os.close(master)
    assert proc.returncode == 0, err
    return b"".join(chunks)


def test_terminal_output_is_coloured_but_no_color_disables_it() -> None:
    coloured = _run_on_terminal(["tasks"], {"TERM": "xterm-256color"})
    assert b"\x1b[" in coloured  # the check below can fail
    assert b"\x1b[" not in _run_on_terminal(["tasks"], {"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert b"\x1b[" not in _run_on_terminal(["tasks"], {"TERM": "dumb"})
    assert b"\x1b[" not in _run_on_terminal(["tasks", "--format", "plain"], {"TERM": "xterm-256color"})
