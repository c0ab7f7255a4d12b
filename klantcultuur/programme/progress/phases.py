"""Maturity phases over waves: shares, trend and the overlapping-phases chart (static SVG).

The chart follows the conventions of the scan's charts: a ``viewBox`` (scales to a phone),
``role="img"`` with ``<title>``/``<desc>``, presentation attributes only (no inline styles,
so a strict Content-Security-Policy holds), escaped text and the Okabe-Ito palette.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

PHASE_COUNT = 5
# Okabe-Ito, one colour per phase (lowest first).
COLOURS = ("#D55E00", "#E69F00", "#56B4E9", "#0072B2", "#009E73")
TEXT = "#1A1A1A"
MUTED = "#4D4D4D"
GRID = "#BDBDBD"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class PhasePoint:
    """One wave: its label, the phases of the units it covers (suppressed units left out),
    and the subject's own phase (None when suppressed or not measured)."""

    label: str
    phases: tuple[int, ...]
    own: int | None = None


def phase_shares(phases: Sequence[int]) -> dict[int, float]:
    """Share (0..1) of units in each phase 1..5; all zero without units."""
    counts = Counter(p for p in phases if 1 <= p <= PHASE_COUNT)
    total = sum(counts.values())
    return {p: (counts[p] / total if total else 0.0) for p in range(1, PHASE_COUNT + 1)}


def trend(previous: int | None, current: int | None) -> str | None:
    """ "up", "down" or "same" from one wave's phase to the next; None if either is unknown."""
    if previous is None or current is None:
        return None
    if current > previous:
        return "up"
    if current < previous:
        return "down"
    return "same"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def phase_chart(
    points: Sequence[PhasePoint],
    *,
    phase_names: Sequence[str],
    title: str,
    own_label: str,
    empty_text: str,
    width: int = 640,
) -> str:
    """Overlapping bands, one per phase, over the waves in time order (oldest first).

    Each phase has its own row; the band's thickness at a wave is the share of units in that
    phase, and the bands are drawn semi-transparent and taller than their row so that
    neighbouring phases overlap, as they do in a real change. The subject's own phase per wave
    is a black dot in its row.
    """
    left, right, top, bottom = 118, 16, 34, 34
    row = 38
    height = top + row * PHASE_COUNT + bottom
    plot_w = width - left - right
    n = len(points)
    parts: list[str] = []
    desc_lines = []
    for point in points:
        shares = phase_shares(point.phases)
        described = ", ".join(
            f"{escape(phase_names[p - 1])} {round(100 * s)}%" for p, s in shares.items() if s
        )
        own = f"; {escape(own_label)}: {escape(phase_names[point.own - 1])}" if point.own else ""
        desc_lines.append(f"{escape(point.label)}: {described or '-'}{own}")
    parts.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title, {chr(34): "&quot;"})}" font-family="{FONT}" font-size="12">'
        f"<title>{escape(title)}</title><desc>{'; '.join(desc_lines)}</desc>"
    )

    def y_mid(phase: int) -> float:
        return top + row * (PHASE_COUNT - phase) + row / 2

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    for phase in range(1, PHASE_COUNT + 1):
        y = y_mid(phase)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_fmt(y)}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 8}" y="{_fmt(y + 4)}" text-anchor="end" fill="{TEXT}">'
            f"{phase}. {escape(phase_names[phase - 1])}</text>"
        )
    if not points:
        parts.append(
            f'<text x="{left + plot_w / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
            f'fill="{MUTED}">{escape(empty_text)}</text></svg>'
        )
        return "".join(parts)
    shares_per_wave = [phase_shares(point.phases) for point in points]
    # Half-thickness grows from 0.3 row (a few units) to 1 row (all of them): from a share of
    # about a third on, a band spills into its neighbours' rows, so phases visibly overlap.
    for phase in range(1, PHASE_COUNT + 1):
        y = y_mid(phase)
        halves = [
            row * (0.3 + 0.7 * s) if s else 0.0
            for s in (shares[phase] for shares in shares_per_wave)
        ]
        if not any(halves):
            continue
        if n == 1:
            xs = [left + plot_w * 0.35, left + plot_w * 0.65]
            halves = halves * 2
        else:
            xs = [x_at(i) for i in range(n)]
        upper = " ".join(f"{_fmt(x)},{_fmt(y - h)}" for x, h in zip(xs, halves, strict=True))
        lower = " ".join(
            f"{_fmt(x)},{_fmt(y + h)}" for x, h in reversed(list(zip(xs, halves, strict=True)))
        )
        parts.append(
            f'<polygon points="{upper} {lower}" fill="{COLOURS[phase - 1]}" fill-opacity="0.55" '
            f'stroke="{COLOURS[phase - 1]}" stroke-width="1"/>'
        )
    for i, point in enumerate(points):
        x = x_at(i)
        # Edge labels lean inwards so that they stay inside the picture.
        last = n > 1 and i == n - 1
        anchor = "end" if last else ("start" if n > 1 and i == 0 else "middle")
        parts.append(
            f'<text x="{_fmt(x)}" y="{height - 12}" text-anchor="{anchor}" fill="{TEXT}">'
            f"{escape(point.label)}</text>"
        )
        shares = shares_per_wave[i]
        for phase, share in shares.items():
            if share >= 0.1:
                dx, share_anchor = (-8, "end") if last else (8, "start")
                parts.append(
                    f'<text x="{_fmt(x + dx)}" y="{_fmt(y_mid(phase) - 4)}" fill="{TEXT}" '
                    f'font-size="10" text-anchor="{share_anchor}">{round(100 * share)}%</text>'
                )
        if point.own:
            parts.append(
                f'<circle cx="{_fmt(x)}" cy="{_fmt(y_mid(point.own))}" r="5" fill="#000000" '
                f'stroke="#FFFFFF" stroke-width="1.5"/>'
            )
    parts.append(
        f'<circle cx="{left}" cy="16" r="5" fill="#000000"/>'
        f'<text x="{left + 10}" y="20" fill="{TEXT}">{escape(own_label)}</text></svg>'
    )
    return "".join(parts)
