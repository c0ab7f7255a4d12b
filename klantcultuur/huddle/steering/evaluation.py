"""KPI figures for the board: readings from feedback counts or entered values (pure).

Feedback KPIs are computed from the roll-up counters with `feedback.metrics`, so the board
shows the same figures as the Klantstem pages. A figure over fewer answers than the
organisation's minimum group size is hidden (anonymity), never shown as zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from klantcultuur.feedback.metrics import ZERO, Counts, share, shown

# Measures computed from feedback counts, and those that count follow-up cases now.
NPS, CSAT, CES_MEAN, CES_HIGH, COMPLIMENTS = "nps", "csat", "ces_mean", "ces_high", "compliments"
OPEN_CASES, OVERDUE_CASES = "open_cases", "overdue_cases"
COUNT_MEASURES = (NPS, CSAT, CES_MEAN, CES_HIGH, COMPLIMENTS)
CASE_MEASURES = (OPEN_CASES, OVERDUE_CASES)
# The unit and number of decimals each computed measure is shown with.
MEASURE_FORMAT = {
    NPS: ("", 0), CSAT: ("%", 0), CES_MEAN: ("", 1), CES_HIGH: ("%", 0), COMPLIMENTS: ("%", 0),
    OPEN_CASES: ("", 0), OVERDUE_CASES: ("", 0),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reading:
    """One KPI figure: `value` None means no data, or hidden when `hidden` is set."""

    value: float | None
    n: int | None = None  # answers behind a feedback figure
    hidden: bool = False  # too few answers to show (anonymity)
    day: date | None = None  # the period a hand-entered value belongs to

    @property
    def has_value(self) -> bool:
        return self.value is not None and not self.hidden


NO_DATA = Reading(None)


def answers(measure: str, counts: Counts) -> int:
    """How many customers a figure rests on (the anonymity threshold applies to this)."""
    if measure == NPS:
        return counts.nps_n
    if measure == CSAT:
        return counts.csat_n
    if measure in (CES_MEAN, CES_HIGH):
        return counts.ces_n
    if measure == COMPLIMENTS:
        return counts.with_comment
    raise ValueError(measure)


def compliment_share(counts: Counts):
    """Compliments as a share of compliments and improvement points (sentences)."""
    return share(counts.compliments, counts.compliments + counts.improvements)


def value_from_counts(measure: str, counts: Counts) -> float | None:
    if measure == NPS:
        return counts.nps().value
    if measure == CSAT:
        return counts.csat().value
    if measure == CES_MEAN:
        return counts.ces_mean()
    if measure == CES_HIGH:
        return counts.ces_high_share().value
    if measure == COMPLIMENTS:
        return compliment_share(counts).value
    raise ValueError(measure)


def reading_from_counts(measure: str, counts: Counts, min_group_size: int) -> Reading:
    n = answers(measure, counts)
    value = value_from_counts(measure, counts)
    if value is None:
        return Reading(None, n)
    if not shown(n, min_group_size):
        return Reading(None, n, hidden=True)
    return Reading(value, n)


def status(value: float | Decimal | None, target: float | Decimal | None, higher: bool) -> str:
    """'on' (meets the target), 'off' (misses it) or '' (no value or no target)."""
    if value is None or target is None:
        return ""
    value, target = float(value), float(target)
    return "on" if (value >= target if higher else value <= target) else "off"


def sum_counts(daily: Iterable[tuple[date, Counts]], first: date, last: date) -> Counts:
    total = ZERO
    for day, counts in daily:
        if first <= day <= last:
            total = total + counts
    return total


def trailing_buckets(
    daily: Sequence[tuple[date, Counts]], end: date, buckets: int, size: int
) -> list[Counts]:
    """Counts of `buckets` consecutive periods of `size` days, the last one ending on `end`."""
    out = []
    for i in reversed(range(buckets)):
        last = end - timedelta(days=i * size)
        out.append(sum_counts(daily, last - timedelta(days=size - 1), last))
    return out


def latest_value(
    values: Iterable[tuple[date, Decimal]], first: date, last: date
) -> tuple[date, Decimal] | None:
    """The most recent (period, value) with its period from `first` to `last`."""
    found = [(d, v) for d, v in values if first <= d <= last]
    return max(found) if found else None
