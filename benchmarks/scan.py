#!/usr/bin/env python3
"""Scan speed: median wall time of `modelpick.scanner.scan` over a generated tree of small source files
(.py/.ts/.yaml/.md, some with model ids), with a .gitignore'd folder, a node_modules folder, a virtual
environment and binary files, against the bundled registry. Prints figures only.

    python benchmarks/scan.py [--files 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from modelpick.registry.loader import load_registry
from modelpick.scanner import scan

IDS = ["gpt-4.1-nano", "gpt-4.1-nano-2025-04-14", "claude-sonnet-4-5", "openai/gpt-5-mini", "gpt-4o",
       "mistral-large-latest", "llama-4-scout", "o3-mini", "gemini-2.5-flash", "claude-3-opus-20240229"]

TEMPLATES = {
    ".py": ('"""Module {i}."""\nimport os\n\nNAME = "service-{i}"\nTIMEOUT = 30\n\n\ndef handler(event):\n'
            '    client = make_client(api_key=os.environ["API_KEY"], region="us-east-1")\n'
            '    return client.complete(model={model}, prompt=event["text"], max_tokens=256)\n') * 3,
    ".ts": ('import {{ Client }} from "openai";\n\nexport const config = {{\n  name: "svc-{i}",\n'
            '  model: {model},\n  retries: 3,\n  url: `https://api.example.com/v1/${{"path"}}`,\n}};\n') * 3,
    ".yaml": ('name: job-{i}\nschedule: "0 * * * *"\nmodel: {model}\nlabels: ["batch", "nightly"]\n'
              'env:\n  LOG_LEVEL: "info"\n') * 3,
    ".md": ('# Notes {i}\n\nThis service calls {model} through the gateway; see `docs/setup.md` and the\n'
            '"runbook" for details. Don\'t change the "timeout" without a review.\n\n') * 3,
}


def build_tree(root: Path, count: int) -> None:
    suffixes = list(TEMPLATES)
    (root / ".gitignore").write_text("generated/\n*.tmp.py\n", encoding="utf-8")
    for i in range(count):
        suffix = suffixes[i % len(suffixes)]
        if i % 50 == 0:
            folder = root / "generated" / f"g{i // 50 % 10}"  # ignored via .gitignore
        elif i % 50 == 1:
            folder = root / "node_modules" / f"pkg{i % 7}"
        else:
            folder = root / "src" / f"pkg{i % 40}" / f"mod{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        model = f'"{IDS[i % len(IDS)]}"' if i % 3 == 0 else '"default"'
        name = f"f{i}.tmp.py" if suffix == ".py" and i % 97 == 0 else f"f{i}{suffix}"
        (folder / name).write_text(TEMPLATES[suffix].format(i=i, model=model), encoding="utf-8")
    venv = root / "tools" / "env311"
    (venv / "lib").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (venv / "lib" / "site.py").write_text('MODEL = "gpt-4o"\n', encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00" + b'"gpt-4o"' * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    registry = load_registry()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "tree"
        root.mkdir()
        build_tree(root, args.files)
        written = sum(1 for p in root.rglob("*") if p.is_file())
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = scan([root], registry, dt.date(2026, 6, 1))
            times.append(time.perf_counter() - start)
    counts = ", ".join(f"{k} {v}" for k, v in result.summary.items() if k != "files")
    print(f"files written:  {written}")
    print(f"files scanned:  {result.summary['files']}")
    print(f"findings:       {len(result.findings)} ({counts})")
    print(f"wall time:      median {statistics.median(times):.3f} s over {args.runs} runs "
          f"(min {min(times):.3f} s, max {max(times):.3f} s)")


if __name__ == "__main__":
    main()
