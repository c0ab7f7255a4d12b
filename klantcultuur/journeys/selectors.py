"""Reads the journey pages, the review and other apps share.

Step figures come from the feedback app's daily roll-up (`DailyTeamStats`, see
feedback/INTERFACES.md) and are computed with its metric functions (`Counts`, `Figures`), so
a step shows what the owning team's Klantstem page shows for the same period. A journey map
costs the same number of queries whatever its number of steps or records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, IntegerField, Prefetch, Sum, Value, When

from klantcultuur.feedback.metrics import ZERO, Counts, Estimate, Figures
from klantcultuur.feedback.models import ROLLUP_COUNTERS, DailyTeamStats, DailyTopicStats
from klantcultuur.huddle.models import ActionState
from klantcultuur.journeys.models import Decision, Journey, Metric, Phase, Step
from klantcultuur.journeys.quality import steps as judging
from klantcultuur.orgs.models import Membership, Organization

TREND_WEEKS = 13
TOP_TOPICS = 3


@dataclass
class StepFigures:
    step: Step
    visible: bool  # the member may read the owning team's figures
    figures: Figures | None = None
    estimate: Estimate | None = None  # the step's metric, None when hidden or unknown
    ces_mean: float | None = None
    change: float | None = None
    judged: judging.Judged = field(default_factory=lambda: judging.Judged(judging.UNKNOWN))
    trend: list[float | None] = field(default_factory=list)
    spark: str = ""
    topics: list[tuple[str, int]] = field(default_factory=list)  # (slug, improvements)
    topic_labels: list[str] = field(default_factory=list)  # their names, set by the page
    open_actions: int = 0

    @property
    def below(self) -> bool:
        return self.judged.status == judging.BELOW

    @property
    def volume(self) -> int | None:
        return self.figures.counts.records if self.figures is not None else None


@dataclass
class PhaseView:
    phase: Phase
    steps: list[StepFigures]


@dataclass
class JourneyMap:
    journey: Journey
    start: date
    end: date
    phases: list[PhaseView]

    @property
    def steps(self) -> list[StepFigures]:
        return [s for p in self.phases for s in p.steps]

    @property
    def below_count(self) -> int:
        return sum(1 for s in self.steps if s.below)


def journeys_for(organization: Organization):
    return Journey.objects.filter(organization=organization).select_related("owner__user")


def estimate_of(figures: Figures, metric: str) -> Estimate | None:
    """The figure a step is judged on."""
    if metric == Metric.NPS:
        return figures.nps
    if metric == Metric.CSAT:
        return figures.csat
    return figures.ces_high


def _visible_ids(membership: Membership) -> frozenset[int]:
    return membership.visible_unit_ids()


Buckets = tuple[dict[tuple, Counts], dict[tuple, Counts], dict[tuple, list[Counts]]]

CURRENT, PREVIOUS, EARLIER = 0, 1, 2


def step_counts(*, organization_id: int, team_ids: set[int], start: date, end: date) -> Buckets:
    """Per (team, internal): the counts of the period, of the period before, and of each of
    the last TREND_WEEKS weeks up to `end` (one query).

    The database sums the daily roll-up into these buckets: a year's map reads a few
    hundred rows instead of a row per team and day (see bench/journeys.py).
    """
    days = (end - start).days + 1
    before_start = start - timedelta(days=days)
    trend_start = end - timedelta(weeks=TREND_WEEKS) + timedelta(days=1)
    segment = Case(
        When(day__gte=start, then=Value(CURRENT)),
        When(day__gte=before_start, then=Value(PREVIOUS)),
        default=Value(EARLIER),
        output_field=IntegerField(),
    )
    week = Case(
        *(
            When(day__gte=trend_start + timedelta(weeks=i), then=Value(i))
            for i in reversed(range(TREND_WEEKS))
        ),
        default=Value(-1),
        output_field=IntegerField(),
    )
    rows = (
        DailyTeamStats.objects.filter(
            organization_id=organization_id,
            day__gte=min(before_start, trend_start),
            day__lte=end,
            team_id__in=team_ids,
        )
        .annotate(segment=segment, week=week)
        .order_by()
        .values("team_id", "is_internal", "segment", "week")
        .annotate(**{name: Sum(name) for name in ROLLUP_COUNTERS})
    )
    current: dict[tuple, Counts] = defaultdict(lambda: ZERO)
    previous: dict[tuple, Counts] = defaultdict(lambda: ZERO)
    weekly: dict[tuple, list[Counts]] = defaultdict(lambda: [ZERO] * TREND_WEEKS)
    for row in rows:
        key, counts = (row["team_id"], row["is_internal"]), Counts.from_mapping(row)
        if row["segment"] == CURRENT:
            current[key] = current[key] + counts
        elif row["segment"] == PREVIOUS:
            previous[key] = previous[key] + counts
        if row["week"] >= 0:
            series = weekly[key]
            series[row["week"]] = series[row["week"]] + counts
    return current, previous, weekly


def journey_map(*, journey: Journey, membership: Membership, start: date, end: date) -> JourneyMap:
    """Phases, steps, owners and figures of a journey (six queries, whatever the size)."""
    organization = membership.organization
    min_n = organization.min_group_size
    step_qs = Step.objects.select_related("team").prefetch_related(Prefetch("touchpoints"))
    phases = list(
        Phase.objects.filter(journey=journey).prefetch_related(Prefetch("steps", step_qs))
    )
    all_steps = [s for p in phases for s in p.steps.all()]
    team_ids = {s.team_id for s in all_steps}
    current, previous, weekly = step_counts(
        organization_id=organization.id, team_ids=team_ids, start=start, end=end
    )
    topics: dict[int, list[tuple[str, int]]] = defaultdict(list)
    topic_rows = (
        DailyTopicStats.objects.filter(
            organization_id=organization.id, day__gte=start, day__lte=end, team_id__in=team_ids
        )
        .order_by()
        .values("team_id", "topic")
        .annotate(i=Sum("improvements"))
        .filter(i__gt=0)
        .order_by("team_id", "-i", "topic")
    )
    for row in topic_rows:
        if len(topics[row["team_id"]]) < TOP_TOPICS:
            topics[row["team_id"]].append((row["topic"], row["i"]))
    open_by_step: dict[int, int] = defaultdict(int)
    for step_id in (
        Decision.objects.filter(step__journey=journey, action__isnull=False)
        .exclude(action__state=ActionState.CLOSED)
        .values_list("step_id", flat=True)
    ):
        open_by_step[step_id] += 1
    visible = _visible_ids(membership)
    views = []
    for phase in phases:
        shown = []
        for step in phase.steps.all():
            item = StepFigures(step, step.team_id in visible, open_actions=open_by_step[step.id])
            if item.visible:
                key = (step.team_id, step.is_internal)
                figures = Figures(current[key], min_n, previous[key])
                item.figures = figures
                item.estimate = estimate_of(figures, step.metric)
                item.ces_mean = figures.ces_mean
                earlier = estimate_of(Figures(previous[key], min_n), step.metric)
                item.change = judging.change(
                    item.estimate.value if item.estimate else None,
                    earlier.value if earlier else None,
                )
                est = item.estimate
                item.judged = judging.judge(
                    est.value if est else None,
                    est.low if est else None,
                    est.high if est else None,
                    float(step.target),
                )
                item.trend = [
                    (e.value if (e := estimate_of(Figures(c, min_n), step.metric)) else None)
                    for c in weekly[key]
                ]
                item.spark = judging.sparkline(item.trend)
                item.topics = topics[step.team_id]
            shown.append(item)
        views.append(PhaseView(phase, shown))
    return JourneyMap(journey, start, end, views)


def step_figures(
    *, step: Step, membership: Membership, start: date, end: date
) -> StepFigures | None:
    """One step's figures (as on the map)."""
    found = journey_map(journey=step.journey, membership=membership, start=start, end=end)
    return next((s for s in found.steps if s.step.id == step.id), None)


