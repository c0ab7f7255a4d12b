"""Dates as Dutch people and their spreadsheets write them."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo

MONTHS = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "february": 2,
    "mrt": 3, "maart": 3, "mar": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "aug": 8, "augustus": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip

_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(?:[a-z]+,?\s+)?(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})$")
_TIME = re.compile(r"^(.*?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def full_year(year: int) -> int:
    """A two-digit year ('21' in 15/3/21) as a year of this century, or of the last one when
    it lies more than a year ahead; four-digit years as they are."""
    if year >= 100:
        return year
    return year + (2000 if year <= (date.today().year % 100) + 1 else 1900)


def parse_date(value: object) -> date:
    """Parse '15-03-2021', '15/3/21', '2021-03-15', '15 maart 2021' or a spreadsheet date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().lower()
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NUMERIC.match(text):
        day, month, year = (int(g) for g in match.groups())
        year = full_year(year)
    elif match := _WORDS.match(text):
        day, month_name, year = int(match[1]), match[2], int(match[3])
        if month_name not in MONTHS:
            raise ValueError(value)
        month = MONTHS[month_name]
    else:
        raise ValueError(value)
    return date(year, month, day)


def parse_datetime(value: object, zone: tzinfo) -> datetime:
    """Parse ISO 8601 or a Dutch date with optional time ('15-03-2021 14:30'); naive values get zone."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    else:
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            if match := _TIME.match(text):
                clock = time(int(match[2]), int(match[3]), int(match[4] or 0))
                moment = datetime.combine(parse_date(match[1]), clock)
            else:
                moment = datetime.combine(parse_date(text), time())
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
