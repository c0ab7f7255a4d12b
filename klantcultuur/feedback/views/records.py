"""One response: its answers read sentence by sentence, label corrections, its team."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Sum
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klantcultuur.feedback import selectors
from klantcultuur.feedback.access import get_record_for_user, get_record_rw_for_user
from klantcultuur.feedback.analysis import topics_for
from klantcultuur.feedback.forms import AssignForm, LabelForm
from klantcultuur.feedback.models import DailyTeamStats, Feedback, FeedbackSentence, Label
from klantcultuur.feedback.services.records import (
    feedback_assign_team,
    reroute_unrouted,
    sentence_correct,
)
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm

PAGE_SIZE = 50


def _internal_comments_shown(request: MemberRequest, record: Feedback) -> bool:
    if not record.is_internal:
        return True
    rows = DailyTeamStats.objects.filter(
        organization=request.organization,
        team_id=record.team_id,
        is_internal=True,
        day__gte=record.day.replace(day=1),
        day__lte=record.day,
    )
    commented = rows.aggregate(n=Sum("with_comment"))["n"] or 0
    return commented >= request.organization.min_comment_group_size


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def record(request: MemberRequest, code: UUID):
    found = get_record_for_user(request, code)
    can_manage = request.membership.has_perm(Perm.MANAGE_FEEDBACK)
    language = get_language()
    context = {
        "section": "inbox",
        "record": found,
        "topic_names": {t.slug: t.name(language) for t in topics_for(request.organization)},
        "show_internal_comments": _internal_comments_shown(request, found),
        "can_manage": can_manage,
        "labels": Label.choices,
        "assign_form": AssignForm(
            organization=request.organization,
            initial={"team": str(found.team.uuid) if found.team else ""},
        )
        if can_manage
        else None,
        "case": getattr(found, "case", None),
    }
    return render(request, "feedback/record.html", context)


@member_required(Perm.MANAGE_FEEDBACK, methods=("POST",))
def correct(request: MemberRequest, code: UUID):
    found = get_record_rw_for_user(request, code)
    form = LabelForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sentence_correct(
                record=found,
                field=data["field"],
                position=data["position"],
                label=data["label"],
                user=request.user,
            )
        except FeedbackSentence.DoesNotExist:
            messages.error(request, _("That sentence no longer exists."))
        else:
            messages.success(
                request, _("The label is corrected; comments like it get this label from now on.")
            )
    return redirect("feedback-record", code=found.uuid)


@member_required(Perm.MANAGE_FEEDBACK, methods=("POST",))
def assign(request: MemberRequest, code: UUID):
    found = get_record_rw_for_user(request, code)
    form = AssignForm(request.POST, organization=request.organization)
    if form.is_valid():
        unit = form.unit()
        feedback_assign_team(records=[found], team=unit)
        messages.success(request, _("The response now belongs to %(team)s.") % {"team": unit.name})
    else:
        messages.error(request, _("Choose the team the response belongs to."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "feedback-unrouted")


@member_required(Perm.MANAGE_FEEDBACK, methods=("GET",))
def unrouted(request: MemberRequest):
    organization = request.organization
    records = (
        Feedback.objects.filter(organization=organization, team__isnull=True)
        .prefetch_related(
            Prefetch("sentences", queryset=FeedbackSentence.objects.order_by("field", "position"))
        )
        .order_by("-day", "-received_at", "-uuid")
    )
    paginator = Paginator(records, PAGE_SIZE)
    paginator.count = selectors.unrouted_count(organization)  # from the roll-up, not a count
    page = paginator.get_page(request.GET.get("page"))
    language = get_language()
    context = {
        "section": "unrouted",
        "page": page,
        "assign_form": AssignForm(organization=organization),
        "topic_names": {t.slug: t.name(language) for t in topics_for(organization)},
        "show_internal_comments": True,
    }
    return render(request, "feedback/unrouted.html", context)


@member_required(Perm.MANAGE_FEEDBACK, methods=("POST",))
def routing_apply(request: MemberRequest):
    moved = reroute_unrouted(organization=request.organization)
    messages.success(
        request,
        _("%(count)s responses found their team with the current rules.") % {"count": moved},
    )
    return redirect("feedback-unrouted")
