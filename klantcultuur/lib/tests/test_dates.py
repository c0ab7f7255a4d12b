"""Dutch dates."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from klantcultuur.lib.dates import parse_date, parse_datetime

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    "text",
    ["15-03-2021", "15-3-2021", "15/03/2021", "15.03.2021", "2021-03-15", "15 maart 2021", "15 mrt 2021",
     "15-mrt-2021", "maandag 15 maart 2021", "15-03-21", "15 March 2021"],
)  # fmt: skip
def test_common_dutch_ways_of_writing_a_date(text):
    assert parse_date(text) == date(2021, 3, 15)


@pytest.mark.parametrize("text", ["31-02-2020", "15 smarch 2021", "2021/15/03", "morgen", ""])
def test_impossible_or_unknown_dates_raise(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_date_times_get_the_organisations_zone_unless_they_carry_one():
    assert parse_datetime("15-03-2021 14:30", AMS) == datetime(2021, 3, 15, 14, 30, tzinfo=AMS)
    assert parse_datetime("2021-03-15T13:30:00Z", AMS).utcoffset().total_seconds() == 0
    assert parse_datetime(datetime(2021, 3, 15, 9, 0), AMS).tzinfo == AMS
