"""`--format svg` for `frontier`: a self-contained SVG scatter plot of monthly cost (x, log scale) against
quality (y), for READMEs and reports. No external reference of any kind: no fonts, images, scripts, styles or
links (generic font families only). Every text that comes from the registry or the workload is escaped
(xml.sax.saxutils), so a model name can never inject markup.

The frontier is drawn as a step line through its entries (cheapest first: along at one quality to the next
entry's cost, then up to its quality), its points filled and labelled with PROVIDER/MODEL; dominated entries are
hollow grey points, labelled with their model id."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from modelpick.render.chart import money_tick
from modelpick.render.escape import visible
from modelpick.report.frontier import FrontierResult

WIDTH, HEIGHT = 960, 600
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 50, 60
FONT = "font-family=\"sans-serif\" font-size=\"11\""


def _text(value: str) -> str:
    """Registry text made visible (no control characters, which XML 1.0 cannot hold) and escaped."""
    return escape(visible(value))


def _axes(x_low: float, x_high: float, y_low: float, y_high: float) -> tuple:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(cost: float) -> float:
        cost = max(cost, x_low)
        return LEFT + (math.log10(cost) - math.log10(x_low)) / (math.log10(x_high) - math.log10(x_low)) * plot_w

    def y(quality: float) -> float:
        return TOP + (y_high - quality) / (y_high - y_low) * plot_h

    return x, y


def render(result: FrontierResult) -> str:
    if not isinstance(result, FrontierResult):
        raise TypeError(f"svg does not render {type(result).__name__}; it renders FrontierResult")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img">']
    title = f"Cost/quality frontier: {result.workload.get('name') or result.task} (as of {result.as_of})"
    out.append(f"<title>{_text(title)}</title>")
    out.append(f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="white"/>')
    out.append(f'<text x="{LEFT}" y="24" font-family="sans-serif" font-size="15">{_text(title)}</text>')
    points = result.points
    if not points:
        out.append(f'<text x="{LEFT}" y="{HEIGHT // 2}" {FONT}>no entry fits this workload with a known quality: '
                   "nothing to chart</text>")
        return "\n".join([*out, "</svg>"]) + "\n"
    costs = [float(p.per_month) for p in points if p.per_month > 0] or [0.01]
    x_low = 10.0 ** math.floor(math.log10(min(costs)))
    x_high = 10.0 ** max(math.ceil(math.log10(max(costs))), math.floor(math.log10(min(costs))) + 1)
    qualities = [p.quality for p in points]
    y_low, y_high = math.floor(min(qualities) * 10) / 10, math.ceil(max(qualities) * 10) / 10
    y_high = y_high if y_high > y_low else y_low + 0.1
    x, y = _axes(x_low, x_high, y_low, y_high)
    out += _grid(x, y, x_low, x_high, y_low, y_high)
    frontier = [p for p in points if p.frontier]
    steps = []
    for i, p in enumerate(frontier):
        px, py = x(float(p.per_month)), y(p.quality)
        if i:
            steps.append(f"{px:.1f},{y(frontier[i - 1].quality):.1f}")
        steps.append(f"{px:.1f},{py:.1f}")
    out.append(f'<polyline points="{" ".join(steps)}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    for p in sorted(points, key=lambda p: p.frontier):  # frontier points on top
        px, py = x(float(p.per_month)), y(p.quality)
        key = f"{p.provider}/{p.model}"
        tip = f"{p.name} ({key}): {money_tick(float(p.per_month))}/month, quality {p.quality:.2f}" + (
            "" if p.frontier else f", dominated by {p.dominated_by}")
        if p.frontier:
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5" fill="#1f77b4"><title>{_text(tip)}</title>'
                       "</circle>")
            out.append(f'<text x="{px + 7:.1f}" y="{py - 7:.1f}" {FONT} font-weight="bold">{_text(key)}</text>')
        else:
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="white" stroke="#999999">'
                       f"<title>{_text(tip)}</title></circle>")
            out.append(f'<text x="{px + 5:.1f}" y="{py + 12:.1f}" font-family="sans-serif" font-size="9" '
                       f'fill="#777777">{_text(p.model)}</text>')
    legend = (f"{len(frontier)} of {len(points)} entries on the frontier (filled, joined); hollow: dominated. "
              f"Quality for {result.task}; cost per month for the workload.")
    out.append(f'<text x="{LEFT}" y="{HEIGHT - 12}" {FONT} fill="#444444">{_text(legend)}</text>')
    return "\n".join([*out, "</svg>"]) + "\n"


def _grid(x: object, y: object, x_low: float, x_high: float, y_low: float, y_high: float) -> list[str]:
    """Axes, ticks and their labels: each decade of cost (with 2 and 5 in a single decade), each 0.1 of quality."""
    out = []
    bottom, right = HEIGHT - BOTTOM, WIDTH - RIGHT
    out.append(f'<line x1="{LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="black"/>')
    out.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="black"/>')
    decades = round(math.log10(x_high / x_low))
    ticks = [x_low * 10 ** d for d in range(decades + 1)]
    if decades == 1:
        ticks = sorted([*ticks, 2 * x_low, 5 * x_low])
    for tick in ticks:
        tx = x(tick)  # type: ignore[operator]
        out.append(f'<line x1="{tx:.1f}" y1="{TOP}" x2="{tx:.1f}" y2="{bottom + 5}" stroke="#dddddd"/>')
        out.append(f'<text x="{tx:.1f}" y="{bottom + 18}" {FONT} text-anchor="middle">'
                   f"{_text(money_tick(tick))}</text>")
    for i in range(round((y_high - y_low) * 10) + 1):
        value = y_low + i / 10
        ty = y(value)  # type: ignore[operator]
        out.append(f'<line x1="{LEFT - 5}" y1="{ty:.1f}" x2="{right}" y2="{ty:.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{LEFT - 8}" y="{ty + 4:.1f}" {FONT} text-anchor="end">{value:.1f}</text>')
    out.append(f'<text x="{(LEFT + right) / 2:.0f}" y="{HEIGHT - 30}" {FONT} text-anchor="middle">'
               "$ per month (log scale)</text>")
    out.append(f'<text x="18" y="{(TOP + bottom) / 2:.0f}" {FONT} text-anchor="middle" '
               f'transform={quoteattr(f"rotate(-90 18 {(TOP + bottom) / 2:.0f})")}>quality (0..1)</text>')
    return out
