"""Reads that pages, exports and other apps (the dagstart board) share.

Figures come from the daily roll-up (`DailyTeamStats`): a fixed number of queries whatever
the number of records. Only pages with filters the roll-up does not have (channel, topic,
label, score band) aggregate records, with the same counter definitions (`rollup.aggregate`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from klantcultuur.feedback.metrics import ZERO, Counts
from klantcultuur.feedback.models import (
    ROLLUP_COUNTERS,
    CaseStatus,
    DailyTeamStats,
    DailyTopicStats,
    Feedback,
    FeedbackSentence,
    FollowUpCase,
    Label,
    overdue_condition,
)
from klantcultuur.feedback.periods import PeriodCounts, series
from klantcultuur.orgs.models import Organization, OrgUnit
from klantcultuur.orgs.tree import UnitTree

UNROUTED = None  # the key of the unrouted queue in per-unit results


def _sums() -> dict[str, Sum]:
    return {name: Sum(name) for name in ROLLUP_COUNTERS}


def _stats(
    organization: Organization | int,
    unit_ids: Iterable[int] | None,
    start: date,
    end: date,
    internal: bool | None,
    include_unrouted: bool = False,
) -> QuerySet[DailyTeamStats]:
    org_id = organization if isinstance(organization, int) else organization.id
    rows = DailyTeamStats.objects.filter(organization_id=org_id, day__gte=start, day__lte=end)
    if unit_ids is not None:
        scope = Q(team_id__in=list(unit_ids))
        if include_unrouted:
            scope |= Q(team__isnull=True)
        rows = rows.filter(scope)
    if internal is not None:
        rows = rows.filter(is_internal=internal)
    return rows


def counts(
    *,
    organization: Organization | int,
    unit_ids: Iterable[int] | None = None,
    start: date,
    end: date,
    internal: bool | None = None,
    include_unrouted: bool = False,
) -> Counts:
    """Counters summed over units (None: the whole organisation, unrouted included) and days."""
    rows = _stats(organization, unit_ids, start, end, internal, include_unrouted)
    return Counts.from_mapping(rows.aggregate(**_sums()))


def daily_counts(
    *,
    organization: Organization | int,
    unit_ids: Iterable[int] | None = None,
    start: date,
    end: date,
    internal: bool | None = None,
) -> list[tuple[date, Counts]]:
    """Counters per day, summed over the units (days without feedback are left out)."""
    rows = (
        _stats(organization, unit_ids, start, end, internal)
        .order_by()
        .values("day")
        .annotate(**_sums())
        .order_by("day")
    )
    return [(r["day"], Counts.from_mapping(r)) for r in rows]


def period_counts(
    *,
    organization: Organization | int,
    unit_ids: Iterable[int] | None = None,
    start: date,
    end: date,
    grain: str,
    internal: bool | None = None,
) -> list[PeriodCounts]:
    """Counters per day, ISO week or month from `start` to `end` (empty periods included)."""
    daily = daily_counts(
        organization=organization, unit_ids=unit_ids, start=start, end=end, internal=internal
    )
    return series(daily, start, end, grain)


def counts_by_unit(
    *,
    organization: Organization | int,
    unit_ids: Iterable[int] | None = None,
    start: date,
    end: date,
    internal: bool | None = None,
) -> dict[int | None, Counts]:
    """Counters per owning unit (key None: unrouted) over the days, one query."""
    rows = (
        _stats(organization, unit_ids, start, end, internal)
        .order_by()
        .values("team_id")
        .annotate(**_sums())
    )
    return {r["team_id"]: Counts.from_mapping(r) for r in rows}


def rollup_to(
    tree: UnitTree, per_unit: dict[int | None, Counts], unit_ids: Iterable[int]
) -> dict[int, Counts]:
    """Each unit's counters including every unit below it (departments, divisions)."""
    out: dict[int, Counts] = {}
    for unit_id in unit_ids:
        total = ZERO
        for member in tree.subtree_ids(unit_id):
            total = total + per_unit.get(member, ZERO)
        out[unit_id] = total
    return out


class UnitScope(Protocol):
    """What a page covers (the views' `Scope`): one unit's subtree, or all a member sees."""

    @property
    def unit(self) -> OrgUnit | None: ...
    @property
    def tree(self) -> UnitTree: ...
    @property
    def visible(self) -> frozenset[int]: ...
    @property
    def sees_all(self) -> bool: ...


