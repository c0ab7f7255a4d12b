"""Small server-rendered SVG trend lines for KPI tiles (pure functions returning strings).

Presentation attributes only (no style attribute, no <style>), so the charts pass the
Content-Security-Policy. The SVG scales with its container (viewBox, width 100%), carries
role="img" with a text alternative, and marks a hidden or missing period as a gap, never as
zero. The target is a dashed line; the last point is larger and coloured by its status.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

LINE = "#0b5560"
TARGET = "#535b64"
ON = "#1d6b35"
OFF = "#a3161b"


def _esc(text: object) -> str:
    return escape(str(text), {'"': "&quot;"})


def sparkline(
    values: Sequence[float | None],
    *,
    label: str,
    target: float | None = None,
    last_status: str = "",
    width: int = 160,
    height: int = 44,
) -> str:
    """A trend of `values` (oldest first; None is a gap) with an optional target line."""
    known = [v for v in values if v is not None]
    pad = 5
    parts = [
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="100%" role="img"'
        f' aria-label="{_esc(label)}" xmlns="http://www.w3.org/2000/svg"'
        f' preserveAspectRatio="none"><title>{_esc(label)}</title>'
    ]
    if not known:
        parts.append(
            f'<line x1="{pad}" y1="{height / 2:.1f}" x2="{width - pad}" y2="{height / 2:.1f}"'
            f' stroke="{TARGET}" stroke-width="1" stroke-dasharray="2 4"/>'
        )
        parts.append("</svg>")
        return "".join(parts)
    scale = known + ([target] if target is not None else [])
    low, high = min(scale), max(scale)
    if high == low:
        low, high = low - 1, high + 1
    margin = (high - low) * 0.1
    low, high = low - margin, high + margin
    step = (width - 2 * pad) / max(1, len(values) - 1)

    def x(i: int) -> float:
        return pad + i * step if len(values) > 1 else width / 2

    def y(v: float) -> float:
        return pad + (high - v) / (high - low) * (height - 2 * pad)

    if target is not None:
        parts.append(
            f'<line x1="{pad}" y1="{y(target):.1f}" x2="{width - pad}" y2="{y(target):.1f}"'
            f' stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, v in enumerate(values):
        if v is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(v):.1f}")
    if segment:
        segments.append(segment)
    for points in segments:
        if len(points) > 1:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE}"'
                ' stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>'
            )
    last_index = max(i for i, v in enumerate(values) if v is not None)
    for i, v in enumerate(values):
        if v is None:
            continue
        if i == last_index:
            colour = {"on": ON, "off": OFF}.get(last_status, LINE)
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4.5" fill="{colour}"/>')
        else:
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2" fill="{LINE}"/>')
    parts.append("</svg>")
    return "".join(parts)
