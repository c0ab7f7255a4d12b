"""Static, accessible SVG charts for the culture-scan report (pure functions returning strings).

Every function takes plain numbers plus texts the caller has already translated, and returns
one ``<svg>`` document with a ``viewBox`` (it scales to a phone or a printed page),
``role="img"``, an ``aria-label`` and ``<title>``/``<desc>``. Styling uses presentation
attributes only (``fill=``, ``stroke=``, ``font-size=``): no ``style`` attribute and no
``<style>`` element, so the charts pass a Content-Security-Policy without 'unsafe-inline'.
All text is XML-escaped. Colours are the Okabe-Ito colour-blind-safe palette; text is
near-black on white. A value of ``None`` means suppressed (anonymity): it is drawn as a grey
hatched marker labelled with the caller's ``too_few`` text, never as zero.

Functions: ``radar_chart`` (four components, optional previous wave and reference),
``gap_chart`` (example behaviour: self-view vs employees' view, and share "always" vs share
recognising, with the Monitor's reference lines), ``stance_chart`` (20/60/20 stacked bars per
unit with a reference bar), ``leaders_peers_chart`` (shares of explained variance with
bootstrap intervals), ``wave_chart`` (change per scale, dot and whisker), and ``heat_colour``
(fill and text colour of one heatmap cell for an HTML table).

``id_prefix`` makes the ids inside one SVG unique when several charts sit on one page;
``decimal_separator`` is "," for Dutch, "." for English.
"""

from __future__ import annotations

import hashlib
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from klantcultuur.lib.numbers import rounded

# Okabe & Ito (2008) colour-blind-safe palette.
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
SKY = "#56B4E9"
ORANGE = "#E69F00"
PURPLE = "#CC79A7"
BLACK = "#000000"
TEXT = "#1A1A1A"
MUTED = "#4D4D4D"  # 8.5:1 on white
GRID = "#BDBDBD"
SUPPRESSED_FILL = "#E6E6E6"
SUPPRESSED_LINE = "#737373"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"

# ColorBrewer PuOr (colour-blind safe, diverging): low = orange, middle = white, high = purple.
HEAT_STOPS: tuple[str, ...] = (
    "#B35806",
    "#F1A340",
    "#FEE0B6",
    "#F7F7F7",
    "#D8DAEB",
    "#998EC3",
    "#542788",
)


def _esc(text: object) -> str:
    """Escape text for element content and double-quoted attributes."""
    return escape(str(text), {'"': "&quot;", "'": "&apos;"})


def _num(value: float, decimals: int, separator: str) -> str:
    """Format a number with a fixed number of decimals and the given decimal separator."""
    text = f"{rounded(value, decimals):f}"
    return text.replace(".", separator) if separator != "." else text


def _pct(share: float) -> str:
    """Format a share 0..1 as a whole percentage."""
    return f"{round(share * 100)}%"


def _prefix(kind: str, id_prefix: str | None, *parts: object) -> str:
    """A safe id prefix: the caller's, or the chart kind with a short hash of its content."""
    if id_prefix:
        return re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix)
    digest = hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:8]
    return f"{kind}-{digest}"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = 12,
    anchor: str = "start",
    fill: str = TEXT,
    weight: str | None = None,
) -> str:
    """One escaped text element."""
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"'
        f' fill="{fill}"{bold}>{_esc(content)}</text>'
    )


def _wrapped(
    x: float, y: float, content: str, width: int, *, size: int = 12, line: int = 15
) -> tuple[str, int]:
    """A text wrapped at ``width`` characters as tspans; returns the SVG and the line count."""
    lines = textwrap.wrap(str(content), width) or [""]
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else line}">{_esc(part)}</tspan>'
        for i, part in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{TEXT}">{spans}</text>', len(
        lines
    )


def _centred(x: float, text: str, size: int, left: float, right: float) -> float:
    """Where to centre a label meant for x so that it stays inside left..right."""
    half = _text_width(text, size) / 2
    return min(max(x, left + half + 2), right - half - 2)


def _text_width(text: str, size: int) -> float:
    """A generous estimate of the rendered width of a text (average glyph of 0.6 em)."""
    return 0.6 * size * len(text)


