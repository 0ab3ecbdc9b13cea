#!/usr/bin/env python3
"""Time and memory of modelpick on hostile input: each case runs `modelpick` in a fresh process and prints
its exit code, wall time and peak memory (max RSS). The targets: a "billion laughs" file or a 5,000-deep
list ends in exit 2 in under a second; the largest file allowed (a 50 MiB registry) stays bounded.
Prints figures only.

    python benchmarks/hostile_inputs.py [--skip-large]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

MiB = 1024 * 1024


def run(args: list[str], env: dict[str, str]) -> tuple[int, float, float]:
    """Exit code, seconds, and the child's peak RSS in MiB."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "modelpick", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def big_registry(path: Path, size: int) -> int:
    """A valid registry file of about `size` bytes: the bundled OpenAI entries repeated under new ids."""
    import yaml

    class PlainDumper(yaml.CSafeDumper):  # type: ignore[misc]
        def ignore_aliases(self, data: object) -> bool:  # a plain file, as a script would write it
            return True

    source = yaml.safe_load((ROOT / "data" / "models" / "openai.yaml").read_text())
    one_round = len(yaml.dump(source["models"], Dumper=PlainDumper, sort_keys=False))
    rounds = max(1, size // one_round)
    entries = [{**entry, "id": f"copy-{n}-{entry['id']}", "snapshots": [], "aliases": []}
               for n in range(rounds) for entry in source["models"]]
    count = len(entries)
    text = yaml.dump({**source, "provider": "bigco", "models": entries}, Dumper=PlainDumper, sort_keys=False)
    path.write_text(text)
    return count


def main() -> None:
    from hostile_support import YAML_CASES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-large", action="store_true", help="skip the 50 MiB registry (slow)")
    parser.add_argument("--make-large", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_large:  # in a child process, so the measured processes do not fork from a large parent
        print(big_registry(args.make_large, 50 * MiB - MiB))
        return
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache"), "XDG_CONFIG_HOME": str(tmp / "config"),
               "MODELPICK_NO_CACHE": "1"}
        env.pop("MODELPICK_REGISTRY", None)
        cases: list[tuple[str, list[str]]] = []
        for name, content, _ in YAML_CASES:
            path = tmp / f"{name}.yaml"
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
            cases.append((f"workload: {name}", ["recommend", str(path), "--format", "json"]))
            cases.append((f"registry: {name}", ["recommend", "--registry", str(path), "--format", "json"]))
        junk = tmp / "junk-1mib.yaml"
        junk.write_text("task: chat\n" + "# padding\n" * ((MiB - 20) // 10))
        cases.append(("workload: 1 MiB of comments (allowed)", ["recommend", str(junk), "--format", "json"]))
        over = tmp / "over.yaml"
        with over.open("wb") as handle:
            handle.truncate(50 * MiB + 1)
        cases.append(("registry: 50 MiB + 1 byte", ["recommend", "--registry", str(over), "--format", "json"]))
        if not args.skip_large:
            large = tmp / "bigco.yaml"
            made = subprocess.run([sys.executable, __file__, "--make-large", str(large)], check=True,
                                  capture_output=True, text=True)
            count = int(made.stdout)
            size = large.stat().st_size / MiB
            cases.append((f"registry: {size:.0f} MiB, {count:,} valid entries (allowed)",
                          ["models", "--registry", str(large), "--provider", "bigco", "--format", "json"]))
        baseline = ("baseline: recommend, bundled registry", ["recommend", "--format", "json"])
        print(f"{'case':58} {'exit':>4} {'seconds':>8} {'peak MiB':>9}")
        for label, argv in [baseline, *cases]:
            code, seconds, peak = run([*argv, "--as-of", "2026-11-21"], env)
            print(f"{label:58} {code:>4} {seconds:>8.2f} {peak:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
