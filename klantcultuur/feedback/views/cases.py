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
from klantcultuur.feedback.access import get_case_for_user, get_case_rw_for_user
from klantcultuur.feedback.forms import CaseForm
from klantcultuur.feedback.models import CaseStatus, FollowUpCase
from klantcultuur.feedback.services.cases import case_update
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
    context = {
        "section": "cases",
        "case": found,
        "record": found.feedback,
        "form": form,
        "overdue": found.is_overdue(),
    }
    return render(request, "feedback/case.html", context)
