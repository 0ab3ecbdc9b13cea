#!/usr/bin/env python3
"""Shell completion cost: each TAB runs the `modelpick` console script once, as bash does
(`_MODELPICK_COMPLETE=complete_bash`, COMP_WORDS, COMP_CWORD). Prints, per completion, the median wall time
of the whole process, the number of candidates and whether rich or tabulate was imported, beside the floor
(`python -c "import typer"`) and `modelpick --version`. Prints figures only.

    python benchmarks/completion.py [--runs 15]

With the registry cache warm (the usual case: any modelpick command writes it) and cold (MODELPICK_NO_CACHE=1:
every completion parses the YAML)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

LINES = [
    "co",  # a command name: no registry read
    "cost gpt-4.1-n",
    "cost groq/",
    "recommend --task clas",
    "recommend --min-quality aid",
    "recommend --provider op",
    "models --feature str",
]


def script() -> str:
    found = shutil.which("modelpick", path=str(Path(sys.executable).parent)) or shutil.which("modelpick")
    if not found:
        sys.exit("the modelpick console script is not installed (pip install -e .)")
    return found


def completion_env(line: str, **extra: str) -> dict[str, str]:
    words = f"modelpick {line}"
    return {**os.environ, "_MODELPICK_COMPLETE": "complete_bash", "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1), **extra}


def median_ms(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, str]:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, out


def heavy_imports(cmd: list[str], env: dict[str, str]) -> list[str]:
    """rich and tabulate, if the process imports them (PYTHONPROFILEIMPORTTIME lists every import)."""
    err = subprocess.run(cmd, capture_output=True, text=True, env={**env, "PYTHONPROFILEIMPORTTIME": "1"}).stderr
    names = {line.rsplit("|", 1)[-1].strip() for line in err.splitlines() if line.startswith("import time:")}
    return sorted(names & {"rich", "tabulate"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    modelpick = script()
    floor, _ = median_ms([sys.executable, "-c", "import typer"], args.runs)
    version, _ = median_ms([modelpick, "--version"], args.runs)
    floor_label = 'python -c "import typer"'
    print(f"{floor_label:40} median {floor:6.1f} ms over {args.runs} runs")
    print(f"{'modelpick --version':40} median {version:6.1f} ms")
    for cache, extra in (("warm cache", {}), ("no cache", {"MODELPICK_NO_CACHE": "1"})):
        print(f"-- completion, registry {cache}")
        for line in LINES:
            env = completion_env(line, **extra)
            ms, out = median_ms([modelpick], args.runs, env)
            heavy = heavy_imports([modelpick], env)
            print(f"  modelpick {line + '<TAB>':30} median {ms:6.1f} ms, {len(out.split()):4} candidates, "
                  f"imports {', '.join(heavy) or 'neither rich nor tabulate'}")


if __name__ == "__main__":
    main()
