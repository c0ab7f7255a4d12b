"""Every loader of the journeys' objects (as orgs/access.py): another organisation's object is
a 404, a member without the right gets a 403.

Reading: every member with `Perm.VIEW_FEEDBACK` sees journeys and reviews (a step's figures
only for the teams whose results they may read). Setting journeys up: `Perm.MANAGE_FEEDBACK`
(CX lead, admin). Holding reviews, whose decisions land on any team's board:
`Perm.STEER_ALL_TEAMS` (board, CX lead, admin). The business case: read with
`Perm.VIEW_ALL_UNITS`, changed with `Perm.STEER_ALL_TEAMS`.
"""

from __future__ import annotations

from uuid import UUID

from django.shortcuts import get_object_or_404

from klantcultuur.journeys.models import Journey, Review, Step
from klantcultuur.orgs.access import require_perm
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


def can_set_up(request: MemberRequest) -> bool:
    return request.membership.has_perm(Perm.MANAGE_FEEDBACK)


def can_review(request: MemberRequest) -> bool:
    return request.membership.has_perm(Perm.STEER_ALL_TEAMS)


def get_journey_for_user(request: MemberRequest, code: UUID) -> Journey:
    journey = get_object_or_404(Journey, organization=request.organization, uuid=code)
    require_perm(request, Perm.VIEW_FEEDBACK)
    return journey


def get_journey_rw_for_user(request: MemberRequest, code: UUID) -> Journey:
    journey = get_journey_for_user(request, code)
    require_perm(request, Perm.MANAGE_FEEDBACK)
    return journey


def get_step_for_user(request: MemberRequest, code: UUID) -> Step:
    step = get_object_or_404(
        Step.objects.select_related("journey", "phase", "team"),
        journey__organization=request.organization,
        uuid=code,
    )
    require_perm(request, Perm.VIEW_FEEDBACK)
    return step


def get_step_rw_for_user(request: MemberRequest, code: UUID) -> Step:
    step = get_step_for_user(request, code)
    require_perm(request, Perm.MANAGE_FEEDBACK)
    return step


def get_review_for_user(request: MemberRequest, code: UUID) -> Review:
    review = get_object_or_404(
        Review.objects.select_related("journey"), organization=request.organization, uuid=code
    )
    require_perm(request, Perm.VIEW_FEEDBACK)
    return review


def get_review_rw_for_user(request: MemberRequest, code: UUID) -> Review:
    review = get_review_for_user(request, code)
    require_perm(request, Perm.STEER_ALL_TEAMS)
    return review
