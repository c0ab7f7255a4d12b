"""Working days, Dutch holidays and the days a dagstart looks back at."""

from __future__ import annotations

from datetime import date

from klantcultuur.huddle.steering.days import (
    Window,
    easter_sunday,
    is_working_day,
    lookback,
    previous_working_day,
    public_holidays,
    week_start,
)


def test_easter_falls_on_the_known_dates():
    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
    ]


def test_the_dutch_days_off_of_2025():
    assert public_holidays(2025) == {
        date(2025, 1, 1),
        date(2025, 4, 20),
        date(2025, 4, 21),
        date(2025, 4, 26),
        date(2025, 5, 29),
        date(2025, 6, 8),
        date(2025, 6, 9),
        date(2025, 12, 25),
        date(2025, 12, 26),
    }


def test_kings_day_on_a_sunday_moves_to_saturday():
    assert date(2025, 4, 26) in public_holidays(2025)  # 27 April 2025 is a Sunday
    assert date(2026, 4, 27) in public_holidays(2026)


def test_a_tuesday_looks_back_at_monday():
    assert lookback(date(2025, 11, 18)) == Window(date(2025, 11, 17), date(2025, 11, 17))


def test_a_monday_looks_back_at_friday_to_sunday():
    window = lookback(date(2025, 11, 17))
    assert (window.start, window.end, window.length) == (date(2025, 11, 14), date(2025, 11, 16), 3)


def test_the_day_after_easter_monday_looks_back_at_friday_to_monday():
    window = lookback(date(2025, 4, 22))
    assert (window.start, window.end) == (date(2025, 4, 18), date(2025, 4, 21))


def test_after_christmas_the_board_looks_back_to_the_last_working_day():
    assert previous_working_day(date(2025, 12, 29)) == date(2025, 12, 24)
    assert not is_working_day(date(2025, 12, 26))


def test_weeks_start_on_monday():
    assert week_start(date(2025, 11, 16)) == date(2025, 11, 10)
    assert week_start(date(2025, 11, 17)) == date(2025, 11, 17)
