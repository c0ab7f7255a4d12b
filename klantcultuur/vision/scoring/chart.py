"""Observations per week as a static SVG column chart (a pure function returning a string).

Presentation attributes only (no style attribute), so it passes the Content-Security-Policy.
Each week is a column split by behaviour (the same colour for a behaviour in every week, a
legend below), with the week's total above it; an empty week is an empty slot, never left out,
so the rhythm of weeks stays visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

# Colour-blind-safe palette (Okabe-Ito), dark enough for white gaps between blocks.
PALETTE = ("#0b5560", "#d55e00", "#0072b2", "#cc79a7", "#009e73", "#8a6d00", "#56606b", "#7b3294")
AXIS = "#535b64"


def _esc(text: object) -> str:
    return escape(str(text), {'"': "&quot;"})


@dataclass(frozen=True)
class Week:
    label: str  # "wk 12"
    counts: tuple[int, ...]  # one count per series, in series order


def week_chart(
    weeks: Sequence[Week], series: Sequence[str], *, title: str, desc: str, width: int = 720
) -> str:
    """Stacked columns per week; `series` names the behaviours in the order of `counts`."""
    legend_rows = (len(series) + 1) // 2
    top, bottom, left, right = 28, 26, 8, 8
    plot_h = 180
    height = top + plot_h + bottom + legend_rows * 20 + 8
    most = max((sum(w.counts) for w in weeks), default=0) or 1
    slot = (width - left - right) / max(1, len(weeks))
    bar = max(6.0, slot * 0.62)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img"'
        f' aria-labelledby="obs-title obs-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="obs-title">{_esc(title)}</title><desc id="obs-desc">{_esc(desc)}</desc>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}"'
        f' stroke="{AXIS}" stroke-width="1"/>',
    ]
    for i, week in enumerate(weeks):
        x = left + i * slot + (slot - bar) / 2
        y = float(top + plot_h)
        total = sum(week.counts)
        for s, count in enumerate(week.counts):
            if not count:
                continue
            h = count / most * plot_h
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}"'
                f' fill="{PALETTE[s % len(PALETTE)]}" stroke="#fff" stroke-width="1">'
                f"<title>{_esc(week.label)}: {_esc(series[s])} {count}</title></rect>"
            )
        cx = x + bar / 2
        if total:
            parts.append(
                f'<text x="{cx:.1f}" y="{y - 5:.1f}" text-anchor="middle" font-size="13"'
                f' font-weight="700" fill="#1f2328">{total}</text>'
            )
        parts.append(
            f'<text x="{cx:.1f}" y="{top + plot_h + 17}" text-anchor="middle" font-size="11"'
            f' fill="{AXIS}">{_esc(week.label)}</text>'
        )
    legend_top = top + plot_h + bottom + 6
    column = (width - left - right) / 2
    for s, name in enumerate(series):
        lx = left + (s % 2) * column
        ly = legend_top + (s // 2) * 20
        label = name if len(name) <= 52 else name[:50] + "…"
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{PALETTE[s % len(PALETTE)]}"/>'
            f'<text x="{lx + 18:.1f}" y="{ly + 10}" font-size="12" fill="#1f2328">{_esc(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
