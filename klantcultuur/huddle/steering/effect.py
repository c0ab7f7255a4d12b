"""Did an improvement action work? Before/after comparisons of a KPI (pure: no database).

The check compares the KPI over a window before the action started with an equally long
window after it was put into action (state "do"). Every comparison gives the difference
after - before with a 95% interval:

- NPS: the difference of two NPS values with a combined adjusted-Wald interval (per group
  add 3 to n and 0.75 to promoters and detractors; SE² of the difference is the sum of the
  groups' SE², as in metrics.nps).
- Shares (CSAT top-2, CES 5-7, compliments): Newcombe's hybrid score interval (method 10,
  Newcombe 1998) built from the two Wilson intervals.
- Hand-entered values: Welch's t interval on the values of both windows.

The verdict says "improved" only when the whole interval lies on the better side of zero
(the KPI's direction decides which side), "worse" when it lies wholly on the other side,
"not shown" when the interval holds zero, and "too little data" below the minimum counts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from klantcultuur.feedback.metrics import Z95, Counts, share

MIN_VALUES = 3  # hand-entered values per window
MIN_ANSWERS = 10  # customer answers per window (and never below the anonymity threshold)
MIN_WINDOW_DAYS = 7


class Verdict(StrEnum):
    IMPROVED = "improved"
    NOT_SHOWN = "not_shown"
    WORSE = "worse"
    TOO_LITTLE_DATA = "too_little_data"


class Method(StrEnum):
    NPS = "nps_adjusted_wald"
    SHARE = "newcombe_wilson"
    WELCH = "welch_t"


@dataclass(frozen=True, slots=True)
class Difference:
    """After - before with its 95% interval (None where a window has no data)."""

    before: float | None
    after: float | None
    difference: float | None
    low: float | None
    high: float | None
    n_before: int
    n_after: int
    method: Method


# --- Student's t ---------------------------------------------------------------------------
def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            step = d * c
            h *= step
        if abs(step - 1.0) < 1e-15:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with `df` (possibly fractional) degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The t value with P(T <= t) = p (bisection on the cdf; p in (0, 1))."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError("p must lie in (0, 1) and df be positive")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


# --- Comparisons ---------------------------------------------------------------------------
def _adjusted_nps(counts: Counts) -> tuple[float, float]:
    """The adjusted-Wald centre (p' - d') and its variance for one group."""
    n = counts.nps_n + 3
    p = (counts.nps_promoters + 0.75) / n
    d = (counts.nps_detractors + 0.75) / n
    return p - d, max(0.0, p + d - (p - d) ** 2) / n


def nps_difference(before: Counts, after: Counts, z: float = Z95) -> Difference:
    """NPS after - NPS before (points), with the combined adjusted-Wald interval."""
    first, second = before.nps(), after.nps()
    if first.value is None or second.value is None:
        return Difference(
            first.value, second.value, None, None, None, first.n, second.n, Method.NPS
        )
    centre_1, variance_1 = _adjusted_nps(before)
    centre_2, variance_2 = _adjusted_nps(after)
    centre = 100.0 * (centre_2 - centre_1)
    half = z * 100.0 * math.sqrt(variance_1 + variance_2)
    return Difference(
        first.value,
        second.value,
        second.value - first.value,
        max(-200.0, centre - half),
        min(200.0, centre + half),
        first.n,
        second.n,
        Method.NPS,
    )


def share_difference(
    hits_before: int, n_before: int, hits_after: int, n_after: int, z: float = Z95
) -> Difference:
    """Percentage after - before (points) with Newcombe's hybrid score interval."""
    first, second = share(hits_before, n_before, z), share(hits_after, n_after, z)
    if first.value is None or second.value is None:
        return Difference(
            first.value, second.value, None, None, None, n_before, n_after, Method.SHARE
        )
    low1, high1, low2, high2 = first.low, first.high, second.low, second.high
    assert low1 is not None and high1 is not None and low2 is not None and high2 is not None
    difference = second.value - first.value
    low = difference - math.sqrt((second.value - low2) ** 2 + (high1 - first.value) ** 2)
    high = difference + math.sqrt((high2 - second.value) ** 2 + (first.value - low1) ** 2)
    return Difference(
        first.value, second.value, difference, low, high, n_before, n_after, Method.SHARE
    )


def _mean_and_variance(values: Sequence[float]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    return mean, sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def welch_difference(
    before: Sequence[float], after: Sequence[float], confidence: float = 0.95
) -> Difference:
    """Mean after - mean before with Welch's t interval (unequal variances)."""
    if len(before) < 2 or len(after) < 2:
        mean_1 = sum(before) / len(before) if before else None
        mean_2 = sum(after) / len(after) if after else None
        return Difference(mean_1, mean_2, None, None, None, len(before), len(after), Method.WELCH)
    mean_1, var_1 = _mean_and_variance(before)
    mean_2, var_2 = _mean_and_variance(after)
    difference = mean_2 - mean_1
    a, b = var_1 / len(before), var_2 / len(after)
    se = math.sqrt(a + b)
    if se == 0.0:
        # Both windows hold one repeated value each: the difference is exact.
        return Difference(
            mean_1,
            mean_2,
            difference,
            difference,
            difference,
            len(before),
            len(after),
            Method.WELCH,
        )
    df = (a + b) ** 2 / (a * a / (len(before) - 1) + b * b / (len(after) - 1))
    half = t_quantile(0.5 + confidence / 2.0, df) * se
    return Difference(
        mean_1,
        mean_2,
        difference,
        difference - half,
        difference + half,
        len(before),
        len(after),
        Method.WELCH,
    )


def verdict(result: Difference, *, higher_is_better: bool, minimum: int) -> Verdict:
    """Improved, worse or not shown, judged on the interval; too little data below `minimum`."""
    if result.low is None or result.high is None or min(result.n_before, result.n_after) < minimum:
        return Verdict.TOO_LITTLE_DATA
    low, high = (result.low, result.high) if higher_is_better else (-result.high, -result.low)
    if low > 0:
        return Verdict.IMPROVED
    if high < 0:
        return Verdict.WORSE
    return Verdict.NOT_SHOWN


def windows(planned, started, checked, max_days: int = 56):
    """(before, after) windows of equal length: after runs from the day the action was put
    into action up to the day before the check; before is as long, up to the day before the
    action was planned. None when the action has not run for a day yet."""
    from datetime import timedelta

    from klantcultuur.huddle.steering.days import Window

    length = min((checked - started).days, max_days)
    if length < 1:
        return None
    after = Window(started, started + timedelta(days=length - 1))
    before = Window(planned - timedelta(days=length), planned - timedelta(days=1))
    return before, after
