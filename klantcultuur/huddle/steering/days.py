"""The days of a dagstart: working days, Dutch public holidays and the look-back window (pure).

A dagstart looks back at the days since the previous working day: on a Tuesday that is
Monday, on a Monday it is Friday to Sunday, and after Easter Monday it is Friday to Monday.
Working days are Monday to Friday except the Dutch national holidays that are generally
days off (Liberation Day is left out: most collective agreements give it only every fifth
year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """Dutch national holidays that are days off for most employees."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday it moves to the Saturday before
        kings_day = date(year, 4, 26)
    return frozenset(
        {
            date(year, 1, 1),
            easter,
            easter + timedelta(days=1),
            kings_day,
            easter + timedelta(days=39),  # Ascension Day
            easter + timedelta(days=49),  # Whit Sunday
            easter + timedelta(days=50),  # Whit Monday
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def previous_working_day(day: date) -> date:
    """The last working day before `day`."""
    current = day - timedelta(days=1)
    while not is_working_day(current):
        current -= timedelta(days=1)
    return current


def working_days_back(today: date, count: int) -> list[date]:
    """The last `count` working days up to and including `today`, oldest first."""
    days: list[date] = []
    day = today
    while len(days) < count:
        if is_working_day(day):
            days.append(day)
        day -= timedelta(days=1)
    return list(reversed(days))


def adoption_share(held: list[int], teams: int) -> int | None:
    """Dagstart adoption as one figure: the average share (percent) of teams that held a
    dagstart per working day of the window; None without teams or days."""
    if not teams or not held:
        return None
    return round(100 * sum(held) / (teams * len(held)))


def week_start(day: date) -> date:
    """The Monday of the ISO week that holds `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Window:
    """An inclusive range of calendar days."""

    start: date
    end: date

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.length)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def is_single_day(self) -> bool:
        return self.start == self.end


def lookback(day: date) -> Window:
    """The days a dagstart on `day` looks back at: from the previous working day to yesterday."""
    return Window(previous_working_day(day), day - timedelta(days=1))


def trailing(end: date, days: int) -> Window:
    """`days` calendar days ending with `end`."""
    return Window(end - timedelta(days=days - 1), end)


def working_days(window: Window) -> list[date]:
    return [d for d in window.days if is_working_day(d)]
