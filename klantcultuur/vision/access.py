"""Every loader of the vision's objects (as orgs/access.py): another organisation's object is a
404, a member without the right gets a 403.

Reading: every member reads the vision, its rounds, published versions and behaviours;
drafts and the draagvlak overview are for `Perm.MANAGE_VISION` (board, CX lead, admin) and
for managers (who are asked to carry it). Changing: rounds, versions, questions and answers
to objections need `Perm.MANAGE_VISION`; a manager answers only their own endorsement and
proposes behaviours only for units they lead.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from klantcultuur.orgs.access import require_perm, require_visible_unit
from klantcultuur.orgs.models import Membership
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.vision.models import (
    Behaviour,
    BehaviourStatus,
    Contribution,
    CustomerTag,
    Endorsement,
    GuidingQuestion,
    RecallCheck,
    Round,
    VersionStatus,
    VisionVersion,
)


def can_manage(request: MemberRequest) -> bool:
    return request.membership.has_perm(Perm.MANAGE_VISION)


def can_follow_draagvlak(request: MemberRequest) -> bool:
    """Managers see who carries the vision (their colleagues in management); so do those who
    manage it and HR."""
    membership = request.membership
    return can_manage(request) or membership.is_manager or membership.has_perm(Perm.VIEW_ALL_UNITS)


def require_draagvlak(request: MemberRequest) -> None:
    if not can_follow_draagvlak(request):
        raise PermissionDenied


# --- Guiding questions -----------------------------------------------------------------
def get_question_for_user(request: MemberRequest, code: UUID) -> GuidingQuestion:
    return get_object_or_404(
        GuidingQuestion, organization=request.organization, uuid=code, archived_at__isnull=True
    )


def get_question_rw_for_user(request: MemberRequest, code: UUID) -> GuidingQuestion:
    question = get_question_for_user(request, code)
    require_perm(request, Perm.MANAGE_VISION)
    return question


# --- Rounds and contributions ----------------------------------------------------------
def get_round_for_user(request: MemberRequest, code: UUID) -> Round:
    return get_object_or_404(Round, organization=request.organization, uuid=code)


def get_round_rw_for_user(request: MemberRequest, code: UUID) -> Round:
    round_ = get_round_for_user(request, code)
    require_perm(request, Perm.MANAGE_VISION)
    return round_


def get_contribution_for_user(request: MemberRequest, code: UUID) -> Contribution:
    """A contribution to react to: every member reacts."""
    return get_object_or_404(
        Contribution.objects.select_related("round"),
        organization=request.organization,
        uuid=code,
    )


# --- Versions ----------------------------------------------------------------------------
def get_version_for_user(request: MemberRequest, code: UUID) -> VisionVersion:
    """Published and superseded versions for every member; drafts for those who write them."""
    version = get_object_or_404(VisionVersion, organization=request.organization, uuid=code)
    if version.status == VersionStatus.DRAFT and not can_manage(request):
        raise PermissionDenied
    return version


def get_version_rw_for_user(request: MemberRequest, code: UUID) -> VisionVersion:
    version = get_object_or_404(VisionVersion, organization=request.organization, uuid=code)
    require_perm(request, Perm.MANAGE_VISION)
    return version


# --- Endorsements ------------------------------------------------------------------------
def get_endorsement_for_user(request: MemberRequest, code: UUID) -> Endorsement:
    endorsement = get_object_or_404(
        Endorsement.objects.select_related("version", "manager__user", "unit"),
        organization=request.organization,
        uuid=code,
    )
    if endorsement.manager_id != request.membership.id:
        require_draagvlak(request)
    return endorsement


def get_endorsement_rw_for_user(request: MemberRequest, code: UUID) -> Endorsement:
    """One's own endorsement, to answer it."""
    endorsement = get_endorsement_for_user(request, code)
    if endorsement.manager_id != request.membership.id:
        raise PermissionDenied
    return endorsement


def get_objection_rw_for_user(request: MemberRequest, code: UUID) -> Endorsement:
    """An endorsement whose objection the member may answer (CX lead, board, admin)."""
    endorsement = get_endorsement_for_user(request, code)
    require_perm(request, Perm.MANAGE_VISION)
    return endorsement


# --- Behaviours --------------------------------------------------------------------------
def proposable_unit_ids(membership: Membership) -> frozenset[int]:
    """Units a manager may propose behaviours for: the subtrees they lead."""
    if not membership.managed_unit_ids:
        return frozenset()
    return membership.led_unit_ids()


def get_behaviour_for_user(request: MemberRequest, code: UUID) -> Behaviour:
    behaviour = get_object_or_404(
        Behaviour.objects.select_related("promise", "unit"),
        organization=request.organization,
        uuid=code,
    )
    if behaviour.status != BehaviourStatus.ACTIVE and not can_change_behaviour(request, behaviour):
        raise PermissionDenied
    return behaviour


def can_change_behaviour(request: MemberRequest, behaviour: Behaviour) -> bool:
    if can_manage(request):
        return True
    return (
        behaviour.unit_id is not None
        and behaviour.status == BehaviourStatus.PROPOSED
        and behaviour.unit_id in proposable_unit_ids(request.membership)
    )


def get_behaviour_rw_for_user(request: MemberRequest, code: UUID) -> Behaviour:
    behaviour = get_object_or_404(
        Behaviour.objects.select_related("promise", "unit"),
        organization=request.organization,
        uuid=code,
    )
    if not can_change_behaviour(request, behaviour):
        raise PermissionDenied
    return behaviour


# --- Recall checks -----------------------------------------------------------------------
def get_recall_for_user(request: MemberRequest, code: UUID) -> RecallCheck:
    recall = get_object_or_404(
        RecallCheck.objects.select_related("version"),
        organization=request.organization,
        uuid=code,
    )
    recall.organization = request.organization  # the same row: no second read
    return recall


def get_recall_results_for_user(request: MemberRequest, code: UUID) -> RecallCheck:
    """Results are aggregates behind the anonymity gate; managers and up read them."""
    recall = get_recall_for_user(request, code)
    require_draagvlak(request)
    return recall


# --- Tags of customers' compliments ----------------------------------------------------
def get_tag_rw_for_user(request: MemberRequest, code: UUID) -> CustomerTag:
    """A tag of the organisation (404) on a record of a unit the member may see (403): who may
    tag a compliment may also take the tag off."""
    tag = get_object_or_404(
        CustomerTag.objects.select_related("behaviour"),
        organization=request.organization,
        uuid=code,
    )
    require_visible_unit(request, tag.unit_id)
    return tag
