"""A log-log line chart as a self-contained SVG (no plotting library): series of (x, y) points."""
from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 440, 70, 170, 30, 50
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def loglog_svg(title: str, xlabel: str, ylabel: str, series: list[tuple[str, list[tuple[float, float]], str]]) -> str:
    """`series`: (label, points, style) with style "solid", "dashed" (a fit) or "dots" (measured points only)."""
    xs = [x for _, pts, _ in series for x, _ in pts]
    ys = [y for _, pts, _ in series for _, y in pts]
    x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (math.log10(x) - x0) / (x1 - x0) * plot_w

    def py(y: float) -> float:
        return TOP + plot_h - (math.log10(y) - y0) / (y1 - y0) * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{WIDTH / 2 - RIGHT / 2}" y="18" text-anchor="middle" font-size="14">{escape(title)}</text>']
    for e in range(x0, x1 + 1):
        out.append(f'<line x1="{px(10**e):.1f}" y1="{TOP}" x2="{px(10**e):.1f}" y2="{TOP + plot_h}" stroke="#ddd"/>')
        out.append(f'<text x="{px(10**e):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">10^{e}</text>')
    for e in range(y0, y1 + 1):
        out.append(f'<line x1="{LEFT}" y1="{py(10**e):.1f}" x2="{LEFT + plot_w}" y2="{py(10**e):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{py(10**e) + 4:.1f}" text-anchor="end">10^{e}</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 12}" text-anchor="middle">{escape(xlabel)}</text>')
    out.append(f'<text transform="translate(16 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">{escape(ylabel)}</text>')
    for i, (label, pts, style) in enumerate(series):
        colour = COLOURS[i // 2 % len(COLOURS)] if len(series) > len(COLOURS) else COLOURS[i % len(COLOURS)]
        coords = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
        dash = ' stroke-dasharray="6 4"'
        if style == "dots":
            out += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in pts]
        else:
            out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="1.8"'
                       f'{dash if style == "dashed" else ""}/>')
        ly = TOP + 14 + 18 * i
        out.append(f'<line x1="{WIDTH - RIGHT + 12}" y1="{ly - 4}" x2="{WIDTH - RIGHT + 32}" y2="{ly - 4}" '
                   f'stroke="{colour}" stroke-width="2"{dash if style == "dashed" else ""}/>')
        out.append(f'<text x="{WIDTH - RIGHT + 38}" y="{ly}">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
