"""Reads that the boards, pages and services of team steering share.

Each function is one query (or a fixed few) whatever the amount of data. Feedback figures
and follow-up case counts come from the feedback app's selectors; this module reads only
this app's tables, units and memberships.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from klantcultuur.huddle.models import (
    ActionState,
    Escalation,
    EscalationState,
    Goal,
    Huddle,
    ImprovementAction,
    KpiValue,
    TeamKpi,
)
from klantcultuur.huddle.steering.days import adoption_share, working_days_back
from klantcultuur.orgs.models import Membership, Organization, OrgUnit, UnitKind


def team_kpis(team_ids: Iterable[int]) -> list[TeamKpi]:
    """The KPIs on these teams' boards with their owners (archived KPIs left out)."""
    return list(
        TeamKpi.objects.filter(team_id__in=list(team_ids), kpi__archived_at__isnull=True)
        .select_related("kpi", "owner__user")
        .order_by("team_id", "position", "kpi__position", "kpi__name")
    )


def kpi_values(
    team_ids: Iterable[int], kpi_ids: Iterable[int], first: date, last: date
) -> dict[tuple[int, int], list[tuple[date, Decimal]]]:
    """Hand-entered values per (team, KPI) with their period from `first` to `last`, oldest first."""
    out: dict[tuple[int, int], list[tuple[date, Decimal]]] = defaultdict(list)
    kpi_ids = list(kpi_ids)
    if not kpi_ids:
        return out
    rows = (
        KpiValue.objects.filter(
            team_id__in=list(team_ids),
            kpi_id__in=kpi_ids,
            period_start__gte=first,
            period_start__lte=last,
        )
        .order_by("period_start")
        .values_list("team_id", "kpi_id", "period_start", "value")
    )
    for team_id, kpi_id, period, value in rows:
        out[(team_id, kpi_id)].append((period, value))
    return out


def members_of(unit: OrgUnit) -> QuerySet[Membership]:
    """The people of a unit's dagstart: its members and its manager."""
    scope = Q(unit=unit)
    if unit.manager_id:
        scope |= Q(id=unit.manager_id)
    return (
        Membership.objects.active()
        .filter(scope, organization_id=unit.organization_id)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )


def unit_members(unit: OrgUnit) -> list[Membership]:
    return list(members_of(unit))


def open_actions(team_ids: Iterable[int]) -> QuerySet[ImprovementAction]:
    return (
        ImprovementAction.objects.filter(team_id__in=list(team_ids))
        .exclude(state=ActionState.CLOSED)
        .select_related("owner__user", "kpi", "team")
        .order_by("due_date", "created_at")
    )


def goals_on(team: OrgUnit, day: date) -> list[Goal]:
    """Team and individual goals whose period holds `day`; team goals first."""
    goals = Goal.objects.filter(team=team, start__lte=day, end__gte=day).select_related(
        "person__user", "kpi"
    )
    return sorted(goals, key=lambda g: (g.person_id is not None, g.end, g.title))


def escalations_from(unit: OrgUnit, since: datetime) -> list[Escalation]:
    """What a unit escalated: everything still open or answered, and what closed since `since`."""
    return list(
        Escalation.objects.filter(from_unit=unit)
        .filter(~Q(state=EscalationState.CLOSED) | Q(closed_at__gte=since))
        .select_related("to_unit", "answered_by__user", "raised_by__user")
        .order_by("-raised_at")[:20]
    )


def escalations_to(organization_id: int, unit_id: int | None, since: datetime) -> list[Escalation]:
    """What reached a unit's board (None: the organisation board): open first, then answered."""
    rows = Escalation.objects.filter(organization_id=organization_id)
    rows = rows.filter(to_unit_id=unit_id) if unit_id is not None else rows.filter(to_unit=None)
    rows = rows.filter(~Q(state=EscalationState.CLOSED) | Q(closed_at__gte=since))
    found = list(
        rows.select_related("from_unit", "raised_by__user", "answered_by__user").order_by(
            "-raised_at"
        )[:50]
    )
    return sorted(found, key=lambda e: (e.state != EscalationState.OPEN, -e.raised_at.timestamp()))


def open_escalation_counts(organization_id: int) -> tuple[dict[int, int], dict[int | None, int]]:
    """Open escalations per unit that raised them, and per unit they are addressed to."""
    rows = (
        Escalation.objects.filter(organization_id=organization_id, state=EscalationState.OPEN)
        .order_by()
        .values("from_unit_id", "to_unit_id")
        .annotate(n=Count("id"))
    )
    raised: dict[int, int] = defaultdict(int)
    received: dict[int | None, int] = defaultdict(int)
    for row in rows:
        raised[row["from_unit_id"]] += row["n"]
        received[row["to_unit_id"]] += row["n"]
    return raised, received


def open_actions_by_team(team_ids: Iterable[int], today: date) -> dict[int, tuple[int, int]]:
    """(open, overdue) improvement actions per team."""
    rows = (
        ImprovementAction.objects.filter(team_id__in=list(team_ids))
        .exclude(state=ActionState.CLOSED)
        .order_by()
        .values("team_id")
        .annotate(n=Count("id"), late=Count("id", filter=Q(due_date__lt=today)))
    )
    return {r["team_id"]: (r["n"], r["late"]) for r in rows}


