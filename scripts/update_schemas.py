#!/usr/bin/env python3
"""Regenerate schemas/<kind>.schema.json from the pydantic models (modelpick.schemas).

    python scripts/update_schemas.py           # rewrite the files that changed
    python scripts/update_schemas.py --check   # exit 1 if one is out of date, writing nothing

Run it with the modelpick being edited importable (e.g. .venv/bin/python after `pip install -e .`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="report out-of-date files instead of writing them")
    args = ap.parse_args(argv)
    from modelpick.schemas import SCHEMA_KINDS, schema_filename, schema_text

    if args.check:
        stale = []
        for kind in SCHEMA_KINDS:
            path = SCHEMAS / schema_filename(kind)
            if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(kind):
                stale.append(path.name)
        for name in stale:
            print(f"schemas/{name} is out of date; run python scripts/update_schemas.py", file=sys.stderr)
        return 1 if stale else 0
    from modelpick.schemas import write_schemas

    changed = write_schemas(SCHEMAS)
    print(f"wrote {len(changed)} of {len(SCHEMA_KINDS)} files in schemas/" if changed else "schemas/ is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