def _hatch(prefix: str) -> str:
    """The pattern used for suppressed values."""
    return (
        f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{SUPPRESSED_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{SUPPRESSED_LINE}" stroke-width="2"/>'
        "</pattern>"
    )


def _suppressed(prefix: str, x: float, y: float, w: float, h: float, label: str) -> str:
    """A hatched grey box with the caller's "too few respondents" label beside it."""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"'
        f' fill="url(#{prefix}-hatch)" stroke="{SUPPRESSED_LINE}" stroke-width="1"/>'
        + _text(x + w + 6, y + h / 2 + 4, label, size=11, fill=MUTED)
    )


def _document(prefix: str, width: int, height: int, title: str, desc: str, body: str) -> str:
    """Wrap a chart body in an accessible, scalable SVG document."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' preserveAspectRatio="xMidYMid meet" role="img" aria-label="{_esc(title)}"'
        f' aria-labelledby="{prefix}-title {prefix}-desc" font-family="{_esc(FONT)}">'
        f'<title id="{prefix}-title">{_esc(title)}</title>'
        f'<desc id="{prefix}-desc">{_esc(desc)}</desc>'
        f"<defs>{_hatch(prefix)}</defs>"
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#FFFFFF"/>'
        f"{body}</svg>"
    )


def _legend(
    items: Sequence[tuple[str, str]], x: float, y: float, width: float
) -> tuple[str, float]:
    """Colour swatches with labels, flowing onto new lines; returns SVG and the height used."""
    parts, cx, cy = [], x, y
    for colour, label in items:
        needed = 22 + 7 * len(label)
        if cx > x and cx + needed > x + width:
            cx, cy = x, cy + 20
        parts.append(
            f'<rect x="{cx:.1f}" y="{cy - 10:.1f}" width="12" height="12" fill="{colour}"'
            f' stroke="{TEXT}" stroke-width="0.5"/>' + _text(cx + 17, cy, label, size=12)
        )
        cx += needed + 12
    return "".join(parts), cy - y + 20


# --- radar -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RadarSeries:
    """One polygon: ``kind`` is "current", "previous" or "reference"; None = suppressed."""

    label: str
    values: Sequence[float | None]
    kind: str = "current"


_RADAR_LOOK = {
    "current": (BLUE, "none", 2.5),
    "previous": (MUTED, "6 4", 1.5),
    "reference": (ORANGE, "2 3", 2.0),
}


def radar_chart(
    axes: Sequence[str],
    series: Sequence[RadarSeries],
    *,
    title: str,
    desc: str,
    too_few: str,
    minimum: float = 1.0,
    maximum: float = 5.0,
    id_prefix: str | None = None,
    decimal_separator: str = ",",
) -> str:
    """Radar of the components (e.g. four) with the current wave, and optionally more series."""
    prefix = _prefix("radar", id_prefix, title, desc, axes)
    width, cx, cy, radius = 560, 280.0, 200.0, 120.0
    n = len(axes)
    body: list[str] = []

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * (value - minimum) / (maximum - minimum)
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for level in range(int(minimum), int(maximum) + 1):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, level) for i in range(n)))
        body.append(f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="1"/>')
        lx, ly = point(0, level)
        body.append(_text(lx + 4, ly + 4, _num(level, 0, decimal_separator), size=10, fill=MUTED))
    for i, label in enumerate(axes):
        x, y = point(i, maximum)
        body.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        lx, ly = point(i, maximum + 0.3 * (maximum - minimum) / 4)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        lines = textwrap.wrap(label, 16) or [""]
        # Labels above the centre grow upwards, the others downwards.
        first = ly + 4 - (15 * (len(lines) - 1) if ly < cy - 20 else 0)
        spans = "".join(
            f'<tspan x="{lx:.1f}" dy="{0 if j == 0 else 15}">{_esc(part)}</tspan>'
            for j, part in enumerate(lines)
        )
        body.append(
            f'<text x="{lx:.1f}" y="{first:.1f}" font-size="12" text-anchor="{anchor}"'
            f' fill="{TEXT}" font-weight="600">{spans}</text>'
        )
    suppressed_axes: set[int] = set()
    for s in series:
        colour, dash, stroke_width = _RADAR_LOOK.get(s.kind, _RADAR_LOOK["current"])
        known = [(i, v) for i, v in enumerate(s.values) if v is not None]
        if s.kind == "current":
            suppressed_axes |= {i for i, v in enumerate(s.values) if v is None}
        if len(known) == n:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in known))
            fill = (
                f' fill="{colour}" fill-opacity="0.15"' if s.kind == "current" else ' fill="none"'
            )
            body.append(
                f'<polygon points="{pts}"{fill} stroke="{colour}" stroke-width="{stroke_width}"'
                + (f' stroke-dasharray="{dash}"' if dash != "none" else "")
                + "/>"
            )
        for i, v in known:
            x, y = point(i, v)
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
            if s.kind == "current":
                body.append(_text(x + 6, y - 6, _num(v, 1, decimal_separator), size=11))
    for i in sorted(suppressed_axes):
        x, y = point(i, (minimum + maximum) / 2)
        body.append(
            f'<rect x="{x - 7:.1f}" y="{y - 7:.1f}" width="14" height="14"'
            f' fill="url(#{prefix}-hatch)" stroke="{SUPPRESSED_LINE}"/>'
        )
    legend_items = [(_RADAR_LOOK.get(s.kind, _RADAR_LOOK["current"])[0], s.label) for s in series]
    top = cy + radius + 70
    legend, used = _legend(legend_items, 20, top, width - 40)
    body.append(legend)
    if suppressed_axes:
        names = ", ".join(axes[i] for i in sorted(suppressed_axes))
        body.append(_suppressed(prefix, 20, top + used - 6, 14, 14, f"{names}: {too_few}"))
        used += 24
    return _document(prefix, width, int(top + used + 10), title, desc, "".join(body))


# --- example-behaviour gap --------------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    """One behaviour; None marks a suppressed figure."""

    label: str
    self_mean: float | None
    seen_mean: float | None
    self_always: float | None
    self_almost: float | None
    seen_recognise: float | None


@dataclass(frozen=True)
class GapLabels:
    """Translated texts of the gap chart."""

    means_heading: str
    shares_heading: str
    managers_view: str
    employees_view: str
    share_always: str
    share_almost: str
    share_recognise: str
    reference_always: str
    reference_almost: str
    reference_strong: str
    too_few: str
    scale_low: str = "1"
    scale_high: str = "5"


def gap_chart(
    rows: Sequence[GapRow],
    *,
    labels: GapLabels,
    title: str,
    desc: str,
    reference_always: float = 0.50,
    reference_almost: float = 0.33,
    reference_strong: float = 0.20,
    id_prefix: str | None = None,
    decimal_separator: str = ",",
) -> str:
    """Managers' self-view vs employees' view per behaviour (means, then shares) with Monitor lines."""
    prefix = _prefix("gap", id_prefix, title, desc, [r.label for r in rows])
    width, left, right = 560, 20.0, 540.0
    track = right - left - 60
    body: list[str] = []
    y = 28.0
    body.append(_text(left, y, labels.means_heading, size=14, weight="600"))
    y += 12
    legend, used = _legend(
        [(BLUE, labels.managers_view), (VERMILLION, labels.employees_view)], left, y + 14, track
    )
    body.append(legend)
    y += used + 8

    def mx(value: float) -> float:
        return left + track * (value - 1) / 4

    for row in rows:
        block, lines = _wrapped(left, y + 12, row.label, 80)
        body.append(block)
        y += 15 * lines + 6
        body.append(
            f'<line x1="{mx(1):.1f}" y1="{y + 8:.1f}" x2="{mx(5):.1f}" y2="{y + 8:.1f}"'
            f' stroke="{GRID}" stroke-width="1"/>'
        )
        if row.self_mean is None or row.seen_mean is None:
            body.append(_suppressed(prefix, mx(1), y + 1, 14, 14, labels.too_few))
        else:
            a, b = mx(row.self_mean), mx(row.seen_mean)
            body.append(
                f'<line x1="{a:.1f}" y1="{y + 8:.1f}" x2="{b:.1f}" y2="{y + 8:.1f}"'
                f' stroke="{MUTED}" stroke-width="2"/>'
                f'<circle cx="{a:.1f}" cy="{y + 8:.1f}" r="6" fill="{BLUE}"/>'
                f'<rect x="{b - 5.5:.1f}" y="{y + 2.5:.1f}" width="11" height="11" fill="{VERMILLION}"/>'
                + _text(
                    right,
                    y + 12,
                    f"{_num(row.self_mean, 1, decimal_separator)} / "
                    f"{_num(row.seen_mean, 1, decimal_separator)}",
                    size=11,
                    anchor="end",
                )
            )
        y += 26
    body.append(_text(mx(1), y + 4, labels.scale_low, size=10, anchor="middle", fill=MUTED))
    body.append(_text(mx(5), y + 4, labels.scale_high, size=10, anchor="middle", fill=MUTED))
    y += 34

    body.append(_text(left, y, labels.shares_heading, size=14, weight="600"))
    y += 12
    legend, used = _legend(
        [
            (BLUE, labels.share_always),
            (SKY, labels.share_almost),
            (VERMILLION, labels.share_recognise),
        ],
        left,
        y + 14,
        track,
    )
    body.append(legend)
    y += used + 8

    def sx(share: float) -> float:
        return left + track * share

    bar_blocks: list[tuple[float, float]] = []
    for row in rows:
        block, lines = _wrapped(left, y + 12, row.label, 80)
        body.append(block)
        y += 15 * lines + 4
        if row.self_always is not None or row.seen_recognise is not None:
            bar_blocks.append((y - 2, y + 29))
        if row.self_always is None or row.self_almost is None:
            body.append(_suppressed(prefix, left, y, 14, 12, labels.too_few))
        else:
            w1, w2 = track * row.self_always, track * row.self_almost
            body.append(
                f'<rect x="{left:.1f}" y="{y:.1f}" width="{w1:.1f}" height="12" fill="{BLUE}"/>'
                f'<rect x="{left + w1:.1f}" y="{y:.1f}" width="{w2:.1f}" height="12" fill="{SKY}"/>'
                + _text(
                    right,
                    y + 10,
                    f"{_pct(row.self_always)} + {_pct(row.self_almost)}",
                    size=11,
                    anchor="end",
                )
            )
        y += 15
        if row.seen_recognise is None:
            body.append(_suppressed(prefix, left, y, 14, 12, labels.too_few))
        else:
            body.append(
                f'<rect x="{left:.1f}" y="{y:.1f}" width="{track * row.seen_recognise:.1f}"'
                f' height="12" fill="{VERMILLION}"/>'
                + _text(right, y + 10, _pct(row.seen_recognise), size=11, anchor="end")
            )
        y += 24
    references = [
        (reference_always, labels.reference_always, "6 3"),
        (reference_always + reference_almost, labels.reference_almost, "2 3"),
        (reference_strong, labels.reference_strong, "8 3 2 3"),
    ]
    for i, (share, label, dash) in enumerate(references):
        x = sx(share)
        # Drawn across the bars only, so the lines never run through a behaviour's label.
        for top_y, bottom_y in [*bar_blocks, (y - 4, y + 4 + 14 * i)]:
            body.append(
                f'<line x1="{x:.1f}" y1="{top_y:.1f}" x2="{x:.1f}" y2="{bottom_y:.1f}"'
                f' stroke="{BLACK}" stroke-width="1.2" stroke-dasharray="{dash}"/>'
            )
        text = f"{_pct(share)}: {label}"
        centre = _centred(x, text, 10, 0, width)
        body.append(_text(centre, y + 14 + 14 * i, text, size=10, anchor="middle"))
    height = int(y + 14 + 14 * len(references) + 10)
    return _document(prefix, width, height, title, desc, "".join(body))


# --- pullers, riders, resisters ----------------------------------------------------------


@dataclass(frozen=True)
class StanceRow:
    """One unit: shares (pullers, riders, resisters) summing to 1, or None when suppressed."""

    label: str
    shares: tuple[float, float, float] | None


def _readable_on(fill: str) -> str:
    """Black or white text, whichever contrasts more with ``fill``."""
    return (
        "#000000"
        if contrast_ratio("#000000", fill) >= contrast_ratio("#FFFFFF", fill)
        else "#FFFFFF"
    )


def stance_chart(
    rows: Sequence[StanceRow],
    *,
    stance_labels: tuple[str, str, str],
    reference_label: str,
    title: str,
    desc: str,
    too_few: str,
    reference: tuple[float, float, float] = (0.2, 0.6, 0.2),
    id_prefix: str | None = None,
) -> str:
    """100% stacked bars of pullers / riders / resisters per unit, below a 20/60/20 reference bar."""
    prefix = _prefix("stance", id_prefix, title, desc, [r.label for r in rows])
    width, left, bar_w = 560, 20.0, 520.0
    colours = (GREEN, SKY, VERMILLION)
    legend, used = _legend(list(zip(colours, stance_labels, strict=True)), left, 24, bar_w)
    body = [legend]
    y = 24 + used + 4
    for label, shares, is_reference in [
        (reference_label, reference, True),
        *((r.label, r.shares, False) for r in rows),
    ]:
        block, lines = _wrapped(left, y + 12, label, 80)
        body.append(block)
        y += 15 * lines + 4
        if shares is None:
            body.append(_suppressed(prefix, left, y, 14, 18, too_few))
        else:
            x = left
            for share, colour in zip(shares, colours, strict=True):
                w = bar_w * share
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="18" fill="{colour}"'
                    + (' fill-opacity="0.55"' if is_reference else "")
                    + ' stroke="#FFFFFF" stroke-width="1"/>'
                )
                if w >= 34:
                    # Reference bars are paler; their text is always black.
                    ink = "#000000" if is_reference else _readable_on(colour)
                    body.append(
                        _text(x + w / 2, y + 13, _pct(share), size=11, anchor="middle", fill=ink)
                    )
                x += w
        y += 30
    return _document(prefix, width, int(y + 6), title, desc, "".join(body))


# --- leaders vs peers --------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """A share with its interval (0..1)."""

    value: float
    low: float
    high: float


def leaders_peers_chart(
    leaders: Estimate | None,
    peers: Estimate | None,
    *,
    leaders_label: str,
    peers_label: str,
    axis_label: str,
    title: str,
    desc: str,
    too_few: str,
    id_prefix: str | None = None,
) -> str:
    """Share of explained variance going with leaders vs peers, bars with bootstrap whiskers."""
    prefix = _prefix("leaders", id_prefix, title, desc)
    width, left, track = 560, 20.0, 440.0
    body = []
    y = 20.0
    for label, estimate, colour in ((leaders_label, leaders, BLUE), (peers_label, peers, GREEN)):
        body.append(_text(left, y + 12, label, size=13, weight="600"))
        y += 20
        if estimate is None:
            body.append(_suppressed(prefix, left, y, 14, 22, too_few))
        else:
            w = track * min(max(estimate.value, 0.0), 1.0)
            lo = left + track * min(max(estimate.low, 0.0), 1.0)
            hi = left + track * min(max(estimate.high, 0.0), 1.0)
            body.append(
                f'<rect x="{left:.1f}" y="{y:.1f}" width="{w:.1f}" height="22" fill="{colour}"/>'
                f'<line x1="{lo:.1f}" y1="{y + 11:.1f}" x2="{hi:.1f}" y2="{y + 11:.1f}"'
                f' stroke="{BLACK}" stroke-width="1.5"/>'
                f'<line x1="{lo:.1f}" y1="{y + 4:.1f}" x2="{lo:.1f}" y2="{y + 18:.1f}" stroke="{BLACK}" stroke-width="1.5"/>'
                f'<line x1="{hi:.1f}" y1="{y + 4:.1f}" x2="{hi:.1f}" y2="{y + 18:.1f}" stroke="{BLACK}" stroke-width="1.5"/>'
                + _text(
                    left + track + 10,
                    y + 15,
                    f"{_pct(estimate.value)} ({_pct(estimate.low)}-{_pct(estimate.high)})",
                    size=11,
                )
            )
        y += 36
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + track * tick
        body.append(
            f'<line x1="{x:.1f}" y1="{y - 6:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{MUTED}"/>'
        )
        body.append(_text(x, y + 13, _pct(tick), size=10, anchor="middle", fill=MUTED))
    body.append(_text(left, y + 32, axis_label, size=11, fill=MUTED))
    return _document(prefix, width, int(y + 44), title, desc, "".join(body))


# --- wave comparison ---------------------------------------------------------------------


@dataclass(frozen=True)
class WaveRow:
    """Change of one scale with its interval; ``change`` None when suppressed."""

    label: str
    change: float | None
    low: float | None = None
    high: float | None = None
    real: bool = False


def wave_chart(
    rows: Sequence[WaveRow],
    *,
    title: str,
    desc: str,
    real_label: str,
    noise_label: str,
    axis_label: str,
    too_few: str,
    id_prefix: str | None = None,
    decimal_separator: str = ",",
) -> str:
    """Dot-and-whisker chart of the change per scale; filled dots are real changes."""
    prefix = _prefix("wave", id_prefix, title, desc, [r.label for r in rows])
    width, left, label_w, right = 560, 20.0, 200.0, 500.0
    extent = max(
        [0.5]
        + [
            abs(v)
            for r in rows
            if r.change is not None
            for v in (r.low, r.high, r.change)
            if v is not None
        ]
    )
    extent = math.ceil(extent * 4) / 4  # round the axis out to a quarter point

    def x_of(value: float) -> float:
        return left + label_w + (right - left - label_w) * (value + extent) / (2 * extent)

    legend = (
        f'<circle cx="{left + 6:.1f}" cy="20" r="5" fill="{BLUE}"/>'
        + _text(left + 16, 24, real_label)
        + f'<circle cx="{left + 226:.1f}" cy="20" r="5" fill="#FFFFFF" stroke="{MUTED}" stroke-width="1.5"/>'
        + _text(left + 236, 24, noise_label)
    )
    body = [legend]
    y = 48.0
    top = y
    for row in rows:
        body.append(_text(left, y + 4, textwrap.shorten(row.label, 30, placeholder="…"), size=12))
        if row.change is None:
            body.append(_suppressed(prefix, x_of(0) - 7, y - 7, 14, 14, too_few))
        else:
            if row.low is not None and row.high is not None:
                body.append(
                    f'<line x1="{x_of(row.low):.1f}" y1="{y:.1f}" x2="{x_of(row.high):.1f}"'
                    f' y2="{y:.1f}" stroke="{BLUE if row.real else MUTED}" stroke-width="2"/>'
                )
            fill = BLUE if row.real else "#FFFFFF"
            body.append(
                f'<circle cx="{x_of(row.change):.1f}" cy="{y:.1f}" r="5" fill="{fill}"'
                f' stroke="{BLUE if row.real else MUTED}" stroke-width="1.5"/>'
            )
            sign = "+" if row.change > 0 else ""
            body.append(
                _text(
                    width - 8,
                    y + 4,
                    sign + _num(row.change, 2, decimal_separator),
                    size=11,
                    anchor="end",
                )
            )
        y += 26
    zero = x_of(0)
    body.append(
        f'<line x1="{zero:.1f}" y1="{top - 12:.1f}" x2="{zero:.1f}" y2="{y - 12:.1f}"'
        f' stroke="{BLACK}" stroke-width="1"/>'
    )
    for tick in (-extent, 0.0, extent):
        sign = "+" if tick > 0 else ""
        body.append(
            _text(
                x_of(tick),
                y + 2,
                sign + _num(tick, 2, decimal_separator),
                size=10,
                anchor="middle",
                fill=MUTED,
            )
        )
    body.append(_text(x_of(0), y + 18, axis_label, size=11, anchor="middle", fill=MUTED))
    return _document(prefix, width, int(y + 28), title, desc, "".join(body))


# --- heatmap cells -----------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    """Parse "#RRGGBB"."""
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours (1..21)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@dataclass(frozen=True)
class HeatColour:
    """Fill and text colour of one heatmap cell; ``suppressed`` cells use a neutral grey."""

    fill: str
    text: str
    suppressed: bool = False


def heat_colour(
    value: float | None, *, low: float = 1.0, high: float = 5.0, middle: float | None = None
) -> HeatColour:
    """Diverging colour-blind-safe colour for a value; text black or white for contrast >= 4.5.

    Values at ``middle`` (default: halfway) are near-white, lower ones orange, higher purple;
    values outside ``low``..``high`` are clamped. None (suppressed) gives grey: pair it with the
    caller's "too few respondents" text, never an empty cell.
    """
    if value is None or not math.isfinite(value):
        return HeatColour(SUPPRESSED_FILL, TEXT, suppressed=True)
    middle = (low + high) / 2 if middle is None else middle
    # Map low..middle..high onto 0..0.5..1 so the white stop always sits on ``middle``.
    if value <= middle:
        t = 0.5 * (max(value, low) - low) / (middle - low) if middle > low else 0.5
    else:
        t = 0.5 + 0.5 * (min(value, high) - middle) / (high - middle) if high > middle else 0.5
    position = t * (len(HEAT_STOPS) - 1)
    i = min(int(position), len(HEAT_STOPS) - 2)
    f = position - i
    a, b = _rgb(HEAT_STOPS[i]), _rgb(HEAT_STOPS[i + 1])
    fill = "#{:02X}{:02X}{:02X}".format(
        *(round(x + (y - x) * f) for x, y in zip(a, b, strict=True))
    )
    return HeatColour(fill, _readable_on(fill))
