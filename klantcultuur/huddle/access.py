"""Who may read and who may change which board, KPI, action, goal and escalation.

Reading follows `Membership.visible_unit_ids()`: an employee their own team, a manager the
units they lead, board, CX lead, HR and administrators every unit. Changing a board (the
dagstart's attendance and note, values, actions, goals, escalations) is for the people who
steer that unit: its own members, the managers of the unit or a unit above it, and the
roles with `Perm.STEER_ALL_TEAMS`. HR reads every board but steers only its own.

KPIs: the catalogue is organisation-wide, so creating, changing and archiving a KPI needs
`Perm.MANAGE_KPI_CATALOGUE` (CX lead, administrator). Which KPIs a board shows, with owner
and target, needs `Perm.MANAGE_KPIS` and a unit one leads (`kpi_unit_ids`): a manager sets
up the boards of the units they manage (with the units below), not their own home team
when someone else leads it; the catalogue managers set up every board.

Helper pairs per object, as in orgs/access.py: another organisation's object is a 404,
a member who may not read or change it gets a 403.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from klantcultuur.feedback.models import Feedback
from klantcultuur.huddle.models import Escalation, Goal, ImprovementAction, Kpi, TeamKpi
from klantcultuur.orgs.access import get_unit_for_user, require_perm, require_visible_unit
from klantcultuur.orgs.models import Membership, OrgUnit
from klantcultuur.orgs.request import OrgRequest
from klantcultuur.orgs.roles import Perm


def visible_ids(request: OrgRequest) -> frozenset[int]:
    """Units whose boards the member may read."""
    return request.membership.visible_unit_ids()


def steer_unit_ids(membership: Membership) -> frozenset[int]:
    """Units whose boards the member may change: own unit, units led (with subtrees), or all."""
    if membership.has_perm(Perm.STEER_ALL_TEAMS):
        return membership.visible_unit_ids()
    return membership.led_unit_ids()


def steer_ids(request: OrgRequest) -> frozenset[int]:
    if not hasattr(request, "_huddle_steer"):
        request._huddle_steer = steer_unit_ids(request.membership)
    return request._huddle_steer


def can_steer(request: OrgRequest, unit_id: int | None) -> bool:
    """Whether the member may change the board of a unit (None: the organisation board)."""
    if unit_id is None:
        return request.membership.has_perm(Perm.STEER_ALL_TEAMS)
    return unit_id in steer_ids(request)


def _require_steer(request: OrgRequest, unit_id: int | None) -> None:
    if not can_steer(request, unit_id):
        raise PermissionDenied


# --- Boards (units) ------------------------------------------------------------------------
def get_board_unit_for_user(request: OrgRequest, code: UUID) -> OrgUnit:
    """A unit whose board the member may read (as orgs' get_visible_unit_for_user, with the
    visible units kept for the rest of the request)."""
    unit = get_unit_for_user(request, code)
    require_visible_unit(request, unit.id)
    return unit


def get_board_unit_rw_for_user(request: OrgRequest, code: UUID) -> OrgUnit:
    """A unit whose board the member may change."""
    unit = get_board_unit_for_user(request, code)
    _require_steer(request, unit.id)
    return unit


# --- The KPI catalogue ---------------------------------------------------------------------
def get_kpi_for_user(request: OrgRequest, code: UUID) -> Kpi:
    return get_object_or_404(Kpi, organization=request.organization, uuid=code)


def get_kpi_rw_for_user(request: OrgRequest, code: UUID) -> Kpi:
    """A catalogue KPI: organisation-wide, so only for the catalogue's managers."""
    kpi = get_kpi_for_user(request, code)
    require_perm(request, Perm.MANAGE_KPI_CATALOGUE)
    return kpi


def kpi_unit_ids(membership: Membership) -> frozenset[int]:
    """Units whose board KPIs (which ones, owner, target) the member sets up."""
    if not membership.has_perm(Perm.MANAGE_KPIS):
        return frozenset()
    if membership.has_perm(Perm.MANAGE_KPI_CATALOGUE):
        return steer_unit_ids(membership)
    led = set()
    if membership.managed_unit_ids:
        from klantcultuur.orgs.tree import UnitTree

        tree = UnitTree.for_organization(membership.organization_id)
        for unit_id in membership.managed_unit_ids:
            led.update(tree.subtree_ids(unit_id))
    return frozenset(led)