DATA_LOOKBACK_DAYS = 90


def kpi_data_gaps(team: OrgUnit, kpis: Iterable, today: date) -> dict[int, str]:
    """Why a feedback KPI can get no figure for this team, per KPI id (absent: it can).

    Looks at the answers the team received in the last 90 days, from its own kind of
    customers (colleagues for a back-office team): an NPS KPI for a team that is only asked
    CES gets nothing, and nor does an improvement action measured on it."""
    from datetime import timedelta

    from django.db.models import Sum
    from django.utils.translation import gettext as _

    from klantcultuur.feedback.models import DailyTeamStats
    from klantcultuur.huddle.steering import evaluation
    from klantcultuur.orgs.models import Office

    wanted = [k for k in kpis if k.is_feedback and k.measure in evaluation.COUNT_MEASURES]
    if not wanted:
        return {}
    internal = team.office == Office.BACK
    sums = DailyTeamStats.objects.filter(
        team=team, is_internal=internal, day__gte=today - timedelta(days=DATA_LOOKBACK_DAYS)
    ).aggregate(
        nps=Sum("nps_promoters") + Sum("nps_passives") + Sum("nps_detractors"),
        csat=Sum("csat_n"),
        ces=Sum("ces_n"),
        comments=Sum("with_comment"),
    )
    got = {name: sums[name] or 0 for name in ("nps", "csat", "ces", "comments")}
    needs = {
        evaluation.NPS: "nps",
        evaluation.CSAT: "csat",
        evaluation.CES_MEAN: "ces",
        evaluation.CES_HIGH: "ces",
        evaluation.COMPLIMENTS: "comments",
    }
    names = {"nps": "NPS", "csat": "CSAT", "ces": "CES"}
    who = _("colleagues") if internal else _("customers")
    asked = [names[n] for n in ("nps", "csat", "ces") if got[n]]
    gaps = {}
    for kpi in wanted:
        need = needs[kpi.measure]
        if got[need]:
            continue
        if need == "comments":
            reason = _(
                "This team received no open answers from its %(who)s in the last "
                "%(days)s days, so there is no share of compliments to compute."
            )
        elif asked:
            reason = _(
                "This team's %(who)s are not asked the %(question)s question: in the last "
                "%(days)s days they only answered %(asked)s. Choose a KPI on that "
                "question, or have a touchpoint of this team ask %(question)s."
            )
        else:
            reason = _(
                "This team received no answers from its %(who)s in the last %(days)s "
                "days: no touchpoint or routing rule sends answers to it."
            )
        gaps[kpi.id] = reason % {
            "who": who,
            "days": DATA_LOOKBACK_DAYS,
            "question": names.get(need, ""),
            "asked": ", ".join(asked),
        }
    return gaps


# --- Dagstart adoption -----------------------------------------------------------------
ADOPTION_DAYS = 20


@dataclass
class Adoption:
    """Dagstart adoption: of the active teams, how many held a dagstart on each of the last
    working days. The one definition the start page and the programme dashboard show."""

    days: list[date]
    held: list[int]  # teams with a dagstart, per working day (oldest first)
    teams: int
    without: list[OrgUnit] = field(default_factory=list)  # teams without any in the window

    @property
    def share(self) -> int | None:
        """Average share (percent) of teams holding a dagstart per working day."""
        return adoption_share(self.held, self.teams)

    @property
    def last_day(self) -> int:
        """Teams that held a dagstart on the last working day of the window."""
        return self.held[-1] if self.held else 0


def dagstart_adoption(
    organization: Organization,
    *,
    today: date,
    unit_ids: Iterable[int] | None = None,
    days: int = ADOPTION_DAYS,
    list_without: int = 0,
) -> Adoption:
    """How many active teams held a dagstart on each of the last `days` working days (today
    included), and (up to `list_without`) the teams that held none in that window. Two
    queries, three with the list."""
    window = working_days_back(today, days)
    teams = OrgUnit.objects.filter(
        organization=organization, kind=UnitKind.TEAM, archived_at__isnull=True
    )
    # A dagstart is unique per unit and day: counting rows per day counts teams. Joined to
    # the unit rather than `IN (teams)`, which PostgreSQL plans badly at thousands of teams.
    held_rows = Huddle.objects.filter(
        organization=organization,
        day__in=window,
        unit__kind=UnitKind.TEAM,
        unit__archived_at__isnull=True,
    )
    if unit_ids is not None:
        ids = set(unit_ids)
        teams = teams.filter(id__in=ids)
        held_rows = held_rows.filter(unit_id__in=ids)
    per_day = defaultdict(
        int, held_rows.values("day").annotate(n=Count("id")).values_list("day", "n")
    )
    without: list[OrgUnit] = []
    if list_without:
        active = Huddle.objects.filter(organization=organization, day__in=window).values("unit_id")
        without = list(teams.exclude(id__in=active).order_by("name")[:list_without])
    return Adoption(window, [per_day[d] for d in window], teams.count(), without)
