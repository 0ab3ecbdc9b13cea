#!/usr/bin/env python3
"""modelpick benchmarks: each case as a whole process beside the floor `python -c "import typer, pydantic"`,
interleaved in the same run (floor, case, floor, case, ...), as the median of --runs pairs, plus peak memory.

    python benchmarks/run.py [--runs 5] [--modelpick PATH] [--others-python PATH] [--before FILE]
                             [--json benchmarks/results.json] [--markdown BENCHMARKS.md] [--no-write]
                             [--only KEY]  (json_cold json_warm table_warm cli_only big_registry check_1000
                                            version completion litellm tokencost; prints only)

ratio = the median over the pairs of (case time / floor time of the same pair), so a machine that is busy
for a while slows both sides of a pair alike. Peak memory = the largest ru_maxrss over the runs, read from
os.wait4 for each child. Every case runs with its own XDG_CACHE_HOME in a temporary folder: "cold" gets an
empty one each run; the others one warmed by a first, untimed run (that run also checks the exit code).

The big registry is LiteLLM's price map (benchmarks/data/, see its README) imported once per run of this
script with `modelpick registry import --from litellm`. The 1,000-workload modelpick.yaml comes from
benchmarks/check_workloads.py where it exists, else from the generator here. LiteLLM and tokencost are timed
only with --others-python (a python with them installed, never the project's venv).

Writes the table between markers in BENCHMARKS.md and the raw figures to a JSON file (--before reads such a
file to show a "before" column); --no-write (or --check-only) only prints.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LITELLM_MAP = ROOT / "benchmarks" / "data" / "litellm-model-prices-1.110.2.json.gz"
WORKLOAD = ROOT / "examples" / "ticket-triage.yaml"
CLI_ONLY = ROOT / "benchmarks" / "cli_only.py"
AS_OF = "2026-11-21"  # lifecycle pinned, so the outputs (and the work) do not change with the date
MEMORY_TARGET_MIB = 150.0
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
FLOOR_CODE = "import typer, pydantic"
LITELLM_CODE = ("import litellm; "
                "litellm.cost_per_token(model='gpt-4.1-nano', prompt_tokens=800, completion_tokens=20)")
TOKENCOST_CODE = ("from tokencost import calculate_cost_by_tokens as c; "
                  "c(800, 'gpt-4.1-nano', 'input') + c(20, 'gpt-4.1-nano', 'output')")


@dataclass
class Case:
    key: str
    label: str
    argv: list[str]
    target: float | None = None  # the ratio to the floor the issue asks for
    cold: bool = False  # an empty XDG_CACHE_HOME for each run
    ok_codes: tuple[int, ...] = (0,)
    env: dict[str, str] = field(default_factory=dict)
    memory_target: bool = True  # peak memory <= 150 MiB applies (modelpick's own cases)


@dataclass
class Sample:
    seconds: float
    cpu_seconds: float  # user + system: what a busy machine moves least
    maxrss_kib: int
    code: int


def run_child(argv: list[str], env: dict[str, str]) -> Sample:
    """One whole process: wall time from spawn to reaping, and its own peak RSS from wait4's rusage."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode)


def base_env(cache: Path) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE would have every run compile modelpick from source (about 40 ms of 55 modules),
    # which an installed package never does (pip compiles it): the untimed first run writes the bytecode.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MODELPICK_", "_MODELPICK_", "COMP_")) and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(XDG_CACHE_HOME=str(cache), COLUMNS="120", NO_COLOR="1", LITELLM_LOCAL_MODEL_COST_MAP="True")
    return env


