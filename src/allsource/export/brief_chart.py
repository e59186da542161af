"""The cooperation/conflict chart of a brief as inline SVG: no script, nothing fetched.

Each year of the span gets a green bar above the axis (cooperation) and a red bar below it
(conflict), on one scale; years with no record keep their place so gaps show as gaps.
"""

from __future__ import annotations

from html import escape

from allsource.analyze.dyads import DyadYear

WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 36
COOPERATION, CONFLICT = "#2e7d32", "#c62828"
MAX_CONTINUOUS_SPAN = 60  # longer spans show only the years that hold records


def chart_svg(series: list[DyadYear], title: str) -> str:
    if not series:
        return ""
    by_year = {y.year: y for y in series}
    first, last = series[0].year, series[-1].year
    years = list(range(first, last + 1)) if last - first < MAX_CONTINUOUS_SPAN else [y.year for y in series]
    peak = max(max(y.cooperation, y.conflict) for y in series) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    axis_y = TOP + plot_h / 2
    slot = plot_w / len(years)
    bar = max(min(slot * 0.7, 28), 2)
    label_every = max(1, round(len(years) / 12))
    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(title)}" class="chart">',
             f'<line x1="{LEFT}" y1="{axis_y:.1f}" x2="{WIDTH - RIGHT}" y2="{axis_y:.1f}" stroke="#555"/>']
    for value, y in ((peak, TOP), (0, axis_y), (peak, TOP + plot_h)):
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{value:g}</text>')
    for index, year in enumerate(years):
        x = LEFT + index * slot + (slot - bar) / 2
        row = by_year.get(year)
        if row:
            up = row.cooperation / peak * plot_h / 2
            down = row.conflict / peak * plot_h / 2
            tip = escape(f"{year}: cooperation {row.cooperation:g}, conflict {row.conflict:g}, {row.count} records")
            parts.append(f'<g><title>{tip}</title>'
                         f'<rect x="{x:.1f}" y="{axis_y - up:.1f}" width="{bar:.1f}" height="{up:.1f}" '
                         f'fill="{COOPERATION}"/>'
                         f'<rect x="{x:.1f}" y="{axis_y:.1f}" width="{bar:.1f}" height="{down:.1f}" '
                         f'fill="{CONFLICT}"/></g>')
        if (len(years) - 1 - index) % label_every == 0:  # counted from the end, so the latest year is labelled
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                         f'font-size="11">{year}</text>')
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 4}" font-size="11" fill="{COOPERATION}">▲ cooperation</text>'
                 f'<text x="{LEFT + 110}" y="{HEIGHT - 4}" font-size="11" fill="{CONFLICT}">▼ conflict</text>')
    parts.append("</svg>")
    return "".join(parts)
