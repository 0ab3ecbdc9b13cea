"""`--format json` and shell completion must not pay for the table renderers (rich, tabulate)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
