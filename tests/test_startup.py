"""`--format json` and shell completion must not pay for the table renderers (rich, tabulate); on a warm cache,
`recommend --format json` imports nothing it does not use (checked with `python -X importtime`)."""

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
# registry snapshot), the JSON Schema module, and the code of other commands.
# modelpick.upkeep.formats and the modelpick.replay package hold names only (the CLI's choices), so they are
# allowed; nothing below them is.
ALLOWED = {"modelpick.upkeep", "modelpick.upkeep.formats", "modelpick.replay"}
UNUSED_BY_JSON_RECOMMEND = [
    "rich", "tabulate", "modelpick.schemas", "modelpick.upkeep", "modelpick.frontier", "modelpick.cascade",
    "modelpick.breakeven",
    "modelpick.replay",
]


def imported_modules(args: list[str], env: dict[str, str]) -> set[str]:
    """Every module the command imports, from `python -X importtime` (one line per module on stderr)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "modelpick", *args], capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    json.loads(result.stdout)
    return {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
            if line.startswith("import time:")}


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
