"""Dagstart adoption: teams that held a dagstart on each of the last working days (static SVG)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

BAR = "#0072B2"
TEXT = "#1A1A1A"
MUTED = "#4D4D4D"
GRID = "#BDBDBD"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def adoption_chart(
    labels: Sequence[str], held: Sequence[int], teams: int, *, title: str, width: int = 640
) -> str:
    """One bar per working day: teams that held a dagstart, against the number of teams."""
    left, right, top, bottom = 40, 8, 16, 28
    height = 180
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max(teams, max(held, default=0), 1)
    n = max(len(held), 1)
    slot = plot_w / n
    desc = "; ".join(f"{escape(label)}: {h}/{teams}" for label, h in zip(labels, held, strict=True))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title, {chr(34): "&quot;"})}" font-family="{FONT}" font-size="11">'
        f"<title>{escape(title)}</title><desc>{desc}</desc>",
        f'<line x1="{left}" x2="{width - right}" y1="{top}" y2="{top}" stroke="{GRID}" '
        f'stroke-dasharray="3 3"/><text x="{left - 4}" y="{top + 4}" text-anchor="end" '
        f'fill="{MUTED}">{top_value}</text>',
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="{GRID}"/><text x="{left - 4}" y="{top + plot_h + 4}" text-anchor="end" '
        f'fill="{MUTED}">0</text>',
    ]
    for i, (label, value) in enumerate(zip(labels, held, strict=True)):
        h = plot_h * value / top_value
        x = left + i * slot + slot * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{BAR}"/>'
        )
        if i % 5 == 0 or i == len(held) - 1:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{height - 10}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
