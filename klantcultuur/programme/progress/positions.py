"""Stakeholder positions over time, drawn as movement (static SVG, pure).

A frozen power-interest grid misleads: positions change. Each stakeholder is a path through
its measurements on a grid of stance (opponent, neutral, supporter) against influence (low,
medium, high), with an arrow into the latest position.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
TEXT = "#1A1A1A"
MUTED = "#4D4D4D"
GRID = "#BDBDBD"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Track:
    """One stakeholder's measurements, oldest first: (day label, influence 1 to 3, stance 0 to 2)."""

    label: str
    points: Sequence[tuple[str, int, int]]


def movement(track: Track) -> tuple[int, int] | None:
    """(change in stance, change in influence) from the first to the latest measurement."""
    if len(track.points) < 2:
        return None
    first, last = track.points[0], track.points[-1]
    return last[2] - first[2], last[1] - first[1]


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def positions_chart(
    tracks: Sequence[Track],
    *,
    stance_labels: Sequence[str],
    influence_labels: Sequence[str],
    title: str,
    width: int = 560,
) -> str:
    """The grid with one coloured path per stakeholder; several in one cell are spread out."""
    left, right, top, bottom = 70, 10, 14, 34
    height = 330
    plot_w, plot_h = width - left - right, height - top - bottom
    cell_w, cell_h = plot_w / 3, plot_h / 3
    desc = []
    for t in tracks:
        steps = " → ".join(
            f"{day}: {stance_labels[s]}, {influence_labels[i - 1]}" for day, i, s in t.points
        )
        desc.append(f"{t.label}: {steps}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_attr(title)}" font-family="{FONT}" font-size="11">'
        f"<title>{escape(title)}</title><desc>{escape('; '.join(desc))}</desc>",
        "<defs>",
    ]
    for n, colour in enumerate(PALETTE):
        parts.append(
            f'<marker id="arrow-{n}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" '
            f'fill="{colour}"/></marker>'
        )
    parts.append("</defs>")
    for i in range(4):
        x = left + i * cell_w
        y = top + i * cell_h
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{GRID}"/>'
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
    for s, label in enumerate(stance_labels):
        parts.append(
            f'<text x="{left + (s + 0.5) * cell_w:.1f}" y="{height - 12}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
    for i, label in enumerate(influence_labels):
        y = top + plot_h - (i + 0.5) * cell_h
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
    # Spread the stakeholders that share a cell at their latest position, so none is hidden.
    crowd: dict[tuple[int, int], int] = defaultdict(int)
    slots: list[int] = []
    for t in tracks:
        cell = (t.points[-1][1], t.points[-1][2]) if t.points else (0, 0)
        slots.append(crowd[cell])
        crowd[cell] += 1
    for n, (t, slot) in enumerate(zip(tracks, slots, strict=True)):
        if not t.points:
            continue
        colour = PALETTE[n % len(PALETTE)]
        dx = ((slot % 4) - 1.5) * cell_w / 5
        dy = ((slot // 4) % 3 - 1) * cell_h / 4
        coords = [
            (left + (s + 0.5) * cell_w + dx, top + plot_h - (i - 0.5) * cell_h + dy)
            for _day, i, s in t.points
        ]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" '
                f'marker-end="url(#arrow-{n % len(PALETTE)})"/>'
            )
        for x, y in coords[:-1]:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#FFFFFF" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
        x, y = coords[-1]
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
            f'<text x="{x + 7:.1f}" y="{y - 6:.1f}" fill="{TEXT}">{escape(t.label[:24])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