def measure(case: Case, floor_argv: list[str], runs: int, scratch: Path) -> dict[str, object]:
    """Warm-up (checks the exit code), then `runs` interleaved pairs: floor, case, floor, case, ..."""
    warm = scratch / f"cache-{case.key}"
    warm.mkdir()
    env = {**base_env(warm), **case.env}
    check = subprocess.run(case.argv, env=env, capture_output=True, text=True)
    if check.returncode not in case.ok_codes:
        sys.exit(f"{case.label}: exit {check.returncode}\n{check.stderr[-2000:]}")
    floors: list[Sample] = []
    samples: list[Sample] = []
    for i in range(runs):
        if case.cold:
            env = {**base_env(Path(tempfile.mkdtemp(dir=scratch, prefix=f"cold-{case.key}-{i}-"))), **case.env}
        floors.append(run_child(floor_argv, env))
        samples.append(run_child(case.argv, env))
    ratios = [s.seconds / f.seconds for f, s in zip(floors, samples, strict=True)]
    cpu_ratios = [s.cpu_seconds / max(f.cpu_seconds, 1e-6) for f, s in zip(floors, samples, strict=True)]
    return {
        "label": case.label,
        "target": case.target, "memory_target": case.memory_target,
        "floor_ms": round(statistics.median(f.seconds for f in floors) * 1000, 1),
        "case_ms": round(statistics.median(s.seconds for s in samples) * 1000, 1),
        "ratio": round(statistics.median(ratios), 2),
        "cpu_ratio": round(statistics.median(cpu_ratios), 2),
        "peak_mib": round(max(s.maxrss_kib for s in samples) / 1024, 1),
        "floor_peak_mib": round(max(f.maxrss_kib for f in floors) / 1024, 1),
        "runs": runs,
    }


def python_beside(script: Path) -> Path:
    """The interpreter of a console script's venv (the floor must import that venv's typer and pydantic)."""
    for name in ("python", "python3"):
        if (script.parent / name).exists():
            return script.parent / name
    first = script.read_text(errors="replace").splitlines()[0]
    if first.startswith("#!"):
        return Path(first[2:].strip().split()[0])
    sys.exit(f"cannot find the python beside {script}")


def find_modelpick(given: str | None) -> Path:
    if given:
        path = Path(given).resolve() if "/" in given else Path(shutil.which(given) or given)
        if not path.exists():
            sys.exit(f"--modelpick {given}: no such file")
        return path
    found = shutil.which("modelpick", path=str(Path(sys.executable).parent)) or shutil.which("modelpick")
    if not found:
        sys.exit("the modelpick console script is not installed (pip install -e .), or pass --modelpick PATH")
    return Path(found)


def import_big_registry(modelpick: Path, scratch: Path) -> tuple[Path, int]:
    """LiteLLM's map, imported into one YAML file per provider; returns the folder and the entry count."""
    source = scratch / "litellm.json"
    source.write_bytes(gzip.decompress(LITELLM_MAP.read_bytes()))
    out = scratch / "litellm-registry"
    done = subprocess.run([str(modelpick), "registry", "import", "--from", "litellm", str(source), "-o", str(out),
                           "--format", "json"], env=base_env(scratch / "import-cache"), capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"registry import failed: {done.stderr[-2000:]}")
    try:
        imported = int(json.loads(done.stdout).get("imported", 0))
    except (ValueError, AttributeError):
        imported = 0
    return out, imported


def check_config(modelpick: Path, scratch: Path, count: int = 1000) -> tuple[Path, str]:
    """A modelpick.yaml with `count` workloads: benchmarks/check_workloads.py's where it exists, else ours."""
    folder = scratch / "check"
    folder.mkdir()
    theirs = ROOT / "benchmarks" / "check_workloads.py"
    if theirs.exists():
        done = subprocess.run([sys.executable, str(theirs), str(folder)], capture_output=True, text=True)
        if done.returncode == 0 and (folder / "modelpick.yaml").exists():
            return folder / "modelpick.yaml", f"benchmarks/check_workloads.py ({digest(folder / 'modelpick.yaml')})"
    listing = subprocess.run([str(modelpick), "models", "--format", "json", "--as-of", AS_OF],
                             env=base_env(scratch / "import-cache"), capture_output=True, text=True, check=True)
    models = [f"{m['provider']}/{m['id']}" for m in json.loads(listing.stdout)["models"]]
    tasks = ["chat", "classification", "extraction", "summarization", "coding", "reasoning"]
    lines = ["workloads:"]
    for i in range(count):
        lines += [f"  - name: w{i:04d}", f"    model: {models[i % len(models)]}", f"    task: {tasks[i % len(tasks)]}",
                  f"    input_tokens: {200 + (i * 37) % 20000}", f"    output_tokens: {20 + (i * 13) % 2000}",
                  f"    requests_per_day: {100 + (i * 101) % 100000}"]
    (folder / "modelpick.yaml").write_text("\n".join(lines) + "\n")
    return folder / "modelpick.yaml", f"run.py's generator ({digest(folder / 'modelpick.yaml')})"


