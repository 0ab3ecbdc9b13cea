"""A small text scatter plot of monthly cost (x, log scale) against quality (y), for the table and plain
formats: pure ASCII, no colour (NO_COLOR-safe), at most WIDTH columns. Every line starts with a character that
is not a space (plain text strips a cell's leading blanks), so the y labels sit on the right.

    |                                               3 | 0.6
    |                      2     .                    |
    |  1        .   .                                 | 0.4
    +---------------+---------------+-----------------+
    $100            $1k             $10k

Frontier entries are drawn with their mark (1-9, a-z, A-Z, then *), dominated ones as `.`; where two entries
fall in one cell, a frontier mark wins over `.`, and the first (cheapest) frontier mark over a later one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH = 78
HEIGHT = 15
LABEL = 6  # " | 0.6" on the right of each row
MARKS = "123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DOMINATED = "."


@dataclass(frozen=True)
class Point:
    cost: float  # USD per month
    quality: float  # 0..1
    mark: str  # a frontier mark, or DOMINATED


def mark(index: int) -> str:
    """The chart mark of the index-th frontier entry (0-based)."""
    return MARKS[index] if index < len(MARKS) else "*"


def money_tick(value: float) -> str:
    if value >= 1e6:
        return f"${value / 1e6:g}M"
    if value >= 1e3:
        return f"${value / 1e3:g}k"
    return f"${value:g}"


def _x_ticks(low: float, high: float) -> tuple[float, float, list[float]]:
    """The axis ends (decades around the costs) and the ticks: each decade, with 2 and 5 when there is one."""
    start = math.floor(math.log10(low))
    end = max(math.ceil(math.log10(high)), start + 1)
    ticks = [10.0 ** d for d in range(start, end + 1)]
    if end - start == 1:
        ticks = sorted([*ticks, 2 * 10.0 ** start, 5 * 10.0 ** start])
    return 10.0 ** start, 10.0 ** end, ticks


def _y_range(values: list[float]) -> tuple[float, float]:
    low = math.floor(min(values) * 10) / 10
    high = math.ceil(max(values) * 10) / 10
    return (low, high) if high > low else (low, low + 0.1)


def chart(points: list[Point], width: int = WIDTH, height: int = HEIGHT) -> list[str]:
    """The chart's lines (axes included); empty for no points."""
    if not points:
        return []
    plot = width - 1 - LABEL  # the left border, then the plot, then the labels
    positive = [p.cost for p in points if p.cost > 0] or [0.01]
    x_low, x_high, ticks = _x_ticks(min(positive), max(positive))
    y_low, y_high = _y_range([p.quality for p in points])

    def column(cost: float) -> int:
        cost = max(cost, x_low)  # a free entry sits on the left edge
        return round((math.log10(cost) - math.log10(x_low)) / (math.log10(x_high) - math.log10(x_low)) * (plot - 1))

    def row(quality: float) -> int:
        return round((y_high - quality) / (y_high - y_low) * (height - 1))

    grid = [[" "] * plot for _ in range(height)]
    for p in points:  # in order: the cheapest first
        r, c = row(p.quality), column(p.cost)
        here = grid[r][c]
        if here == " " or (here == DOMINATED and p.mark != DOMINATED):
            grid[r][c] = p.mark
    labels: dict[int, str] = {}
    steps = round((y_high - y_low) * 10)
    for i in range(steps + 1):
        value = y_low + i / 10
        labels.setdefault(row(value), f"{value:.1f}")
    lines = [f"|{''.join(cells)} | {labels.get(r, '')}".rstrip() for r, cells in enumerate(grid)]
    axis = ["-"] * plot
    label_line = [" "] * (plot + 2 + LABEL)
    free = 0
    for tick in ticks:
        c = column(tick)
        axis[c] = "+"
        text = money_tick(tick)
        start = max(0, c)  # under the tick's '+', which is one column right of the plot's first cell
        if start >= free and start + len(text) <= len(label_line):
            label_line[start:start + len(text)] = text
            free = start + len(text) + 1
    lines.append(f"+{''.join(axis)}+")
    lines.append("".join(label_line).rstrip())
    return lines


def legend(frontier_marks: int) -> str:
    last = mark(frontier_marks - 1) if frontier_marks else ""
    marks = f"1..{last}" if frontier_marks > 1 else last or "(none)"
    return (f"chart: quality (up) against $/month (right, log scale); {marks}: frontier entries, by the chart column "
            f"of the table; {DOMINATED}: a dominated entry; one cell shows one entry, a frontier one first")
