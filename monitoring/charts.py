"""Server-rendered SVG charts (no chart service, no JavaScript): one small line chart per KPI with its
baseline-to-target path, shared by the monitoring page, the progress report and the PDF. Each chart has a
<title> and <desc>; the page puts the readings in a table beside it as the accessible alternative."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD_X, PAD_Y = 320, 120, 34, 14
COLOURS = {"on_track": "#1e7b3c", "at_risk": "#9a6700", "off_track": "#b02a37", "no_status": "#495057"}


def _fmt(value: Decimal | float) -> str:
    """Axis labels short enough for the chart's margin: 1,500 / 12k / 3.4M / 0.25."""
    number = float(value)
    if abs(number) >= 1_000_000:
        return f"{number / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    if abs(number) >= 10_000:
        return f"{number / 1_000:.0f}k"
    return f"{number:,.0f}" if abs(number) >= 100 else f"{number:,.2f}".rstrip("0").rstrip(".")


def kpi_chart(
    *,
    title: str,
    readings: list[tuple[datetime.date, Decimal, str]],
    baseline: Decimal | None,
    target: Decimal | None,
    start: datetime.date | None,
    end: datetime.date | None,
    chart_id: str,
) -> SafeString:
    """`readings`: (date, value, status code) in date order. The dashed line is the path from the baseline to
    the target over the strategy's period; each dot is a reading coloured by its status."""
    dates = [d for d, _v, _s in readings]
    values = [Decimal(v) for _d, v, _s in readings]
    path = baseline is not None and target is not None and start is not None and end is not None and end > start
    if path:
        dates += [start, end]
        values += [baseline, target]
    if not dates:
        return mark_safe("")
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * Decimal("0.08")
    low, high = low - pad, high + pad

    def x(day: datetime.date) -> float:
        return round(PAD_X + (WIDTH - PAD_X - 8) * (day - first).days / span, 1)

    def y(value: Decimal) -> float:
        return round(HEIGHT - PAD_Y - float((value - low) / (high - low)) * (HEIGHT - 2 * PAD_Y), 1)

    desc_parts = [f"{d:%d %b %Y}: {_fmt(v)}" for d, v, _s in readings]
    if path:
        desc_parts.append(f"path from {_fmt(baseline)} on {start:%d %b %Y} to {_fmt(target)} on {end:%d %b %Y}")
    parts = [
        f'<svg class="kpi-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape("; ".join(desc_parts) or "no readings")}</desc>',
        f'<line x1="{PAD_X}" y1="{HEIGHT - PAD_Y}" x2="{WIDTH - 8}" y2="{HEIGHT - PAD_Y}" stroke="#adb5bd"/>',
        f'<text x="{PAD_X - 4}" y="{y(high - pad) + 4}" font-size="9" text-anchor="end" fill="#495057">'
        f"{escape(_fmt(high - pad))}</text>",
        f'<text x="{PAD_X - 4}" y="{y(low + pad) + 4}" font-size="9" text-anchor="end" fill="#495057">'
        f"{escape(_fmt(low + pad))}</text>",
    ]
    if path:
        parts.append(
            f'<line x1="{x(start)}" y1="{y(baseline)}" x2="{x(end)}" y2="{y(target)}" stroke="#00abb2" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    if readings:
        points = " ".join(f"{x(d)},{y(Decimal(v))}" for d, v, _s in readings)
        parts.append(f'<polyline points="{points}" fill="none" stroke="#343a40" stroke-width="1.5"/>')
        for d, v, s in readings:
            parts.append(
                f'<circle cx="{x(d)}" cy="{y(Decimal(v))}" r="3.5" fill="{COLOURS.get(s, COLOURS["no_status"])}"/>'
            )
    parts.append(
        f'<text x="{PAD_X}" y="{HEIGHT - 2}" font-size="9" fill="#495057">{first:%b %Y}</text>'
        f'<text x="{WIDTH - 8}" y="{HEIGHT - 2}" font-size="9" text-anchor="end" fill="#495057">{last:%b %Y}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above
