#!/usr/bin/env python3
"""Start-up cost: median wall time of `modelpick recommend <workload> --format json` beside
`python -c "import typer, pydantic"` (the floor any typer + pydantic CLI pays). Prints figures only.

    python benchmarks/startup.py [--runs 15] [--workload examples/ticket-triage.yaml]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, check=True, capture_output=True)  # warm the OS file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--workload", default=str(ROOT / "examples" / "ticket-triage.yaml"))
    args = parser.parse_args()
    floor = median_seconds([sys.executable, "-c", "import typer, pydantic"], args.runs)
    run = median_seconds([sys.executable, "-m", "modelpick", "recommend", args.workload, "--format", "json",
                          "--as-of", "2026-11-21"], args.runs)
    print(f"import typer, pydantic:            median {floor * 1000:7.1f} ms over {args.runs} runs")
    print(f"modelpick recommend --format json: median {run * 1000:7.1f} ms over {args.runs} runs")
    print(f"difference:                        {(run - floor) * 1000:7.1f} ms ({run / floor:.1f}x)")


if __name__ == "__main__":
    main()
