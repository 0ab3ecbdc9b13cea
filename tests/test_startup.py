"""`--format json` and shell completion must not pay for the table renderers (rich, tabulate); on a warm cache,
`recommend --format json` imports nothing it does not use (the modules a run leaves in sys.modules)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ticket-triage.yaml"

PROBE = """
import contextlib, io, json, sys
from modelpick.cli import app
sys.argv = ["modelpick", "recommend", {example!r}, "--format", "json", "--as-of", "2026-11-21"]
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        app()
    except SystemExit as exc:
        code = exc.code
json.loads(out.getvalue())
print(json.dumps({{"code": code, "heavy": sorted(m for m in ("rich", "tabulate") if m in sys.modules)}}))
"""


def test_json_output_imports_neither_rich_nor_tabulate() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE.format(example=str(EXAMPLE))], capture_output=True,
                            text=True, check=True)
    assert json.loads(result.stdout.splitlines()[-1]) == {"code": 0, "heavy": []}


COMPLETION_PROBE = """
import json, os, sys
os.environ.update({"_MODELPICK_COMPLETE": "complete_bash", "COMP_WORDS": "modelpick cost gpt-4.1-n",
                   "COMP_CWORD": "2"})
from modelpick.cli import app
try:
    app(prog_name="modelpick")
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "heavy": sorted(m for m in ("rich", "tabulate") if m in sys.modules)}))
"""


def test_completion_imports_neither_rich_nor_tabulate() -> None:
    """Every TAB is a process of its own: completing a model name reads the registry, never the renderers."""
    result = subprocess.run([sys.executable, "-c", COMPLETION_PROBE], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert "gpt-4.1-nano" in lines
    assert json.loads(lines[-1]) == {"code": 0, "heavy": []}


# What `recommend --format json` does not use: the renderers of tables, the YAML parser (a cache hit reads the
# registry snapshot and the workload file's parse), the JSON Schema module, the code of other commands and the result models of other commands
# (modelpick.report imports a module on first use of one of its names; building their models cost ~17 ms).
# modelpick.upkeep.formats and the modelpick.replay package hold names only (the CLI's choices), so they are
# allowed; nothing below them is.
ALLOWED = {"modelpick.upkeep", "modelpick.upkeep.formats", "modelpick.replay"}
UNUSED_BY_JSON_RECOMMEND = [
    "rich", "tabulate", "yaml", "modelpick.schemas", "modelpick.upkeep", "modelpick.frontier", "modelpick.cascade",
    "modelpick.breakeven",
    "modelpick.replay", "modelpick.catalog",
    "modelpick.report.frontier", "modelpick.report.cascade", "modelpick.report.upkeep", "modelpick.report.replay",
    "modelpick.report.scan", "modelpick.report.check", "modelpick.report.catalog",
]


# `python -m modelpick ARGS`, then the names in sys.modules as the process exits, on stderr's last line. Not
# `python -X importtime`: it does not see a module imported through importlib.import_module, as modelpick.report
# and modelpick.render import theirs.
MODULES_AT_EXIT = """
import atexit, json, runpy, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["modelpick", *{args!r}]
runpy.run_module("modelpick", run_name="__main__", alter_sys=True)
"""


def imported_modules(args: list[str], env: dict[str, str]) -> set[str]:
    """Every module the command imports."""
    result = subprocess.run([sys.executable, "-c", MODULES_AT_EXIT.format(args=args)], capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    json.loads(result.stdout)
    return set(json.loads(result.stderr.splitlines()[-1]))


@pytest.fixture(scope="module")
def warm_json_recommend(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules of a second `recommend --format json`: the first run wrote the registry cache."""
    env = {k: v for k, v in os.environ.items() if k not in ("MODELPICK_NO_CACHE", "PYTHONPROFILEIMPORTTIME")}
    env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    args = ["recommend", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-21"]
    imported_modules(args, env)
    assert list(Path(env["XDG_CACHE_HOME"]).rglob("*.json")), "the first run wrote no cache"
    return imported_modules(args, env)


def under(modules: set[str], package: str) -> list[str]:
    return sorted(m for m in modules - ALLOWED if m == package or m.startswith(package + "."))


@pytest.mark.parametrize("package", UNUSED_BY_JSON_RECOMMEND)
def test_warm_json_recommend_imports_nothing_it_does_not_use(warm_json_recommend: set[str], package: str) -> None:
    assert "modelpick.ranking" in warm_json_recommend  # the probe sees the command's own imports
    assert "modelpick.report.evaluation" in warm_json_recommend  # and those modelpick.report imports on use
    assert under(warm_json_recommend, package) == []


@pytest.fixture(scope="module")
def warm_options_recommend(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules of a second `recommend --format json` whose workload is all options (no YAML file to read)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MODELPICK_NO_CACHE", "PYTHONPROFILEIMPORTTIME")}
    env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    args = ["recommend", "--task", "classification", "--input-tokens", "500", "--output-tokens", "50", "--format",
            "json", "--as-of", "2026-11-21"]
    imported_modules(args, env)
    return imported_modules(args, env)


def test_warm_json_recommend_on_options_does_not_import_yaml(warm_options_recommend: set[str]) -> None:
    assert "modelpick.ranking" in warm_options_recommend
    assert under(warm_options_recommend, "yaml") == []


TABLE_PROBE = """
import datetime, json, sys
from modelpick.render import render
from modelpick.report import Recommendation
result = Recommendation(as_of=datetime.date(2026, 11, 21), workload={"input_tokens": 1000, "output_tokens": 100},
                        task="chat", weights={}, ranking=[], excluded=[])
assert "no entry fits this workload" in render(result, "table", width=100)
print(json.dumps(sorted(m for m in sys.modules if m.startswith("modelpick.report."))))
"""


def test_a_recommendations_table_imports_only_its_own_result_models() -> None:
    """The layouts are keyed by the result type's name: a table of one result imports no other's models."""
    result = subprocess.run([sys.executable, "-c", TABLE_PROBE], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == ["modelpick.report.base", "modelpick.report.evaluation"]