def breakdown_units(scope: UnitScope) -> list[OrgUnit]:
    """The units a page and its export show one level below the scope, by name: the unit's
    children, else the top units (for who sees some units only, the topmost of those, so
    that rows never overlap); archived units left out."""
    tree = scope.tree
    if scope.unit is not None:
        found = tree.children.get(scope.unit.id, [])
    elif scope.sees_all:
        found = tree.roots()
    else:
        seen = {u for u in scope.visible if u in tree.nodes and not tree.nodes[u].archived}
        found = [u for u in seen if not seen.intersection(tree.ancestors(u))]
    units = OrgUnit.objects.in_bulk([u for u in found if not tree.nodes[u].archived])
    return sorted(units.values(), key=lambda u: (u.name.lower(), u.id))


def subtree_ids(unit: OrgUnit) -> list[int]:
    """The unit and every unit below it."""
    return UnitTree.for_organization(unit.organization_id).subtree_ids(unit.id)


# --- Signals for the dagstart -----------------------------------------------------------
def signal_sentences(record: Feedback) -> list[FeedbackSentence]:
    """The compliments and improvement points `signal_records` read with `record`, in order."""
    return record.signal_sentences  # type: ignore[attr-defined]  # its Prefetch's to_attr


def signal_records(
    *, team: OrgUnit | int, day: date, labels: Iterable[str] = (Label.COMPLIMENT, Label.IMPROVEMENT)
) -> list[Feedback]:
    """Records of one unit on one day that contain compliments or improvement points.

    Each record's `signal_sentences` holds its sentences with those labels, in order.
    Two queries whatever the size of the data (index feedback_org_day_team); pass the
    OrgUnit, an id costs a third.
    """
    if isinstance(team, int):
        team_id = team
        organization_id = OrgUnit.objects.values_list("organization_id", flat=True).get(pk=team)
    else:
        team_id, organization_id = team.id, team.organization_id
    labels = list(labels)
    wanted = Q()
    if Label.COMPLIMENT in labels:
        wanted |= Q(n_compliments__gt=0)
    if Label.IMPROVEMENT in labels:
        wanted |= Q(n_improvements__gt=0)
    return list(
        Feedback.objects.filter(organization_id=organization_id, day=day, team_id=team_id)
        .filter(wanted)
        .prefetch_related(
            Prefetch(
                "sentences",
                queryset=FeedbackSentence.objects.filter(label__in=labels),
                to_attr="signal_sentences",
            )
        )
        .order_by("received_at", "uuid")
    )


# --- Follow-up cases --------------------------------------------------------------------
def unresolved_cases(*, unit_ids: Iterable[int]) -> QuerySet[FollowUpCase]:
    """Open and contacted cases of the units, due first (index case_team_unresolved)."""
    return (
        FollowUpCase.objects.filter(team_id__in=list(unit_ids))
        .exclude(status=CaseStatus.RESOLVED)
        .select_related("feedback", "team", "handled_by__user")
        .order_by("due_at", "id")
    )


def overdue_cases(*, unit_ids: Iterable[int], now=None) -> QuerySet[FollowUpCase]:
    """Cases past their due time that nobody has called back yet."""
    return unresolved_cases(unit_ids=unit_ids).filter(overdue_condition(now))


@dataclass(frozen=True)
class CaseCounts:
    open: int
    contacted: int
    overdue: int

    def __add__(self, other: CaseCounts) -> CaseCounts:
        return CaseCounts(
            self.open + other.open,
            self.contacted + other.contacted,
            self.overdue + other.overdue,
        )

    @property
    def unresolved(self) -> int:
        return self.open + self.contacted


NO_CASES = CaseCounts(0, 0, 0)


def case_counts_by_team(
    *, organization: Organization | int, unit_ids: Iterable[int] | None = None, now=None
) -> dict[int | None, CaseCounts]:
    """Open, contacted and overdue cases per owning unit (`None`: unrouted), for the given
    units or the whole organisation; a unit without unresolved cases is absent (one query).
    Every other case count is a sum of these."""
    org_id = organization if isinstance(organization, int) else organization.id
    rows = FollowUpCase.objects.filter(organization_id=org_id).exclude(status=CaseStatus.RESOLVED)
    if unit_ids is not None:
        rows = rows.filter(team_id__in=list(unit_ids))
    grouped = (
        rows.order_by()
        .values("team_id")
        .annotate(
            open=Count("pk", filter=Q(status=CaseStatus.OPEN)),
            contacted=Count("pk", filter=Q(status=CaseStatus.CONTACTED)),
            overdue=Count("pk", filter=overdue_condition(now)),
        )
    )
    return {r["team_id"]: CaseCounts(r["open"], r["contacted"], r["overdue"]) for r in grouped}


