#!/usr/bin/env python3
"""Time, memory and output size of `modelpick scan` on files full of model ids: each case runs `modelpick scan`
in a fresh process and prints its exit code, wall time, peak memory (max RSS) and the bytes it wrote to
stdout. The cases: a 4.6 MiB Python file holding 540,000 model ids (60 to a line), and a 5 MiB YAML list of
``- gpt-4o`` lines, each in json and table format. The targets: findings are bounded (see
`modelpick.scanner.MAX_FINDINGS_PER_FILE`), so each case finishes in seconds with memory that does not grow
with the number of ids. Prints figures only.

    python benchmarks/scan_bounds.py

Set PYTHONPATH to measure another copy of modelpick (an older commit's src/, say).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MiB = 1024 * 1024


def run(args: list[str], env: dict[str, str], out: Path) -> tuple[int, float, float, int]:
    """Exit code, seconds, the child's peak RSS in MiB, and the bytes written to stdout."""
    start = time.perf_counter()
    with out.open("wb") as stdout:
        proc = subprocess.Popen([sys.executable, "-m", "modelpick", *args], stdout=stdout,
                                stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024, out.stat().st_size


def many_ids(path: Path) -> int:
    """A Python file of about 4.6 MiB: 540,000 quoted model ids, 60 to a line."""
    line = "    " + '"gpt-4o",' * 60 + "\n"
    path.write_text("MODELS = [\n" + line * 9000 + "]\n")
    return 540_000


def yaml_list(path: Path) -> int:
    """A YAML list of `- gpt-4o` lines just under the 5 MiB limit."""
    line = "- gpt-4o\n"
    count = (5 * MiB - 1) // len(line)
    path.write_text(line * count)
    return count


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache"), "XDG_CONFIG_HOME": str(tmp / "config"),
               "MODELPICK_NO_CACHE": "1", "COLUMNS": "120"}
        env.pop("MODELPICK_REGISTRY", None)
        files = [(tmp / "big.py", many_ids), (tmp / "list.yaml", yaml_list)]
        print(f"{'case':<44} {'exit':>4} {'seconds':>8} {'max RSS MiB':>12} {'stdout bytes':>13}")
        for path, make in files:
            ids = make(path)
            size = path.stat().st_size / MiB
            for fmt in ("json", "table"):
                code, seconds, rss, written = run(["scan", str(path), "--format", fmt], env, tmp / "out")
                case = f"{path.name} ({size:.1f} MiB, {ids:,} ids) {fmt}"
                print(f"{case:<44} {code:>4} {seconds:>8.1f} {rss:>12.0f} {written:>13,}", flush=True)


if __name__ == "__main__":
    main()
