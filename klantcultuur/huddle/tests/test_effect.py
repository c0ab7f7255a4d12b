"""The effect check's statistics against hand-computed and published values."""

from __future__ import annotations

import math

import pytest

from klantcultuur.feedback.metrics import Counts
from klantcultuur.huddle.steering.days import Window
from klantcultuur.huddle.steering.effect import (
    Method,
    Verdict,
    nps_difference,
    share_difference,
    t_quantile,
    verdict,
    welch_difference,
    windows,
)


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.706205), (2, 4.302653), (4, 2.776445), (10, 2.228139), (30, 2.042272),
     (2.5, 3.574655)],
)  # fmt: skip
def test_t_quantiles_match_the_tables(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-5)


def test_welch_interval_by_hand():
    # Means 2 and 5, both variances 1, n 3 and 3: SE = sqrt(2/3), df = 4, t = 2.776445.
    result = welch_difference([1, 2, 3], [4, 5, 6])
    half = 2.776445105 * math.sqrt(2 / 3)
    assert result.method == Method.WELCH
    assert (result.before, result.after, result.difference) == (2, 5, 3)
    assert result.low == pytest.approx(3 - half, abs=1e-6)
    assert result.high == pytest.approx(3 + half, abs=1e-6)


def test_welch_with_unequal_variances_uses_fractional_degrees_of_freedom():
    before, after = [10, 12, 14, 16], [20, 21]
    # var 6.6667/4 = 1.6667 and 0.5/2 = 0.25; df = 1.9167² / (1.6667²/3 + 0.25²/1) = 3.7166
    result = welch_difference(before, after)
    se = math.sqrt(20 / 3 / 4 + 0.5 / 2)
    df = (20 / 12 + 0.25) ** 2 / ((20 / 12) ** 2 / 3 + 0.25**2 / 1)
    assert df == pytest.approx(3.7166, abs=1e-4)
    assert result.high - result.difference == pytest.approx(t_quantile(0.975, df) * se)


def test_nps_difference_by_hand():
    # Before 20/10/10 (NPS 25), after 30/5/5 (NPS 62.5). Adjusted: n' = 43;
    # before p' = 20.75/43, d' = 10.75/43; after p' = 30.75/43, d' = 5.75/43.
    before = Counts(nps_promoters=20, nps_passives=10, nps_detractors=10)
    after = Counts(nps_promoters=30, nps_passives=5, nps_detractors=5)
    result = nps_difference(before, after)
    p1, d1, p2, d2 = 20.75 / 43, 10.75 / 43, 30.75 / 43, 5.75 / 43
    var = (p1 + d1 - (p1 - d1) ** 2) / 43 + (p2 + d2 - (p2 - d2) ** 2) / 43
    centre = 100 * ((p2 - d2) - (p1 - d1))
    assert result.difference == pytest.approx(37.5)
    assert result.low == pytest.approx(centre - 1.959964 * 100 * math.sqrt(var), abs=1e-4)
    assert (round(result.low, 2), round(result.high, 2)) == (2.29, 67.48)


def test_share_difference_matches_newcombes_published_example():
    # Newcombe (1998), example (a): 56/70 - 48/80 = 0.2000, method 10: 0.0524 to 0.3339.
    result = share_difference(48, 80, 56, 70)
    assert result.difference == pytest.approx(20.0)
    assert (round(result.low, 2), round(result.high, 2)) == (5.24, 33.39)


def test_a_window_without_answers_has_no_difference():
    result = share_difference(0, 0, 5, 10)
    assert result.difference is None
    assert verdict(result, higher_is_better=True, minimum=1) == Verdict.TOO_LITTLE_DATA


def test_verdict_follows_the_direction_that_counts_as_better():
    rise = welch_difference([1, 2, 3, 2], [6, 7, 8, 7])
    assert verdict(rise, higher_is_better=True, minimum=3) == Verdict.IMPROVED
    assert verdict(rise, higher_is_better=False, minimum=3) == Verdict.WORSE
    flat = welch_difference([1, 5, 3, 2], [2, 4, 3, 3])
    assert verdict(flat, higher_is_better=True, minimum=3) == Verdict.NOT_SHOWN
    assert verdict(rise, higher_is_better=True, minimum=5) == Verdict.TOO_LITTLE_DATA


def test_identical_values_give_an_exact_difference():
    result = welch_difference([80, 80, 80], [85, 85, 85])
    assert (result.low, result.high) == (5, 5)
    assert verdict(result, higher_is_better=True, minimum=3) == Verdict.IMPROVED


def test_windows_are_equally_long_before_planning_and_after_starting():
    from datetime import date

    before, after = windows(date(2025, 3, 1), date(2025, 3, 8), date(2025, 4, 5))
    assert after == Window(date(2025, 3, 8), date(2025, 4, 4))
    assert before == Window(date(2025, 2, 1), date(2025, 2, 28))
    assert before.length == after.length == 28
    assert windows(date(2025, 3, 1), date(2025, 3, 8), date(2025, 3, 8)) is None