def case_counts(
    *, unit_ids: Iterable[int] | None, organization: Organization | int, now=None
) -> CaseCounts:
    """How many cases are open, contacted and overdue (one query)."""
    per_team = case_counts_by_team(organization=organization, unit_ids=unit_ids, now=now)
    return sum(per_team.values(), NO_CASES)


# --- Topics -----------------------------------------------------------------------------
@dataclass(frozen=True)
class TopicCount:
    topic: str
    compliments: int
    improvements: int
    neutral: int

    @property
    def total(self) -> int:
        return self.compliments + self.improvements + self.neutral


def topic_counts(
    *,
    organization: Organization | int,
    unit_ids: Iterable[int] | None,
    start: date,
    end: date,
) -> list[TopicCount]:
    """Sentences per topic and label over units and days, most mentioned first."""
    org_id = organization if isinstance(organization, int) else organization.id
    rows = DailyTopicStats.objects.filter(organization_id=org_id, day__gte=start, day__lte=end)
    if unit_ids is not None:
        rows = rows.filter(team_id__in=list(unit_ids))
    totals = (
        rows.order_by()
        .values("topic")
        .annotate(c=Sum("compliments"), i=Sum("improvements"), n=Sum("neutral"))
    )
    found = [TopicCount(r["topic"], r["c"], r["i"], r["n"]) for r in totals]
    return sorted(found, key=lambda t: (-t.total, t.topic))


def topic_quotes(
    *,
    organization: Organization | int,
    unit_ids: Iterable[int] | None,
    start: date,
    end: date,
    topics: Iterable[str],
    per_topic: int = 3,
    internal: bool | None = None,
) -> dict[str, list[FeedbackSentence]]:
    """The latest example sentences per topic (improvement points and compliments)."""
    org_id = organization if isinstance(organization, int) else organization.id
    out: dict[str, list[FeedbackSentence]] = defaultdict(list)
    base = FeedbackSentence.objects.filter(
        feedback__organization_id=org_id, feedback__day__gte=start, feedback__day__lte=end
    ).exclude(label=Label.NEUTRAL)
    if unit_ids is not None:
        base = base.filter(feedback__team_id__in=list(unit_ids))
    if internal is not None:
        base = base.filter(feedback__is_internal=internal)
    for topic in topics:
        found = base.filter(topics__contains=f" {topic} ").select_related("feedback")
        distinct: dict[str, FeedbackSentence] = {}
        for sentence in found.order_by("-feedback__day", "-feedback_id")[: per_topic * 4]:
            distinct.setdefault(sentence.text.casefold(), sentence)
        out[topic] = list(distinct.values())[:per_topic]
    return out


# --- Records with filters (the inbox and the export) ------------------------------------
@dataclass(frozen=True)
class RecordFilter:
    start: date
    end: date
    metric: str = ""
    band: str = ""  # negative / neutral / positive
    topic: str = ""
    label: str = ""  # compliment / improvement
    channel: str = ""
    internal: bool | None = None

    @property
    def needs_records(self) -> bool:
        """Whether the roll-up cannot answer this filter (records must be counted)."""
        return bool(self.metric or self.band or self.topic or self.label or self.channel)


def _band_q(band: str) -> Q:
    from klantcultuur.feedback.metrics import BANDS

    found = Q(pk__in=[])
    for metric, (low, high) in BANDS.items():
        if band == "negative":
            found |= Q(metric=metric, score__lte=low)
        elif band == "positive":
            found |= Q(metric=metric, score__gte=high)
        elif band == "neutral":
            found |= Q(metric=metric, score__gt=low, score__lt=high)
    return found


