#!/usr/bin/env python3
"""Generate the bundled model registry (data/models/<provider>.yaml) from dated source snapshots.

Every input is a command-line argument; nothing is fetched. The curated selection (which models, which
benchmark rows, hand facts with their sources) lives in scripts/registry_selection*.yaml; the build itself is
modelpick.upkeep.generate (its docstring has the policy; docs/data.md the command with the snapshot paths).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from modelpick.errors import ModelpickError
from modelpick.upkeep.generate import SnapshotPaths, write_registry

SNAPSHOTS = (  # option -> help; each becomes a field of SnapshotPaths
    ("--models-dev", "models-dev-resolved.json"),
    ("--litellm", "LiteLLM model_prices_and_context_window JSON"),
    ("--artificial-analysis", "artificial-analysis-leaderboards-llms.json"),
    ("--aider", "aider polyglot_leaderboard.yml"),
    ("--livebench-table", "LiveBench table_2026_01_08.csv"),
    ("--livebench-categories", "LiveBench categories_2026_01_08.json"),
    ("--lmarena", "arena-catalog leaderboard-text-style-control.json"),
    ("--lmarena-vision", "arena-catalog leaderboard-vision.json"),
    ("--simple-evals", "simple-evals README benchmark results CSV"),
    ("--genai-prices", "genai-prices.json (genai-prices 0.2.3 providers as JSON)"),
)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for option, help_text in SNAPSHOTS:
        ap.add_argument(option, required=True, type=Path, help=help_text)
    ap.add_argument("--selection", required=True, action="append", type=Path,
                    help="scripts/registry_selection.yaml (repeatable: later files add providers and models)")
    ap.add_argument("--efforts", required=True, type=Path, help="scripts/reasoning_efforts.yaml")
    ap.add_argument("-o", "--output", required=True, type=Path, help="output directory (data/models)")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    paths = SnapshotPaths(**{option[2:].replace("-", "_"): getattr(args, option[2:].replace("-", "_"))
                             for option, _ in SNAPSHOTS})
    try:
        files, entries = write_registry(paths, args.selection, args.efforts, args.output)
    except ModelpickError as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    print(f"wrote {files} files, {entries} entries to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
