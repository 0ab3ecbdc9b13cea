#!/usr/bin/env python3
"""Start-up cost: median wall and CPU time and peak memory of `modelpick --version` and of `modelpick recommend
<workload>` (json, table) beside `python -c "import typer, pydantic"` (the floor any typer + pydantic CLI pays),
the runs interleaved so that a busy machine slows all of them alike. Prints figures only.

    python benchmarks/startup.py [--runs 15] [--workload examples/ticket-triage.yaml]

The registry cache is warmed first (the usual case: any modelpick command writes it). The modules a run
imports: python -X importtime -m modelpick recommend examples/ticket-triage.yaml --format json
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MiB of one run of cmd."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--workload", default=str(ROOT / "examples" / "ticket-triage.yaml"))
    args = parser.parse_args()
    recommend = [sys.executable, "-m", "modelpick", "recommend", args.workload, "--as-of", "2026-11-21"]
    cases = {
        "import typer, pydantic": [sys.executable, "-c", "import typer, pydantic"],
        "modelpick --version": [sys.executable, "-m", "modelpick", "--version"],
        "modelpick recommend --format json": [*recommend, "--format", "json"],
        "modelpick recommend --format table": [*recommend, "--format", "table"],
    }
    for cmd in cases.values():  # warm the OS file cache and the registry cache
        run_once(cmd)
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, cmd in cases.items():
            runs[name].append(run_once(cmd))
    floor_wall = statistics.median(r[0] for r in runs["import typer, pydantic"])
    floor_cpu = statistics.median(r[1] for r in runs["import typer, pydantic"])
    print(f"median of {args.runs} runs each, interleaved")
    for name, results in runs.items():
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        peak = max(r[2] for r in results)
        print(f"{name:36} wall {wall * 1000:7.1f} ms ({wall / floor_wall:4.2f}x)   cpu {cpu * 1000:7.1f} ms "
              f"({cpu / floor_cpu:4.2f}x)   peak {peak:6.1f} MiB")


if __name__ == "__main__":
    main()
