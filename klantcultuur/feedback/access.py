"""Every loader of the feedback app's objects, one helper pair per object (see orgs/access.py).

Another organisation's object is a 404. A response or a follow-up case belongs to a unit:
a member who may not read that unit gets a 403, and so does one who does not see every
unit for an unrouted response (`require_visible_unit`), wherever it is loaded: the
Klantstem pages and the dagstart board (a story, an action from an improvement point)
alike. The set-up objects (touchpoints, routing rules, topics, imports, API tokens) are
read only in views that need `Perm.MANAGE_FEEDBACK` already.
"""

from __future__ import annotations

import uuid
from uuid import UUID

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from klantcultuur.feedback.models import (
    ApiToken,
    Feedback,
    FeedbackImport,
    FeedbackSentence,
    FollowUpCase,
    ReplyTemplate,
    RoutingRule,
    Topic,
    Touchpoint,
)
from klantcultuur.orgs.access import require_perm, require_visible_unit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


def _uuid(code: UUID | str) -> UUID:
    """A code from a URL converter, or from a form field (404 when it is not a UUID)."""
    if isinstance(code, UUID):
        return code
    try:
        return uuid.UUID(str(code))
    except ValueError as exc:
        raise Http404 from exc


# --- Responses ----------------------------------------------------------------------------
def get_record_for_user(request: MemberRequest, code: UUID | str) -> Feedback:
    """A response of the current organisation (404) that the member may read (403).

    Unrouted responses are for those who see every unit."""
    record = get_object_or_404(
        Feedback.objects.select_related("team", "case").prefetch_related(
            Prefetch("sentences", queryset=FeedbackSentence.objects.order_by("field", "position"))
        ),
        organization=request.organization,
        uuid=_uuid(code),
    )
    require_visible_unit(request, record.team_id)
    return record


def get_record_rw_for_user(request: MemberRequest, code: UUID | str) -> Feedback:
    """A response whose labels and team the member may change."""
    record = get_record_for_user(request, code)
    require_perm(request, Perm.MANAGE_FEEDBACK)
    return record


# --- Follow-up cases ----------------------------------------------------------------------
def get_case_for_user(request: MemberRequest, code: UUID) -> FollowUpCase:
    """A case of the organisation (404) in a unit the member may see (403)."""
    case = get_object_or_404(
        FollowUpCase.objects.select_related("feedback", "team", "handled_by__user"),
        organization=request.organization,
        uuid=code,
    )
    require_visible_unit(request, case.team_id)
    return case


def get_case_rw_for_user(request: MemberRequest, code: UUID) -> FollowUpCase:
    """A case the member may work on (handle cases, and see its team)."""
    case = get_case_for_user(request, code)
    require_perm(request, Perm.HANDLE_CASES)
    return case


# --- Set-up -------------------------------------------------------------------------------
def get_import_for_user(request: MemberRequest, code: UUID) -> FeedbackImport:
    """An import of the current organisation (404 for any other)."""
    return get_object_or_404(
        FeedbackImport.objects.select_related("organization"),
        organization=request.organization,
        uuid=code,
    )


def get_token_for_user(request: MemberRequest, code: UUID) -> ApiToken:
    """A token of the current organisation (404 for any other)."""
    return get_object_or_404(ApiToken, organization=request.organization, uuid=code)


def get_touchpoint_for_user(request: MemberRequest, code: UUID) -> Touchpoint:
    """A touchpoint of the current organisation (404 for any other)."""
    return get_object_or_404(Touchpoint, organization=request.organization, uuid=code)


def get_rule_for_user(request: MemberRequest, code: UUID) -> RoutingRule:
    """A routing rule of the current organisation (404 for any other)."""
    return get_object_or_404(RoutingRule, organization=request.organization, uuid=code)


def get_reply_template_for_user(request: MemberRequest, code: UUID | str) -> ReplyTemplate:
    """A reply template of the current organisation (404 for any other)."""
    return get_object_or_404(ReplyTemplate, organization=request.organization, uuid=_uuid(code))


def get_topic_for_user(request: MemberRequest, code: UUID) -> Topic:
    """A topic of the current organisation (404 for any other)."""
    return get_object_or_404(Topic, organization=request.organization, uuid=code)
