#!/usr/bin/env python3
"""The table renderer against rich's Table, which it replaced: the median time to render the recommend table
for a workload (layout and drawing, the evaluation excluded) at a width, colour on and off, in-process; and
the median wall time of the whole `modelpick recommend WORKLOAD --format table` process, drawn by each.
Prints figures only.

    python benchmarks/table_render.py [--runs 20] [--process-runs 10] [--width 120]

"rich" is `modelpick.render.table._rich_render`, the code the table ran before (and still runs for text
beyond rich's one-cell characters); both draw the same bytes (tests/render/test_table_renderer.py).
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

# The same process either way; "rich" swaps the light renderer for rich's before the command runs.
CLI = ("import sys; import modelpick.render.table as t\n"
       "if sys.argv.pop(1) == 'rich': t.render = lambda doc, *, width=None, color=False: "
       "t._rich_render(doc, width or 120, color)\n"
       "from modelpick.cli import main; sys.argv[0] = 'modelpick'; main()")


def in_process(runs: int, workload: str, width: int) -> dict[tuple[str, bool], float]:
    from modelpick import service
    from modelpick.render import table
    from modelpick.render.escape import visible_document
    from modelpick.render.layout import layout

    result = service.recommend(workload)
    renderers = {"light": lambda doc, color: table.render(doc, width=width, color=color),
                 "rich": lambda doc, color: table._rich_render(doc, width, color)}
    medians = {}
    for color in (False, True):
        assert renderers["light"](visible_document(layout(result)), color) == \
            renderers["rich"](visible_document(layout(result)), color)
        times: dict[str, list[float]] = {name: [] for name in renderers}
        for _ in range(runs + 1):  # interleaved; the first round warms imports and caches, and is dropped
            for name, draw in renderers.items():
                start = time.perf_counter()
                draw(visible_document(layout(result)), color)
                times[name].append(time.perf_counter() - start)
        for name in renderers:
            medians[(name, color)] = statistics.median(times[name][1:])
    return medians


def whole_process(runs: int, workload: str, width: int) -> dict[str, float]:
    env = {**os.environ, "COLUMNS": str(width), "NO_COLOR": "1"}
    times: dict[str, list[float]] = {"light": [], "rich": []}
    for i in range(runs + 1):
        for name in times:
            cmd = [sys.executable, "-c", CLI, name, "recommend", workload, "--format", "table"]
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
            if i:  # the first round warms the registry cache
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--process-runs", type=int, default=10)
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--workload", default=str(ROOT / "examples" / "ticket-triage.yaml"))
    args = parser.parse_args()
    print(f"recommend {Path(args.workload).name} --format table, width {args.width}")
    medians = in_process(args.runs, args.workload, args.width)
    for color in (False, True):
        light, rich = medians[("light", color)], medians[("rich", color)]
        print(f"  render, colour {'on ' if color else 'off'} (median of {args.runs}): rich {rich * 1000:6.1f} ms"
              f"   light {light * 1000:6.1f} ms   {rich / light:4.1f}x faster")
    process = whole_process(args.process_runs, args.workload, args.width)
    print(f"  whole process (median of {args.process_runs}):   rich {process['rich'] * 1000:6.0f} ms"
          f"   light {process['light'] * 1000:6.0f} ms   {(process['rich'] - process['light']) * 1000:.0f} ms saved")


if __name__ == "__main__":
    main()
