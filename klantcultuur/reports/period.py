"""The period a board report covers (pure: dates in, dates out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MAX_DAYS = 366  # a report covers at most a year
TREND_MONTHS = 12  # the feedback trends show the twelve months up to the period's end


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def query(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def previous_month(today: date) -> Period:
    """The last whole calendar month before `today`."""
    first = add_months(today, -1)
    return Period(first, month_start(today) - timedelta(days=1))


def _parse(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def parse_period(start: object, end: object, *, today: date) -> Period:
    """The period asked for; the previous month when a date is missing or malformed. The
    end is at most today, the start not after the end, and the span at most a year."""
    first, last = _parse(start), _parse(end)
    if first is None or last is None or first.year < 2000:
        return previous_month(today)
    last = min(last, today)
    first = min(first, last)
    if (last - first).days + 1 > MAX_DAYS:
        first = last - timedelta(days=MAX_DAYS - 1)
    return Period(first, last)


def trend_start(period: Period) -> date:
    """First day of the trend window: twelve months ending with the period's last month
    (longer when the period itself is)."""
    return min(period.start, add_months(period.end, -(TREND_MONTHS - 1)))


def working_days(period: Period, is_working_day) -> int:
    """How many working days the period has (the dagstart adoption window)."""
    return sum(1 for i in range(period.days) if is_working_day(period.start + timedelta(days=i)))
