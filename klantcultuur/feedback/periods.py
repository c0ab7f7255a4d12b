"""Periods for figures and trends: days, ISO weeks and months (pure: no database)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from klantcultuur.feedback.metrics import ZERO, Counts

GRAINS = ("day", "week", "month")


def bucket_start(day: date, grain: str) -> date:
    """The first day of the period that holds `day` (weeks start on Monday, ISO 8601)."""
    if grain == "day":
        return day
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    raise ValueError(grain)


def next_bucket(start: date, grain: str) -> date:
    if grain == "day":
        return start + timedelta(days=1)
    if grain == "week":
        return start + timedelta(days=7)
    if grain == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    raise ValueError(grain)


def buckets(first: date, last: date, grain: str) -> Iterator[date]:
    """Every period start from the one holding `first` to the one holding `last`."""
    current = bucket_start(first, grain)
    while current <= last:
        yield current
        current = next_bucket(current, grain)


@dataclass(frozen=True, slots=True)
class PeriodCounts:
    start: date
    end: date  # inclusive
    counts: Counts


def series(
    daily: Iterable[tuple[date, Counts]], first: date, last: date, grain: str
) -> list[PeriodCounts]:
    """Sum daily counts into consecutive periods from `first` to `last`, empty ones included."""
    sums: dict[date, Counts] = {}
    for day, counts in daily:
        if first <= day <= last:
            key = bucket_start(day, grain)
            sums[key] = sums.get(key, ZERO) + counts
    out = []
    for start in buckets(first, last, grain):
        end = min(next_bucket(start, grain) - timedelta(days=1), last)
        out.append(PeriodCounts(max(start, first), end, sums.get(start, ZERO)))
    return out


def grain_for(first: date, last: date) -> str:
    """A sensible trend grain for a period: days up to 5 weeks, weeks up to 6 months."""
    length = (last - first).days + 1
    if length <= 35:
        return "day"
    if length <= 183:
        return "week"
    return "month"
