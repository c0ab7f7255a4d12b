"""Server-rendered SVG charts (pure: coordinates only; the templates draw them).

The Content-Security-Policy allows no inline styles, so charts are SVG elements with
presentation attributes, computed here from figures the page already has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: str
    n: int


@dataclass
class TrendChart:
    width: int
    height: int
    segments: list[str] = field(default_factory=list)  # polyline "x,y x,y" per visible run
    bands: list[str] = field(default_factory=list)  # polygon per run: the 95% interval
    points: list[Point] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    hidden: list[tuple[float, str]] = field(default_factory=list)  # periods with too few answers
    plot_left: int = 40
    plot_right: int = 0
    plot_top: int = 10
    plot_bottom: int = 0

    @property
    def empty(self) -> bool:
        return not self.points


def _known(value: float | None) -> float:
    assert value is not None
    return value


@dataclass(frozen=True)
class TrendValue:
    label: str  # the period, e.g. "wk 12" or "mrt"
    value: float | None
    low: float | None
    high: float | None
    n: int


def trend_chart(
    values: Sequence[TrendValue],
    *,
    lowest: float,
    highest: float,
    min_n: int,
    ticks: Sequence[float],
    fmt: str = "{:.0f}",
    width: int = 640,
    height: int = 220,
) -> TrendChart:
    """A line with its interval band; periods below `min_n` answers are gaps."""
    chart = TrendChart(width, height, plot_right=width - 10, plot_bottom=height - 28)
    left, right, top, bottom = chart.plot_left, chart.plot_right, chart.plot_top, chart.plot_bottom
    span = (highest - lowest) or 1.0
    count = len(values)

    def x_at(index: int) -> float:
        if count == 1:
            return round((left + right) / 2, 1)
        return round(left + (right - left) * index / (count - 1), 1)

    def y_at(value: float) -> float:
        value = min(highest, max(lowest, value))
        return round(bottom - (bottom - top) * (value - lowest) / span, 1)

    chart.y_ticks = [(y_at(t), fmt.format(t)) for t in ticks]
    step = max(1, count // 8)
    chart.x_labels = [(x_at(i), v.label) for i, v in enumerate(values) if i % step == 0]
    run: list[tuple[int, TrendValue]] = []

    def close_run() -> None:
        if not run:
            return
        # A run holds only periods with a figure, and a figure has its interval.
        chart.segments.append(" ".join(f"{x_at(i)},{y_at(_known(v.value))}" for i, v in run))
        upper = [f"{x_at(i)},{y_at(_known(v.high))}" for i, v in run]
        lower = [f"{x_at(i)},{y_at(_known(v.low))}" for i, v in reversed(run)]
        chart.bands.append(" ".join(upper + lower))
        run.clear()

    for index, value in enumerate(values):
        if value.value is None or value.n < min_n:
            close_run()
            if value.n:
                chart.hidden.append((x_at(index), value.label))
            continue
        run.append((index, value))
        chart.points.append(
            Point(x_at(index), y_at(value.value), value.label, fmt.format(value.value), value.n)
        )
    close_run()
    return chart


@dataclass(frozen=True)
class Bar:
    label: str
    compliments: int
    improvements: int
    compliments_width: float
    improvements_width: float


def topic_bars(rows: Sequence[tuple[str, int, int]], width: int = 100) -> list[Bar]:
    """Widths (0..width) of compliment and improvement bars, scaled to the largest topic."""
    largest = max((c + i for _label, c, i in rows), default=0) or 1
    return [
        Bar(label, c, i, round(width * c / largest, 1), round(width * i / largest, 1))
        for label, c, i in rows
    ]