def _require_kpi_unit(request: OrgRequest, unit_id: int) -> None:
    if unit_id not in kpi_unit_ids(request.membership):
        raise PermissionDenied


def get_kpi_board_unit_rw_for_user(request: OrgRequest, code: UUID) -> OrgUnit:
    """A unit whose board KPIs the member sets up (see `kpi_unit_ids`)."""
    unit = get_board_unit_rw_for_user(request, code)
    _require_kpi_unit(request, unit.id)
    return unit


# --- A team's KPIs (owner, target, values) -------------------------------------------------
def get_team_kpi_for_user(request: OrgRequest, code: UUID) -> TeamKpi:
    team_kpi = get_object_or_404(
        TeamKpi.objects.select_related("kpi", "team", "owner__user"),
        organization=request.organization,
        uuid=code,
    )
    require_visible_unit(request, team_kpi.team_id)
    return team_kpi


def get_team_kpi_rw_for_user(request: OrgRequest, code: UUID) -> TeamKpi:
    """A team KPI whose values the member may enter (setting owner and target also needs
    MANAGE_KPIS, which those views declare)."""
    team_kpi = get_team_kpi_for_user(request, code)
    _require_steer(request, team_kpi.team_id)
    return team_kpi


def get_team_kpi_setup_for_user(request: OrgRequest, code: UUID) -> TeamKpi:
    """A team KPI whose owner, target and place on the board the member sets up."""
    team_kpi = get_team_kpi_rw_for_user(request, code)
    _require_kpi_unit(request, team_kpi.team_id)
    return team_kpi


# --- Improvement actions -------------------------------------------------------------------
def get_action_for_user(request: OrgRequest, code: UUID) -> ImprovementAction:
    action = get_object_or_404(
        ImprovementAction.objects.select_related("team", "owner__user", "kpi", "previous"),
        organization=request.organization,
        uuid=code,
    )
    require_visible_unit(request, action.team_id)
    return action


def get_action_rw_for_user(request: OrgRequest, code: UUID) -> ImprovementAction:
    action = get_action_for_user(request, code)
    require_perm(request, Perm.MANAGE_ACTIONS)
    _require_steer(request, action.team_id)
    return action


# --- Goals ---------------------------------------------------------------------------------
def get_goal_for_user(request: OrgRequest, code: UUID) -> Goal:
    goal = get_object_or_404(
        Goal.objects.select_related("team", "person__user", "kpi"),
        organization=request.organization,
        uuid=code,
    )
    require_visible_unit(request, goal.team_id)
    return goal


def get_goal_rw_for_user(request: OrgRequest, code: UUID) -> Goal:
    goal = get_goal_for_user(request, code)
    _require_steer(request, goal.team_id)
    return goal


# --- Escalations ---------------------------------------------------------------------------
def get_escalation_for_user(request: OrgRequest, code: UUID) -> Escalation:
    """Readable by whoever reads the board it came from or the board it is on."""
    escalation = get_object_or_404(
        Escalation.objects.select_related(
            "from_unit", "to_unit", "raised_by__user", "answered_by__user"
        ),
        organization=request.organization,
        uuid=code,
    )
    visible = visible_ids(request)
    on_board = (
        escalation.to_unit_id in visible
        if escalation.to_unit_id is not None
        else request.membership.has_perm(Perm.VIEW_ALL_UNITS)
    )
    if escalation.from_unit_id not in visible and not on_board:
        raise PermissionDenied
    return escalation


def get_escalation_rw_for_user(request: OrgRequest, code: UUID, *, side: str) -> Escalation:
    """`side` "to": the tier it is addressed to (answer, pass on); "from": the unit that raised
    it (close it once the answer helps)."""
    escalation = get_escalation_for_user(request, code)
    unit_id = escalation.to_unit_id if side == "to" else escalation.from_unit_id
    _require_steer(request, unit_id)
    return escalation


# --- Customer records (to choose a story or start an action from) --------------------------
def get_feedback_for_user(request: OrgRequest, code: UUID | str) -> Feedback:
    """A feedback record of a unit whose board the member reads (404 otherwise)."""
    try:
        record = Feedback.objects.get(organization=request.organization, uuid=code)
    except (Feedback.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc
    if record.team_id is None:
        raise Http404
    require_visible_unit(request, record.team_id)
    return record
