"""Throughput and peak memory of `modelpick replay` on a large generic JSON Lines log (issue 14, item 5).

Writes a log of LINES requests (default 1,000,000; four models, thirty days, a few long-context requests) to a
temporary folder, then runs `modelpick replay LOG --models ... --format json` as a whole process and prints
the wall time, lines per second and the process's peak resident memory (ru_maxrss of the child).

    python benchmarks/replay.py [--lines N] [--format csv|jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODELS = ["gpt-4.1-mini-2025-04-14", "gpt-4.1-nano", "claude-haiku-4-5", "gpt-5.4"]


def write_log(path: Path, lines: int, container: str) -> None:
    rng = random.Random(14)
    with path.open("w", encoding="utf-8") as out:
        if container == "csv":
            out.write("timestamp,model,input_tokens,cached_tokens,output_tokens,reasoning_tokens\n")
        for i in range(lines):
            model = MODELS[i % 4]
            inp = 300_000 if i % 1000 == 0 else rng.randint(200, 8000)
            cached = inp // 2 if i % 3 == 0 else 0
            day = 1 + i * 30 // lines
            stamp = f"2025-06-{day:02d}T{i % 24:02d}:{i % 60:02d}:00Z"
            out_tokens, reasoning = rng.randint(5, 900), (rng.randint(0, 2000) if model == "gpt-5.4" else 0)
            if container == "csv":
                out.write(f"{stamp},{model},{inp},{cached},{out_tokens},{reasoning}\n")
            else:
                out.write(json.dumps({"timestamp": stamp, "model": model, "input_tokens": inp, "cached_tokens": cached,
                                      "output_tokens": out_tokens, "reasoning_tokens": reasoning}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / f"usage.{args.format}"
        write_log(log, args.lines, args.format)
        size = log.stat().st_size
        argv = [sys.executable, "-m", "modelpick", "replay", str(log), "--models", "gpt-4.1-nano",
                "--models", "gemini-2.5-pro", "--format", "json"]
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    if done.returncode != 0:
        sys.exit(f"replay failed ({done.returncode}): {done.stderr.strip()}")
    requests = json.loads(done.stdout)["requests"]
    print(f"{args.lines:,} lines ({size / 2**20:.0f} MiB {args.format}), {requests:,} requests repriced on 3 models")
    print(f"wall time {seconds:.2f} s: {args.lines / seconds:,.0f} lines/s; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
