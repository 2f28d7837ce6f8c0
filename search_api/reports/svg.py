"""Server-rendered SVG charts for the dashboard (no JavaScript, presentation attributes only,
so a strict Content-Security-Policy allows them): tasks by state per unit (stacked horizontal
bars) and the states month by month (stacked columns).

>>> "<svg" in units_chart([])
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from search_api.reports.figures import STATE_LABELS, STATES, Report, UnitFigures

COLORS: dict[str, str] = {
    "done_on_time": "#2e7d32",
    "done_late": "#8bc34a",
    "in_progress": "#1e88e5",
    "overdue": "#c62828",
    "not_started": "#9e9e9e",
    "on_hold": "#f9a825",
}
FONT = 'font-family="system-ui, sans-serif"'


def _legend(y: int, width: int) -> tuple[list[str], int]:
    out, x = [], 8
    for state in STATES:
        label = STATE_LABELS[state]
        w = 22 + 7 * len(label)
        if x + w > width:
            x, y = 8, y + 20
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{COLORS[state]}"/>'
                   f'<text x="{x + 16}" y="{y}" font-size="12" {FONT}>{escape(label)}</text>')
        x += w
    return out, y


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def units_chart(units: Sequence[UnitFigures], *, limit: int = 12, width: int = 760) -> str:
    """Stacked bars, one per unit (most tasks first, at most ``limit``)."""
    shown = list(units)[:limit]
    label_w, bar_h, gap, top = 270, 18, 8, 10
    plot_w = width - label_w - 50
    most = max((u.total for u in shown), default=0) or 1
    parts: list[str] = []
    y = top
    for u in shown:
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" font-size="12" text-anchor="end" {FONT}>'
                     f'<title>{escape(u.name)}</title>{escape(_clip(u.name, 36))}</text>')
        x = float(label_w)
        for state in STATES:
            n = u.counts[state]
            if not n:
                continue
            w = plot_w * n / most
            parts.append(f'<rect class="seg seg-{state}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                         f'fill="{COLORS[state]}"><title>{escape(u.name)}: {escape(STATE_LABELS[state])} '
                         f'{n}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 13}" font-size="12" {FONT}>{u.total}</text>')
        y += bar_h + gap
    if not shown:
        parts.append(f'<text x="8" y="{y + 14}" font-size="13" {FONT}>Chưa có nhiệm vụ trong kỳ.</text>')
        y += 24
    legend, y = _legend(y + 16, width)
    height = y + 10
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-units" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-labelledby="chart-units-title">'
            f'<title id="chart-units-title">Nhiệm vụ theo tình trạng và đơn vị chủ trì</title>'
            + "".join(parts + legend) + "</svg>")


def trend_chart(months: Sequence[Report], *, width: int = 760, height: int = 260) -> str:
    """One stacked column per month: the month's tasks by state as of its last day."""
    left, bottom, top = 40, 40, 14
    plot_h = height - bottom - top
    most = max((m.total for m in months), default=0) or 1
    step = (width - left - 10) / max(len(months), 1)
    bar_w = min(56.0, step * 0.6)
    parts = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="#888"/>',
             f'<text x="{left - 6}" y="{top + 10}" font-size="11" text-anchor="end" {FONT}>{most}</text>',
             f'<text x="{left - 6}" y="{top + plot_h}" font-size="11" text-anchor="end" {FONT}>0</text>']
    for i, m in enumerate(months):
        x = left + i * step + (step - bar_w) / 2
        y = float(top + plot_h)
        for state in STATES:
            n = m.counts[state]
            if not n:
                continue
            h = plot_h * n / most
            y -= h
            parts.append(f'<rect class="seg seg-{state}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{COLORS[state]}"><title>Tháng {m.period.start.month}/'
                         f'{m.period.start.year}: {escape(STATE_LABELS[state])} {n}</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" font-size="11" text-anchor="middle" '
                     f'{FONT}>{m.total}</text>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" font-size="12" '
                     f'text-anchor="middle" {FONT}>{m.period.start.month:02d}/{m.period.start.year}</text>')
    legend, y = _legend(top + plot_h + 34, width)
    total_h = max(height, y + 10)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-trend" viewBox="0 0 {width} {total_h}" '
            f'width="100%" role="img" aria-labelledby="chart-trend-title">'
            f'<title id="chart-trend-title">Tình trạng nhiệm vụ theo tháng</title>'
            + "".join(parts + legend) + "</svg>")