def digest(path: Path) -> str:
    return "sha256 " + hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def modelpick_cases(modelpick: Path, big: Path, big_count: int, config: Path) -> list[Case]:
    mp, workload = str(modelpick), str(WORKLOAD)
    recommend = [mp, "recommend", workload, "--as-of", AS_OF]
    completion = {"_MODELPICK_COMPLETE": "complete_bash", "COMP_WORDS": "modelpick cost gpt-4.1-n", "COMP_CWORD": "2"}
    return [
        Case("json_cold", "recommend --format json, cold cache", [*recommend, "--format", "json"], 2.0, cold=True),
        Case("json_warm", "recommend --format json, warm cache", [*recommend, "--format", "json"], 2.0),
        Case("table_warm", "recommend --format table, warm cache", [*recommend, "--format", "table"], 2.3),
        Case("cli_only", "the CLI alone: json recommend, service stubbed",
             [str(python_beside(modelpick)), str(CLI_ONLY), "recommend", workload, "--as-of", AS_OF, "--format", "json"]),
        Case("big_registry", f"recommend --format json over LiteLLM's map ({big_count:,} entries), warm",
             [*recommend, "--format", "json", "--registry", str(big)], 4.0, ok_codes=(0, 1)),
        Case("check_1000", "check --format json, 1,000 workloads, warm", [mp, "check", "--config", str(config), "--format", "json", "--as-of", AS_OF],
             4.0, ok_codes=(0, 1)),
        Case("version", "modelpick --version", [mp, "--version"]),
        Case("completion", "completion: cost gpt-4.1-n<TAB>, warm", [mp], env=completion),
    ]


def other_cases(python: str | None) -> tuple[list[Case], str]:
    """LiteLLM's and tokencost's cost of the same job, where that python has them; else a note why not."""
    if not python:
        return [], "LiteLLM and tokencost not timed: pass --others-python (a venv with `pip install litellm tokencost`)."
    cases, missing = [], []
    for key, module, code in (("litellm", "litellm", LITELLM_CODE), ("tokencost", "tokencost", TOKENCOST_CODE)):
        found = subprocess.run([python, "-c", f"import importlib.metadata as m; print(m.version({module!r}))"],
                               capture_output=True, text=True)
        if found.returncode != 0:
            missing.append(module)
            continue
        version = found.stdout.strip()
        cases.append(Case(key, f"{module} {version}: cost of 800 + 20 tokens of gpt-4.1-nano", [python, "-c", code],
                          memory_target=False))
    note = f"Not installed beside {python}: {', '.join(missing)}." if missing else ""
    return cases, note


