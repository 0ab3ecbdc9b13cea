#!/usr/bin/env python3
"""Write data/snapshots/registry.json and tasks.json: the compiled snapshot of the bundled data, shipped in
the package so that a run with an empty cache (a CI job's fresh container, the first run after installing)
reads it instead of parsing and validating the YAML.

    python scripts/build_snapshots.py

Run it after any change to data/models/, data/tasks.yaml or modelpick's version: a snapshot is read by its
key (the exact bundled bytes, modelpick's version, the cache format), so a stale one is never used, only
slower, and tests/registry/test_shipped_snapshot.py fails until it is rebuilt. Run it with the modelpick being
edited importable (e.g. .venv/bin/python after `pip install -e .`).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

KINDS = ("registry", "tasks")


def main() -> int:
    from modelpick.registry.loader import load_registry, load_tasks, shipped_snapshot
    from modelpick.registry.paths import ENVIRONMENT

    for kind in KINDS:  # else the run below would read the old one instead of building
        shipped_snapshot(kind).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        # the bundled data alone: an empty cache, no user registry folder, no MODELPICK_REGISTRY
        os.environ.update(XDG_CACHE_HOME=f"{scratch}/cache", XDG_CONFIG_HOME=f"{scratch}/config")
        os.environ.pop(ENVIRONMENT, None)
        os.environ.pop("MODELPICK_NO_CACHE", None)
        load_registry()
        load_tasks()
        for kind in KINDS:
            [built] = Path(scratch, "cache", "modelpick").glob(f"{kind}-*.json")
            shipped_snapshot(kind).parent.mkdir(exist_ok=True)
            shutil.copyfile(built, shipped_snapshot(kind))
            print(f"wrote {shipped_snapshot(kind)} ({built.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
