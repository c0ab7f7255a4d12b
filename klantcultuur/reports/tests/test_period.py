from datetime import date

from klantcultuur.reports.period import (
    Period,
    add_months,
    parse_period,
    previous_month,
    trend_start,
    working_days,
)

TODAY = date(2026, 12, 7)


def test_the_default_period_is_the_previous_calendar_month():
    assert previous_month(TODAY) == Period(date(2026, 11, 1), date(2026, 11, 30))
    assert previous_month(date(2026, 1, 15)) == Period(date(2025, 12, 1), date(2025, 12, 31))


def test_a_malformed_or_missing_date_falls_back_to_the_previous_month():
    for start, end in [
        ("", ""),
        ("2026-13-01", "2026-11-30"),
        ("x", None),
        ("1900-01-01", "2026-01-01"),
    ]:
        assert parse_period(start, end, today=TODAY) == previous_month(TODAY)


def test_the_end_is_at_most_today_the_start_not_after_it_and_the_span_at_most_a_year():
    assert parse_period("2026-12-01", "2027-03-01", today=TODAY).end == TODAY
    assert parse_period("2026-11-20", "2026-11-10", today=TODAY) == Period(
        date(2026, 11, 10), date(2026, 11, 10)
    )
    assert parse_period("2020-01-01", "2026-11-30", today=TODAY).days == 366


def test_the_trend_window_covers_twelve_months_up_to_the_period():
    assert trend_start(Period(date(2026, 11, 1), date(2026, 11, 30))) == date(2025, 12, 1)
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)


def test_working_days_leave_out_the_weekend():
    november = Period(date(2026, 11, 1), date(2026, 11, 30))
    assert working_days(november, lambda d: d.weekday() < 5) == 21
