"""`--format json` must not pay for the table renderers (rich, tabulate)."""

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
