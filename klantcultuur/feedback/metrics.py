"""Customer metrics from counts (pure: no database, no Django).

Pages, exports and the dagstart board all compute their figures here from the same counts
(the daily roll-up `DailyTeamStats`, or an aggregate over records), so they always agree.
Conventions follow ../shared/docs/methodology.md:

- NPS (0-10): promoters 9-10, passives 7-8, detractors 0-6; NPS = %promoters - %detractors,
  with a 95% adjusted-Wald interval (add 3 to n and 0.75 to promoters and detractors;
  SE = 100·sqrt((p + d - (p - d)²)/n)).
- CSAT (1-5): the share answering 4 or 5 (top-2-box), with a Wilson interval.
- CES (1-7): the mean, and the share answering 5-7 (Wilson interval).
- A detractor, for follow-up: NPS 0-6, CSAT 1-2, CES 1-3.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import TypeVar

Z95 = 1.959963984540054

NPS_PROMOTER_MIN = 9
NPS_PASSIVE_MIN = 7
CSAT_TOP2_MIN = 4
CES_HIGH_MIN = 5
DETRACTOR_MAX = {"nps": 6, "csat": 2, "ces": 3}
# Score bands across metrics: (negative up to, positive from).
BANDS = {"nps": (6, 9), "csat": (2, 4), "ces": (3, 5)}
# The figures of a group that rest on their own answers, with the counter of those answers:
# "records" (responses, compliments, improvement points: the whole row) and one per metric.
ROW = "records"
METRIC_SIZES = {"nps": "nps_n", "csat": "csat_n", "ces": "ces_n"}

Key = TypeVar("Key")


@dataclass(frozen=True, slots=True)
class Counts:
    """The counters of the daily roll-up; they add up over teams, days and periods."""

    records: int = 0
    nps_promoters: int = 0
    nps_passives: int = 0
    nps_detractors: int = 0
    csat_n: int = 0
    csat_top2: int = 0
    ces_n: int = 0
    ces_sum: int = 0
    ces_high: int = 0
    compliments: int = 0
    improvements: int = 0
    with_comment: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def __sub__(self, other: Counts) -> Counts:
        return Counts(*(a - b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def __neg__(self) -> Counts:
        return Counts(*(-a for a in self.astuple()))

    def astuple(self) -> tuple[int, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    def asdict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_mapping(cls, values) -> Counts:
        """From a dict or row with (at least) the counter names; missing or None count as 0."""
        return cls(*(int(values.get(f.name) or 0) for f in fields(cls)))

    @property
    def nps_n(self) -> int:
        return self.nps_promoters + self.nps_passives + self.nps_detractors

    @property
    def is_zero(self) -> bool:
        return not any(self.astuple())

    def nps(self) -> Estimate:
        return nps(self.nps_promoters, self.nps_passives, self.nps_detractors)

    def csat(self) -> Estimate:
        return share(self.csat_top2, self.csat_n)

    def ces_mean(self) -> float | None:
        return ces_mean(self.ces_sum, self.ces_n)

    def ces_high_share(self) -> Estimate:
        return share(self.ces_high, self.ces_n)


ZERO = Counts()


@dataclass(frozen=True, slots=True)
class Estimate:
    """A figure with its 95% interval; `value` is None when there are no answers."""

    value: float | None
    low: float | None
    high: float | None
    n: int

    def rounded(self, digits: int = 0) -> Estimate:
        def r(x):
            return None if x is None else round(x, digits)

        return Estimate(r(self.value), r(self.low), r(self.high), self.n)


def record_counts(
    metric: str,
    score: int | None,
    *,
    has_comment: bool = False,
    compliments: int = 0,
    improvements: int = 0,
) -> Counts:
    """The roll-up counters of a single record."""
    promoters = passives = detractors = csat_n = csat_top2 = ces_n = ces_sum = ces_high = 0
    if score is not None:
        if metric == "nps":
            if score >= NPS_PROMOTER_MIN:
                promoters = 1
            elif score >= NPS_PASSIVE_MIN:
                passives = 1
            else:
                detractors = 1
        elif metric == "csat":
            csat_n, csat_top2 = 1, int(score >= CSAT_TOP2_MIN)
        elif metric == "ces":
            ces_n, ces_sum, ces_high = 1, score, int(score >= CES_HIGH_MIN)
    return Counts(
        1,
        promoters,
        passives,
        detractors,
        csat_n,
        csat_top2,
        ces_n,
        ces_sum,
        ces_high,
        compliments,
        improvements,
        int(has_comment),
    )


def nps(promoters: int, passives: int, detractors: int, z: float = Z95) -> Estimate:
    """NPS (-100…100) with its adjusted-Wald interval (Rocks 2016), clipped to the scale."""
    n = promoters + passives + detractors
    if n == 0:
        return Estimate(None, None, None, 0)
    value = 100.0 * (promoters - detractors) / n
    n_adj = n + 3
    p = (promoters + 0.75) / n_adj
    d = (detractors + 0.75) / n_adj
    centre = 100.0 * (p - d)
    se = 100.0 * math.sqrt(max(0.0, p + d - (p - d) ** 2) / n_adj)
    return Estimate(value, max(-100.0, centre - z * se), min(100.0, centre + z * se), n)


def share(hits: int, n: int, z: float = Z95) -> Estimate:
    """A percentage (0…100) with its Wilson score interval."""
    if n == 0:
        return Estimate(None, None, None, 0)
    p = hits / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Estimate(100.0 * p, 100.0 * max(0.0, centre - half), 100.0 * min(1.0, centre + half), n)


def ces_mean(total: int, n: int) -> float | None:
    """The mean CES score (1-7)."""
    return total / n if n else None


def is_detractor(metric: str, score: int | None) -> bool:
    """NPS 0-6, CSAT 1-2, CES 1-3: a customer to follow up when they agreed to contact."""
    limit = DETRACTOR_MAX.get(metric)
    return limit is not None and score is not None and score <= limit


def band(metric: str, score: int | None) -> str:
    """'negative', 'neutral' or 'positive' for a score on its metric ('' without score)."""
    if score is None or metric not in BANDS:
        return ""
    low, high = BANDS[metric]
    if score <= low:
        return "negative"
    if score >= high:
        return "positive"
    return "neutral"


def shown(n: int, min_group_size: int) -> bool:
    """Whether a figure over `n` answers may be shown (anonymity and reliability)."""
    return n >= min_group_size


def suppress_complementary(
    parent_n: int, child_ns: Mapping[Key, int], min_group_size: int, hidden: Iterable[Key] = ()
) -> set[Key]:
    """Children whose figures must be hidden, so that none follows from parent minus the rest.

    Hides every child below the threshold (and those in `hidden`, already hidden for another
    reason, when they have answers); when exactly one is hidden while the parent is shown,
    the smallest other child is hidden too (and so on, until at least two are hidden or the
    hidden ones sum to the threshold).
    """
    hidden = {key for key, n in child_ns.items() if 0 < n < min_group_size} | {
        key for key in hidden if child_ns.get(key, 0) > 0
    }
    if parent_n < min_group_size or not hidden:
        return hidden
    visible = sorted(
        (n, str(key), key) for key, n in child_ns.items() if key not in hidden and n > 0
    )
    while visible and (len(hidden) < 2 or sum(child_ns[k] for k in hidden) < min_group_size):
        hidden.add(visible.pop(0)[2])
    return hidden


def hidden_figures(
    parent: Counts, children: Mapping[Key, Counts], min_group_size: int
) -> dict[Key, frozenset[str]]:
    """Per child, what a breakdown beside the parent hides: `ROW` (all) or single metrics.

    Complementary suppression per figure, as each metric rests on its own answers: a child
    may have enough responses but too few NPS answers, and the parent's NPS minus the
    shown children's would give it away. A hidden row counts as hidden for every metric.
    """
    rows = suppress_complementary(
        parent.records, {key: c.records for key, c in children.items()}, min_group_size
    )
    out = {key: {ROW} if key in rows else set() for key in children}
    for metric, size in METRIC_SIZES.items():
        sizes = {key: getattr(c, size) for key, c in children.items()}
        for key in suppress_complementary(getattr(parent, size), sizes, min_group_size, rows):
            out[key].add(metric)
    return {key: frozenset(found) for key, found in out.items()}


@dataclass(frozen=True)
class Figures:
    """The figures of one group of answers as pages and exports show them: a metric below
    the anonymity threshold, or in `hidden` (complementary suppression), is None."""

    counts: Counts
    min_n: int
    previous: Counts | None = None  # the period before, for the change
    hidden: frozenset[str] = frozenset()

    @property
    def row_hidden(self) -> bool:
        """Whether the group is hidden as a whole (responses and signals too)."""
        return ROW in self.hidden

    def _shown(self, metric: str, estimate: Estimate) -> Estimate | None:
        if self.row_hidden or metric in self.hidden or not shown(estimate.n, self.min_n):
            return None
        return estimate

    @property
    def nps(self) -> Estimate | None:
        return self._shown("nps", self.counts.nps())

    @property
    def csat(self) -> Estimate | None:
        return self._shown("csat", self.counts.csat())

    @property
    def ces_high(self) -> Estimate | None:
        return self._shown("ces", self.counts.ces_high_share())

    @property
    def ces_mean(self) -> float | None:
        return None if self.ces_high is None else self.counts.ces_mean()

    def _change(self, current: Estimate | None, metric: str) -> float | None:
        if current is None or self.previous is None:
            return None
        earlier = getattr(Figures(self.previous, self.min_n), metric)
        return None if earlier is None else current.value - earlier.value

    @property
    def nps_change(self) -> float | None:
        return self._change(self.nps, "nps")

    @property
    def csat_change(self) -> float | None:
        return self._change(self.csat, "csat")

    @property
    def ces_change(self) -> float | None:
        return self._change(self.ces_high, "ces_high")

    @property
    def any(self) -> bool:
        return self.counts.records > 0


def kinds_asked(internal: bool | None) -> list[bool]:
    """The kinds of customer a filter covers: customers (False), colleagues (True) or both."""
    return [False, True] if internal is None else [internal]


def kinds_shown(counts: Mapping[bool, Counts]) -> list[bool]:
    """Whose figures a page shows apart, of the kinds in `counts`: colleagues' (internal
    customers) when they answered, customers' unless only colleagues did."""
    if len(counts) == 1:
        return list(counts)
    external, internal = counts[False], counts[True]
    customers = external.records > 0 or internal.records == 0
    return [k for k, show in ((False, customers), (True, internal.records > 0)) if show]


def breakdown(
    parent: Counts, children: Mapping[Key, Counts], min_group_size: int
) -> dict[Key, Figures]:
    """The figures of groups shown beside (and adding up to) a shown parent, hidden so that
    no hidden figure can be worked out from the parent and the others (`hidden_figures`)."""
    hidden = hidden_figures(parent, children, min_group_size)
    return {key: Figures(c, min_group_size, hidden=hidden[key]) for key, c in children.items()}
