"""The deepest hostile file is refused within fixed bounds of memory and time, whichever of modelpick's depth
check or PyYAML's own fires first. The bounds are generous ceilings enforced by the OS on a child process
(an address-space limit and a timeout), not timings: a regression to unbounded recursion or growth fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # 2 GiB of address space
from modelpick.cli import main
sys.argv = ["modelpick", "recommend", sys.argv[1], "--format", "json", "--as-of", "2026-11-21"]
main()
"""


def test_deep_flow_nesting_is_refused_within_bounds(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("task: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"modelpick: error: {path}:1: "), result.stderr