def records_query(
    *,
    organization: Organization | int,
    unit_ids: Iterable[int] | None,
    flt: RecordFilter,
    include_unrouted: bool = True,
) -> QuerySet[Feedback]:
    """The records a filter selects (unit_ids None: the organisation, unrouted included)."""
    org_id = organization if isinstance(organization, int) else organization.id
    rows = Feedback.objects.filter(organization_id=org_id, day__gte=flt.start, day__lte=flt.end)
    if unit_ids is not None:
        rows = rows.filter(team_id__in=list(unit_ids))
    elif not include_unrouted:
        rows = rows.filter(team__isnull=False)
    if flt.internal is not None:
        rows = rows.filter(is_internal=flt.internal)
    if flt.metric:
        rows = rows.filter(metric=flt.metric, score__isnull=False)
    if flt.band:
        rows = rows.filter(_band_q(flt.band))
    if flt.topic:
        rows = rows.filter(topics__contains=f" {flt.topic} ")
    if flt.label == Label.COMPLIMENT:
        rows = rows.filter(n_compliments__gt=0)
    elif flt.label == Label.IMPROVEMENT:
        rows = rows.filter(n_improvements__gt=0)
    if flt.channel:
        rows = rows.filter(channel=flt.channel)
    return rows


def filtered_counts(
    *, organization: Organization | int, unit_ids: Iterable[int] | None, flt: RecordFilter
) -> Counts:
    """Counters of what a filter selects: from the roll-up when it can, else from records."""
    if flt.needs_records:
        from klantcultuur.feedback.rollup import aggregate

        return aggregate(records_query(organization=organization, unit_ids=unit_ids, flt=flt))
    return counts(
        organization=organization,
        unit_ids=unit_ids,
        start=flt.start,
        end=flt.end,
        internal=flt.internal,
    )


def channels(*, organization: Organization) -> list[str]:
    """The channels the organisation's feedback came through (for filters)."""
    from klantcultuur.feedback.models import FeedbackSettings

    return sorted(FeedbackSettings.for_organization(organization).channels)


def case_counts_by_unit(
    *, organization: Organization | int, tree: UnitTree, unit_ids: Iterable[int], now=None
) -> dict[int, tuple[int, int]]:
    """(unresolved, overdue) cases per unit including the units below it (one query)."""
    per_team = case_counts_by_team(organization=organization, now=now)
    out = {}
    for unit_id in unit_ids:
        total = sum((per_team.get(m, NO_CASES) for m in tree.subtree_ids(unit_id)), NO_CASES)
        out[unit_id] = (total.unresolved, total.overdue)
    return out


def unrouted_count(organization: Organization | int) -> int:
    """How many records wait for a team (the whole queue, from the roll-up's unrouted rows)."""
    org_id = organization if isinstance(organization, int) else organization.id
    found = DailyTeamStats.objects.filter(organization_id=org_id, team__isnull=True).aggregate(
        n=Sum("records")
    )
    return found["n"] or 0


def topic_signals(records: QuerySet[Feedback], topic: str) -> tuple[int, int]:
    """(compliments, improvement points) among the sentences about `topic` in `records`:
    what the overview's topic rows count, for any filter the inbox applies."""
    found = FeedbackSentence.objects.filter(
        feedback__in=records.order_by().values("pk"), topics__contains=f" {topic} "
    ).aggregate(
        compliments=Count("pk", filter=Q(label=Label.COMPLIMENT)),
        improvements=Count("pk", filter=Q(label=Label.IMPROVEMENT)),
    )
    return found["compliments"], found["improvements"]


def touchpoint_owners(
    organization: Organization, touchpoints: Iterable
) -> dict[int, OrgUnit | None]:
    """Where each touchpoint's form answers go: its own team, else the routing rule that
    catches its name or channel, else None (the unrouted queue: nobody reads them)."""
    from klantcultuur.feedback.services.records import router_for

    router = router_for(organization)
    found = {
        t.id: router.route({"touchpoint": t.name, "channel": t.channel}, team_id=t.team_id)
        for t in touchpoints
    }
    units = OrgUnit.objects.in_bulk([i for i in found.values() if i is not None])
    return {tp_id: units.get(unit_id) for tp_id, unit_id in found.items()}


def link_team(organization: Organization, value: str) -> OrgUnit | None:
    """The team a form link names (`?team=<uuid>`): a current unit of the organisation, else None."""
    from uuid import UUID

    try:
        code = UUID(value)
    except (ValueError, TypeError, AttributeError):
        return None
    return OrgUnit.objects.filter(
        organization=organization, uuid=code, archived_at__isnull=True
    ).first()
