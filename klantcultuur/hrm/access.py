"""Every loader of the HR documents (as orgs/access.py).

Reading: those who see every unit's results (`Perm.VIEW_ALL_UNITS`: board, CX lead, HR,
admin). Adding documents, rating and actions, room to decide: `Perm.MANAGE_PEOPLE` (HR,
admin). An onboarding path: the newcomer, HR and those who see every unit, and the managers
of the newcomer's unit.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from klantcultuur.hrm.models import HrDocument, OnboardingPath, RoomToDecide
from klantcultuur.orgs.access import require_perm
from klantcultuur.orgs.models import Membership
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


def get_document_for_user(request: MemberRequest, code: UUID) -> HrDocument:
    document = get_object_or_404(HrDocument, organization=request.organization, uuid=code)
    require_perm(request, Perm.VIEW_ALL_UNITS)
    return document


def get_document_rw_for_user(request: MemberRequest, code: UUID) -> HrDocument:
    document = get_document_for_user(request, code)
    require_perm(request, Perm.MANAGE_PEOPLE)
    return document


def get_room_rw_for_user(request: MemberRequest, code: UUID) -> RoomToDecide:
    room = get_object_or_404(RoomToDecide, organization=request.organization, uuid=code)
    require_perm(request, Perm.MANAGE_PEOPLE)
    return room


def may_follow_up(membership: Membership, path: OnboardingPath) -> bool:
    """HR and those who see every unit, or the manager of a unit the newcomer is in."""
    if membership.has_perm(Perm.VIEW_ALL_UNITS) or membership.has_perm(Perm.MANAGE_PEOPLE):
        return True
    unit_id = path.membership.unit_id
    return bool(membership.managed_unit_ids) and unit_id in membership.led_unit_ids()


def get_path_for_user(request: MemberRequest, code: UUID) -> OnboardingPath:
    """The newcomer's own path, or one the member follows up (403 for other colleagues)."""
    path = get_object_or_404(
        OnboardingPath.objects.select_related(
            "membership__user", "membership__unit", "buddy__user"
        ),
        organization=request.organization,
        uuid=code,
    )
    if path.membership_id != request.membership.id and not may_follow_up(request.membership, path):
        raise PermissionDenied
    return path
