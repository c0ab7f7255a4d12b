"""Follow-up of detractors: the list (open, overdue, resolved) and one case."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.feedback import selectors
from klantcultuur.feedback.access import (
    get_case_for_user,
    get_case_rw_for_user,
    get_reply_template_for_user,
)
from klantcultuur.feedback.forms import CaseForm, ReplyForm
from klantcultuur.feedback.models import CaseStatus, FollowUpCase
from klantcultuur.feedback.services.cases import case_update
from klantcultuur.feedback.services.replies import (
    can_reply,
    case_reply_send,
    reply_draft,
    reply_templates_ensure,
)
from klantcultuur.feedback.views.scope import scope_for
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm

PAGE_SIZE = 50
STATES = ("open", "overdue", "contacted", "resolved")


@member_required(Perm.HANDLE_CASES, methods=("GET",))
def cases(request: MemberRequest):
    scope = scope_for(request, request.GET.get("unit") or None)
    state = request.GET.get("state", "open")
    if state not in STATES:
        state = "open"
    now = timezone.now()
    rows = FollowUpCase.objects.filter(organization=request.organization)
    if scope.unit_ids is not None:
        rows = rows.filter(team_id__in=scope.unit_ids)
    if state == "open":
        rows = rows.exclude(status=CaseStatus.RESOLVED).order_by("due_at", "pk")
    elif state == "overdue":
        rows = rows.overdue(now).order_by("due_at", "pk")
    elif state == "contacted":
        rows = rows.filter(status=CaseStatus.CONTACTED).order_by("due_at", "pk")
    else:
        rows = rows.filter(status=CaseStatus.RESOLVED).order_by("-resolved_at", "-pk")
    rows = rows.select_related("feedback", "team", "handled_by__user", "assigned_to__user")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.case_counts(
        organization=request.organization, unit_ids=scope.unit_ids, now=now
    )
    context = {
        "section": "cases",
        "page": page,
        "state": state,
        "scope": scope,
        "now": now,
        "counts": counts,
    }
    return render(request, "feedback/cases.html", context)


@member_required(Perm.HANDLE_CASES)
def case(request: MemberRequest, code: UUID):
    found = get_case_for_user(request, code)
    initial = {
        "status": found.status,
        "outcome": found.outcome,
        "note": found.note,
        "assigned_to": found.assigned_to_id,
    }
    form = CaseForm(request.POST or None, initial=initial, team_id=found.team_id)
    if request.method == "POST":
        found = get_case_rw_for_user(request, code)
        if form.is_valid():
            try:
                case_update(case=found, actor=request.membership, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The case is saved."))
                return redirect("feedback-case", code=found.uuid)
    return _case_page(request, found, form)


def _case_page(request: MemberRequest, found: FollowUpCase, form, reply_form=None):
    """The case with what happened, its replies, and a reply drafted from a template."""
    reply = _reply_context(request, found, reply_form)
    context = {
        "section": "cases",
        "case": found,
        "record": found.feedback,
        "form": form,
        "overdue": found.is_overdue(),
        "replies": found.replies.select_related("sent_by__user", "delivery"),
        **reply,
    }
    return render(request, "feedback/case.html", context)


def _reply_context(request: MemberRequest, found: FollowUpCase, reply_form) -> dict:
    if not can_reply(found):
        return {"can_reply": False}
    templates = reply_templates_ensure(organization=request.organization)
    wanted = request.GET.get("template")
    chosen = None
    if wanted:
        chosen = get_reply_template_for_user(request, wanted)
    elif templates:
        language = found.feedback.language or "nl"
        chosen = next((t for t in templates if t.language == language), templates[0])
    if reply_form is None:
        subject, body = (
            reply_draft(case=found, template=chosen, sender=request.membership)
            if chosen
            else ("", "")
        )
        reply_form = ReplyForm(
            initial={"subject": subject, "body": body, "template": chosen.name if chosen else ""}
        )
    return {
        "can_reply": True,
        "templates": templates,
        "chosen": chosen,
        "reply_form": reply_form,
    }


@member_required(Perm.HANDLE_CASES, methods=("POST",))
def reply(request: MemberRequest, code: UUID):
    """Send the customer the reply written on the case page."""
    found = get_case_rw_for_user(request, code)
    if not can_reply(found):
        messages.error(request, _("This customer gave no e-mail address to be answered at."))
        return redirect("feedback-case", code=found.uuid)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            case_reply_send(
                case=found,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                template_name=form.cleaned_data["template"],
                actor=request.membership,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The e-mail to the customer is on its way; the case shows it below.")
            )
            return redirect("feedback-case", code=found.uuid)
    initial = {
        "status": found.status,
        "outcome": found.outcome,
        "note": found.note,
        "assigned_to": found.assigned_to_id,
    }
    case_form = CaseForm(initial=initial, team_id=found.team_id)
    return _case_page(request, found, case_form, reply_form=form)