def open_actions_of(journey: Journey):
    """Improvement actions decided in the journey's reviews that are not closed."""
    return (
        Decision.objects.filter(review__journey=journey, action__isnull=False)
        .exclude(action__state=ActionState.CLOSED)
        .select_related("action", "action__team", "step")
    )


def business_case_outcome(*, case, organization: Organization, start: date, end: date) -> dict:
    """The business case computed with the organisation's NPS mix of customers (12 months)."""
    from klantcultuur.feedback import selectors as feedback_selectors
    from klantcultuur.journeys.quality import retention

    counts = feedback_selectors.counts(
        organization=organization, start=start, end=end, internal=False
    )
    n = counts.nps_n
    if n >= organization.min_group_size:
        shares = (counts.nps_promoters / n, counts.nps_passives / n, counts.nps_detractors / n)
    else:
        shares = None
    if case is None or shares is None:
        return {"outcome": None, "shares": shares, "nps_n": n}
    promoters, passives, detractors = (
        case.churn_promoters,
        case.churn_passives,
        case.churn_detractors,
    )
    known = (
        None
        if promoters is None or passives is None or detractors is None
        else (float(promoters) / 100, float(passives) / 100, float(detractors) / 100)
    )
    inputs = retention.Inputs(
        customers=case.customers,
        churn=float(case.churn_percent) / 100,
        revenue=float(case.revenue_per_customer),
        acquisition_cost=float(case.acquisition_cost),
        shares=shares,
        band_churn=known,
        converted=case.scenario_percent / 100,
    )
    outcome = retention.compute(inputs)
    return {
        "outcome": outcome,
        "shares": shares,
        "nps_n": n,
        "share_percents": [100 * x for x in shares],
        "band_percents": [100 * x for x in outcome.band_churn],
    }
