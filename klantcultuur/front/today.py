"""What the start page shows each role: their day, not a list of menu cards.

A team leader: today's dagstart, KPIs off target, overdue call-backs, actions due.
An employee: the KPIs they follow, their actions, the team's latest compliments.
The board and the CX lead: the maturity phase, the NPS trend, dagstart adoption and what
waits for them. Each part is a fixed number of queries, whatever the organisation's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from klantcultuur.feedback import selectors as fb
from klantcultuur.huddle import boards
from klantcultuur.huddle.models import ActionState, ImprovementAction
from klantcultuur.huddle.selectors import Adoption, dagstart_adoption, open_escalation_counts
from klantcultuur.huddle.steering import charts
from klantcultuur.orgs.models import Membership, OrgUnit, UnitKind
from klantcultuur.orgs.roles import Perm

ACTIONS_DUE_DAYS = 2
TREND_WEEKS = 8


@dataclass
class TeamDay:
    team: OrgUnit
    board: boards.TeamBoard
    held_today: bool
    off_target: list = field(default_factory=list)
    mine: list = field(default_factory=list)  # tiles of the KPIs this member follows
    actions_due: list = field(default_factory=list)
    my_actions: list = field(default_factory=list)
    compliments: list = field(default_factory=list)


@dataclass
class OrganisationDay:
    phase: dict | None
    wave_name: str
    nps_now: float | None
    nps_trend: SafeString | None
    teams: int
    adoption: Adoption
    unrouted: int | None
    overdue_cases: int
    escalations: int
    late_actions: int


def own_team(membership: Membership) -> OrgUnit | None:
    """The team whose dagstart is this member's day: their own, else the first they lead."""
    unit = membership.unit
    if unit is not None and unit.kind == UnitKind.TEAM:
        return unit
    return (
        OrgUnit.objects.filter(manager=membership, kind=UnitKind.TEAM, archived_at__isnull=True)
        .order_by("name")
        .first()
    )


def team_day(membership: Membership, team: OrgUnit, *, can_steer: bool, now=None) -> TeamDay:
    now = now or timezone.now()
    today = timezone.localdate(now)
    board = boards.team_board(
        unit=team, day=today, organization=membership.organization, can_steer=can_steer, now=now
    )
    soon = today + timedelta(days=ACTIONS_DUE_DAYS)
    return TeamDay(
        team=team,
        board=board,
        held_today=board.huddle is not None,
        off_target=[t for t in board.tiles if t.status == "off"],
        mine=[t for t in board.tiles if t.team_kpi.owner_id == membership.id],
        actions_due=[a for a in board.actions if a.due_date and a.due_date <= soon],
        my_actions=[a for a in board.actions if a.owner_id == membership.id],
        compliments=board.signals.compliments[:3] if not board.signals.hidden else [],
    )


def _phase(membership: Membership) -> tuple[dict | None, str]:
    """The maturity phase of the organisation from the latest reported scan wave."""
    from klantcultuur.scan.models import Wave
    from klantcultuur.scan.reporting.gate import ROOT_KEY
    from klantcultuur.scan.reporting.labels import PHASES
    from klantcultuur.scan.selectors import report_gate

    wave = (
        Wave.objects.filter(organization=membership.organization, closed_at__isnull=False)
        .order_by("-closed_at")
        .first()
    )
    if wave is None:
        return None, ""
    gate, _report = report_gate(wave, membership, summary_only=True)
    if gate is None:
        return None, wave.name
    figure = gate.phase(ROOT_KEY)
    if not figure:
        return None, wave.name
    return {
        "number": figure.value["number"],
        "name": PHASES[figure.value["name"]],
        "wave": wave,
    }, wave.name


def organisation_day(membership: Membership, now=None) -> OrganisationDay:
    now = now or timezone.now()
    today = timezone.localdate(now)
    org = membership.organization
    first = today - timedelta(days=7 * TREND_WEEKS)
    weeks = fb.period_counts(
        organization=org, start=first, end=today - timedelta(days=1), grain="week", internal=False
    )
    values = [w.counts.nps().value if w.counts.nps_n else None for w in weeks]
    known = [v for v in values if v is not None]
    trend = None
    if known:
        trend = mark_safe(  # the chart escapes every text it draws
            charts.sparkline(values, label=_("NPS per week, the last eight weeks"))
        )
    teams = OrgUnit.objects.filter(organization=org, kind=UnitKind.TEAM, archived_at__isnull=True)
    # The same figure as the programme dashboard (huddle.selectors.dagstart_adoption).
    adoption = dagstart_adoption(org, today=today)
    _raised, received = open_escalation_counts(org.id)
    phase, wave_name = _phase(membership)
    all_units = list(teams.values_list("id", flat=True))
    return OrganisationDay(
        phase=phase,
        wave_name=wave_name,
        nps_now=round(known[-1]) if known else None,
        nps_trend=trend,
        teams=len(all_units),
        adoption=adoption,
        unrouted=fb.unrouted_count(org) if membership.has_perm(Perm.MANAGE_FEEDBACK) else None,
        overdue_cases=fb.overdue_cases(unit_ids=all_units, now=now).count(),
        escalations=received.get(None, 0),
        late_actions=ImprovementAction.objects.filter(
            organization=org,
            due_date__lt=today,
            team__archived_at__isnull=True,
        )
        .exclude(state=ActionState.CLOSED)
        .count(),
    )


def sees_organisation(membership: Membership) -> bool:
    return membership.has_perm(Perm.VIEW_ALL_UNITS) and membership.role in (
        "board",
        "cx_lead",
        "admin",
    )
