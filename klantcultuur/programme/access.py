"""Every loader of the programme's objects (as orgs/access.py): another organisation's object
is a 404, a member without the right gets a 403.

Reading: the catalogue and the overview are for those who read scan reports; a step is read
by those who see its unit's results, and by its owner. Changing: the catalogue needs
`Perm.MANAGE_PROGRAMME` (board, CX lead, admin); a step is changed by them, by its owner
and by a manager of its unit.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from klantcultuur.orgs.access import require_perm
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.programme.models import NextStep, StepTemplate
from klantcultuur.programme.selectors import can_take_for


def can_manage(request: MemberRequest) -> bool:
    return request.membership.has_perm(Perm.MANAGE_PROGRAMME)


# --- Catalogue -------------------------------------------------------------------------
def get_template_for_user(request: MemberRequest, code: UUID) -> StepTemplate:
    template = get_object_or_404(StepTemplate, organization=request.organization, uuid=code)
    require_perm(request, Perm.VIEW_SCAN_REPORTS)
    return template


def get_template_rw_for_user(request: MemberRequest, code: UUID) -> StepTemplate:
    template = get_template_for_user(request, code)
    require_perm(request, Perm.MANAGE_PROGRAMME)
    return template


# --- Steps taken -----------------------------------------------------------------------
def _may_read_step(request: MemberRequest, step: NextStep) -> bool:
    membership = request.membership
    if membership.has_perm(Perm.VIEW_ALL_UNITS) or step.owner_id == membership.id:
        return True
    if step.unit_id is None:
        return membership.has_perm(Perm.VIEW_SCAN_REPORTS)
    return step.unit_id in membership.visible_unit_ids()


def get_step_for_user(request: MemberRequest, code: UUID) -> NextStep:
    step = get_object_or_404(
        NextStep.objects.select_related("unit", "owner__user", "wave", "template"),
        organization=request.organization,
        uuid=code,
    )
    if not _may_read_step(request, step):
        raise PermissionDenied
    return step


def get_step_rw_for_user(request: MemberRequest, code: UUID) -> NextStep:
    step = get_step_for_user(request, code)
    if step.owner_id == request.membership.id or can_take_for(request.membership, step.unit):
        return step
    raise PermissionDenied


# --- Ambassadors -----------------------------------------------------------------------
def get_ambassador_for_user(request: MemberRequest, code: UUID):
    from klantcultuur.programme.models import Ambassador

    ambassador = get_object_or_404(
        Ambassador.objects.select_related("membership__user", "unit"),
        organization=request.organization,
        uuid=code,
    )
    membership = request.membership
    if ambassador.membership_id == membership.id or can_take_for(membership, ambassador.unit):
        return ambassador
    raise PermissionDenied


def get_ambassador_rw_for_user(request: MemberRequest, code: UUID):
    """Confirming and stopping: the unit's manager (or board, CX lead, admin)."""
    ambassador = get_ambassador_for_user(request, code)
    if not can_take_for(request.membership, ambassador.unit):
        raise PermissionDenied
    return ambassador


# --- The interest analysis: board, CX lead and administrator only ----------------------
# It names colleagues and what they gain from the culture as it is: reading it is as
# sensitive as changing it, so both need MANAGE_PROGRAMME. Managers and HR are left out on
# purpose (they are often among the stakeholders named); an administrator is in, because an
# administrator can give themselves either role and hiding it would only pretend.
def get_trait_for_user(request: MemberRequest, code: UUID):
    from klantcultuur.programme.models import Trait

    trait = get_object_or_404(Trait, organization=request.organization, uuid=code)
    require_perm(request, Perm.MANAGE_PROGRAMME)
    return trait


get_trait_rw_for_user = get_trait_for_user


def get_stakeholder_for_user(request: MemberRequest, code: UUID):
    from klantcultuur.programme.models import Stakeholder

    stakeholder = get_object_or_404(
        Stakeholder.objects.select_related("trait"), organization=request.organization, uuid=code
    )
    require_perm(request, Perm.MANAGE_PROGRAMME)
    return stakeholder


get_stakeholder_rw_for_user = get_stakeholder_for_user


def get_stakeholder_action_rw_for_user(request: MemberRequest, code: UUID):
    from klantcultuur.programme.models import StakeholderAction

    action = get_object_or_404(
        StakeholderAction.objects.select_related("stakeholder"),
        stakeholder__organization=request.organization,
        uuid=code,
    )
    require_perm(request, Perm.MANAGE_PROGRAMME)
    return action


# --- Leaders on the floor --------------------------------------------------------------
def get_visit_for_user(request: MemberRequest, code: UUID):
    """A visit: its leader, and the board and CX lead who follow the coverage."""
    from klantcultuur.programme.models import Visit

    visit = get_object_or_404(
        Visit.objects.select_related("unit", "leader__user", "action"),
        organization=request.organization,
        uuid=code,
    )
    if visit.leader_id == request.membership.id or can_manage(request):
        return visit
    raise PermissionDenied


def get_visit_rw_for_user(request: MemberRequest, code: UUID):
    """Logging and changing a visit: its leader only (it is their log)."""
    visit = get_visit_for_user(request, code)
    if visit.leader_id != request.membership.id:
        raise PermissionDenied
    return visit


def get_pulse_visit_for_user(request: MemberRequest, code: UUID):
    """A visit whose pulse question a member reads. Only a member of the visited team (not
    its leader) may answer: `services.visits.pulse_answer` checks that; the question itself
    is no secret, so others get the page saying it is not for them."""
    from klantcultuur.programme.models import Visit

    visit = get_object_or_404(
        Visit.objects.select_related("unit", "leader__user"),
        organization=request.organization,
        uuid=code,
    )
    return visit


# --- Quick wins shared to other boards -------------------------------------------------
def get_shared_win_rw_for_user(request: MemberRequest, code: UUID):
    """A quick win on this team's board: those who steer the receiving team act on it."""
    from klantcultuur.huddle.access import can_steer
    from klantcultuur.programme.models import SharedWin

    shared = get_object_or_404(
        SharedWin.objects.select_related("unit", "action__team"),
        organization=request.organization,
        uuid=code,
    )
    require_perm(request, Perm.MANAGE_ACTIONS)
    if not can_steer(request, shared.unit_id):
        raise PermissionDenied
    return shared