def git_commit(python: Path) -> str:
    """The commit of the modelpick that `python` imports (+ "dirty" when its src/ has uncommitted changes)."""
    where = subprocess.run([str(python), "-c", "import modelpick, os; print(os.path.dirname(modelpick.__file__))"],
                           capture_output=True, text=True).stdout.strip()
    if not where:
        return "unknown"
    head = subprocess.run(["git", "-C", where, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return "not a git checkout"
    dirty = subprocess.run(["git", "-C", where, "status", "--porcelain", "--", "."], capture_output=True, text=True)
    return head.stdout.strip() + (" + uncommitted changes in src/" if dirty.stdout.strip() else "")


def machine(python: Path) -> dict[str, object]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        os_name = next((line.split("=", 1)[1].strip('"') for line in release.read_text().splitlines()
                        if line.startswith("PRETTY_NAME=")), os_name)
    version = subprocess.run([str(python), "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "python": version, "os": f"{os_name} ({platform.release()})",
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), "commit": git_commit(python),
            "load_before": [round(x, 2) for x in os.getloadavg()]}


def verdict(row: dict[str, object]) -> str:
    misses = []
    if row["target"] is not None and float(row["ratio"]) > float(row["target"]):
        misses.append("time")
    if row["memory_target"] and float(row["peak_mib"]) > MEMORY_TARGET_MIB:
        misses.append("memory")
    if row["target"] is None and not row["memory_target"]:
        return "(reference)"
    return "pass" if not misses else "miss: " + ", ".join(misses)


def target_text(row: dict[str, object]) -> str:
    parts = [f"≤ {row['target']}×"] if row["target"] is not None else []
    if row["memory_target"]:
        parts.append(f"≤ {MEMORY_TARGET_MIB:.0f} MiB")
    return ", ".join(parts) or "—"


def table(results: dict[str, dict[str, object]], before: dict[str, dict[str, object]] | None) -> list[str]:
    head = ["case", "floor ms", "case ms", "ratio", "CPU ratio", "peak MiB", "target", "result"]
    if before is not None:
        head += ["before: ratio", "before: CPU ratio", "before: peak MiB"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, row in results.items():
        cells = [str(row["label"]), f"{row['floor_ms']:.0f}", f"{row['case_ms']:.0f}", f"{row['ratio']:.2f}×",
                 f"{row['cpu_ratio']:.2f}×", f"{row['peak_mib']:.0f}", target_text(row), verdict(row)]
        if before is not None:
            old = before.get(key)
            cells += [f"{old['ratio']:.2f}×", f"{old['cpu_ratio']:.2f}×" if "cpu_ratio" in old else "—",
                      f"{old['peak_mib']:.0f}"] if old else ["—", "—", "—"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def section(report: dict[str, object], before: dict[str, object] | None) -> str:
    m = report["machine"]
    lines = [
        f"Ran {m['date']} on {m['cpu']}, {m['cores']} cores, Python {m['python']}, {m['os']}; "
        f"modelpick at commit {m['commit']}; load average {m['load_before']} before, {m['load_after']} after.",
        "",
        f"`{report['command']}`: median of {report['runs']} interleaved pairs per case; the floor is "
        f"`python -c \"{FLOOR_CODE}\"` in the same venv, measured in the same run.",
        "",
    ]
    if before is not None:
        bm = before["machine"]
        lines += [f"Before: commit {bm['commit']}, ran {bm['date']} (load average {bm['load_before']}, "
                  f"{bm['load_after']}).", ""]
    lines += table(report["results"], before["results"] if before else None)
    lines += [""] + [f"- {note}" for note in report["notes"]]
    return "\n".join(lines)


INTRO = r"""# Benchmarks

Whole-process figures for the cases of issue 15, written by `python benchmarks/run.py` (between the markers
below; re-running replaces them; the raw figures go to benchmarks/results.json). Each case is a ratio to the
floor `python -c "import typer, pydantic"` timed in the same run, interleaved with it (floor, case, floor,
case, ...), so the figures compare across machines better than milliseconds do. The targets apply to the
wall-time ratio; the CPU ratio (user + system time) is shown beside it because a busy machine moves it much
less. Runs made while other work shares the two cores are noisier, and the same-run floor only partly makes
up for that: the load averages are printed with each run.

The "before" columns are commit c0f9c2d (before issue 15), from benchmarks/results-before.json:

    git worktree add --detach /tmp/bench-before c0f9c2d
    python3 -m venv /tmp/bench-before/.venv && /tmp/bench-before/.venv/bin/pip install -e /tmp/bench-before
    python benchmarks/run.py --modelpick /tmp/bench-before/.venv/bin/modelpick \
        --json benchmarks/results-before.json --markdown /tmp/before.md
    python benchmarks/run.py --before benchmarks/results-before.json

LiteLLM and tokencost are timed with `--others-python PATH`, a python from a separate venv
(`python3 -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install litellm tokencost`), never the project's.

"""


def write_markdown(path: Path, body: str) -> None:
    text = path.read_text() if path.exists() else INTRO + f"{START}\n{END}\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + START + "\n" + body + "\n" + END + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n{START}\n{body}\n{END}\n"
    path.write_text(text)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved floor/case pairs per case (default 5)")
    parser.add_argument("--modelpick", help="the modelpick executable to time (default: this venv's)")
    parser.add_argument("--others-python", help="a python with litellm and tokencost installed (a separate venv)")
    parser.add_argument("--before", type=Path, help="a previous run's JSON, shown as the before columns")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json", help="raw figures")
    parser.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--only", action="append", help="run only this case key (repeatable); writes no file")
    parser.add_argument("--no-write", "--check-only", action="store_true", help="print; write no file")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main() -> None:
    args = parse_args()
    modelpick = find_modelpick(args.modelpick)
    python = python_beside(modelpick)
    before = json.loads(args.before.read_text()) if args.before else None
    report: dict[str, object] = {"machine": machine(python), "runs": args.runs, "modelpick": str(modelpick),
                                 "command": " ".join(["python benchmarks/run.py", *sys.argv[1:]]), "results": {}}
    with tempfile.TemporaryDirectory(prefix="modelpick-bench-") as tmp:
        scratch = Path(tmp)
        big, big_count = import_big_registry(modelpick, scratch)
        config, config_origin = check_config(modelpick, scratch)
        others, others_note = other_cases(args.others_python)
        cases = modelpick_cases(modelpick, big, big_count, config) + others
        floor = [str(python), "-c", FLOOR_CODE]
        for case in cases:
            if args.only and case.key not in args.only:
                continue
            row = measure(case, floor, args.runs, scratch)
            report["results"][case.key] = row
            print(f"{case.label:62} floor {row['floor_ms']:6.0f} ms  case {row['case_ms']:6.0f} ms  "
                  f"{row['ratio']:5.2f}x  {row['peak_mib']:5.0f} MiB  {verdict(row)}", flush=True)
    report["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    report["notes"] = [
        "ratio: the median over the pairs of case wall time / floor wall time (the targets apply to it); CPU "
        "ratio: the same for user + system CPU time, which a busy machine moves much less; ms: medians of wall "
        "time; peak MiB: the largest "
        "ru_maxrss of the case's runs (os.wait4), the floor's own peak is "
        f"{max(r['floor_peak_mib'] for r in report['results'].values()):.0f} MiB.",
        f"Big registry: {LITELLM_MAP.relative_to(ROOT)} imported with `modelpick registry import --from litellm` "
        f"({big_count:,} entries), layered over the bundled data with --registry.",
        f"check: 1,000 workloads from {config_origin}. Lifecycle pinned with --as-of {AS_OF}.",
        "The CLI alone: benchmarks/cli_only.py runs the json recommend with modelpick's service replaced by a "
        "stub that exits where the command calls it: start-up, typer building the command (typer 0.29 builds a "
        "pydantic validator for each of its options) and parsing. No work in modelpick's service or registry "
        "can bring a run below it.",
        "Cold: an empty XDG_CACHE_HOME for each run; warm: one warmed by an untimed first run.",
        "Bytecode: PYTHONDONTWRITEBYTECODE is cleared for the runs, so the untimed first run writes modelpick's "
        "bytecode, as installing the package does; every timed run (cold ones too) reads it.",
        "LiteLLM runs with LITELLM_LOCAL_MODEL_COST_MAP=True (its bundled map; it fetches none); tokencost "
        "reads its bundled model_prices.json (it fetches only when asked to refresh).",
        *([others_note] if others_note else []),
        "This 2-core machine may have been shared with other work during the run (see the load averages); "
        "the same-run floor makes up for that only in part.",
    ]
    body = section(report, before)
    print("\n" + body)
    if not (args.no_write or args.only):
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        write_markdown(args.markdown, body)
        print(f"\nwrote {args.json} and {args.markdown}")


if __name__ == "__main__":
    main()
