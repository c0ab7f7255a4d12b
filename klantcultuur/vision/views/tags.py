"""Compliments and stories tagged with the behaviour they show: which behaviours customers
notice. Any colleague who may read a compliment may tag it."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from klantcultuur.feedback.access import get_record_for_user
from klantcultuur.feedback.models import Feedback, FeedbackSentence, Label
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.vision import selectors
from klantcultuur.vision.access import get_behaviour_for_user, get_tag_rw_for_user
from klantcultuur.vision.services import tags as services
from klantcultuur.vision.views.common import flash_errors

RECENT_DAYS = 14
NOTICED_WEEKS = 8
MAX_RECORDS = 30


def _back(request: MemberRequest):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("vision-tags")


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def tag_list(request: MemberRequest):
    """Recent customers' compliments of the member's units, to tag; and what customers notice."""
    today = timezone.localdate()
    unit_ids = request.membership.visible_unit_ids()
    records = list(
        Feedback.objects.filter(
            organization=request.organization,
            team_id__in=list(unit_ids),
            day__gte=today - timedelta(days=RECENT_DAYS),
            n_compliments__gt=0,
            is_internal=False,
        )
        .select_related("team")
        .prefetch_related(
            Prefetch(
                "sentences",
                queryset=FeedbackSentence.objects.filter(label=Label.COMPLIMENT).order_by(
                    "field", "position"
                ),
                to_attr="compliments",
            )
        )
        .order_by("-received_at")[:MAX_RECORDS]
    )
    tags = selectors.tags_by_record(request.organization, [r.uuid for r in records])
    version = selectors.published_version(request.organization)
    groups = selectors.behaviours_by_promise(version) if version else []
    behaviours = [b for _promise, items in groups for b in items]
    noticed = selectors.behaviours_customers_notice(
        request.organization,
        unit_ids=unit_ids,
        since=today - timedelta(weeks=NOTICED_WEEKS),
    )
    return render(
        request,
        "vision/tags.html",
        {
            "rows": [(r, tags.get(r.uuid, [])) for r in records],
            "behaviours": behaviours,
            "noticed": noticed,
            "days": RECENT_DAYS,
            "weeks": NOTICED_WEEKS,
        },
    )


@member_required(Perm.VIEW_FEEDBACK, methods=("POST",))
def tag_create(request: MemberRequest):
    record = get_record_for_user(request, request.POST.get("feedback", ""))
    try:
        code = UUID(request.POST.get("behaviour", ""))
    except ValueError:
        messages.error(request, _("Choose a behaviour."))
        return _back(request)
    behaviour = get_behaviour_for_user(request, code)
    try:
        services.tag_add(
            behaviour=behaviour,
            record=record,
            by=request.membership,
            as_story=request.POST.get("as_story") == "1",
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            _("Tagged: this compliment shows “%(name)s”.") % {"name": behaviour.short_name},
        )
    return _back(request)


@member_required(Perm.VIEW_FEEDBACK, methods=("POST",))
def tag_delete(request: MemberRequest, code: UUID):
    tag = get_tag_rw_for_user(request, code)
    services.tag_remove(tag=tag)
    messages.success(request, _("The tag is removed."))
    return _back(request)
