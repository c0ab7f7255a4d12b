"""Leaders on the floor: plan visits to other teams, log them on a phone, follow up; the
coverage per leader per quarter; the visited team's one-question pulse."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.models import OrgUnit, UnitKind
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.programme import selectors
from klantcultuur.programme.access import (
    can_manage,
    get_pulse_visit_for_user,
    get_visit_for_user,
    get_visit_rw_for_user,
)
from klantcultuur.programme.forms import VisitLogForm, VisitPlanForm
from klantcultuur.programme.models import Noticed, VisitStatus
from klantcultuur.programme.services import visits as services

MAX_LISTED = 40


def _teams(request: MemberRequest):
    """Teams a leader may visit: every active team except their own."""
    return (
        OrgUnit.objects.filter(
            organization=request.organization, kind=UnitKind.TEAM, archived_at__isnull=True
        )
        .exclude(id__in=services.own_unit_ids(request.membership))
        .order_by("name")
    )


@member_required(methods=("GET", "POST"))
def visits(request: MemberRequest):
    """My visits (planned first) and a form to plan one; my own self-view next to the floor's."""
    membership = request.membership
    if not selectors.may_visit(membership):
        raise PermissionDenied
    today = timezone.localdate()
    form = VisitPlanForm(
        teams=_teams(request),
        initial={"questions": "\n".join(services.DEFAULT_QUESTIONS)},
    )
    if request.method == "POST":
        form = VisitPlanForm(request.POST, teams=_teams(request))
        if form.is_valid():
            try:
                visit = services.visit_plan(
                    organization=request.organization,
                    leader=membership,
                    by=membership,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The visit is planned."))
                return redirect("programme-visit", code=visit.uuid)
    mine = list(selectors.visits_of(membership)[:MAX_LISTED])
    coverage = selectors.visit_coverage(
        request.organization, day=today, list_limit=0, leader_ids={membership.id}
    )
    return render(
        request,
        "programme/visits.html",
        {
            "planned": [v for v in mine if v.status == VisitStatus.PLANNED],
            "done": [v for v in mine if v.status == VisitStatus.DONE],
            "form": form,
            "own": coverage.rows[0] if coverage.rows else None,
            "coverage": coverage,
            "today": today,
            "can_manage": can_manage(request),
        },
    )


@member_required(methods=("GET", "POST"))
def visit_detail(request: MemberRequest, code: UUID):
    """The visit: its questions, and after it the one-minute log (phone first)."""
    visit = get_visit_for_user(request, code)
    is_leader = visit.leader_id == request.membership.id
    form = VisitLogForm(
        initial={
            "heard": visit.heard,
            "outcome": visit.outcome,
            "follow_up": visit.follow_up,
            "follow_up_on": visit.follow_up_on,
            "self_noticed": visit.self_noticed,
        }
    )
    if request.method == "POST":
        visit = get_visit_rw_for_user(request, code)
        what = request.POST.get("do", "log")
        try:
            if what == "cancel":
                services.visit_cancel(visit=visit)
                messages.success(request, _("The visit is cancelled."))
                return redirect("programme-visits")
            if what == "followed_up":
                services.follow_up_done(visit=visit)
                return redirect("programme-visit", code=visit.uuid)
            form = VisitLogForm(request.POST)
            if form.is_valid():
                services.visit_log(visit=visit, by=request.membership, **form.cleaned_data)
                messages.success(request, _("Logged. Thank you for going to the floor."))
                return redirect("programme-visit", code=visit.uuid)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(
        request,
        "programme/visit.html",
        {
            "visit": visit,
            "form": form if is_leader and visit.status != VisitStatus.CANCELLED else None,
            "is_leader": is_leader,
            "today": timezone.localdate(),
        },
    )


def _quarter(value: str | None, today: date) -> date:
    """A day in the quarter asked for as "2026-4" (year-quarter); today's quarter otherwise."""
    try:
        year, quarter = (int(p) for p in (value or "").split("-"))
        if 2000 <= year <= 2100 and 1 <= quarter <= 4:
            return date(year, 3 * quarter - 2, 1)
    except ValueError:
        pass
    return today


@member_required(perm=Perm.MANAGE_PROGRAMME, methods=("GET",))
def coverage(request: MemberRequest):
    """Per leader per quarter: visits, teams visited, self-view next to the floor's view; the
    teams no leader visited."""
    today = timezone.localdate()
    day = _quarter(request.GET.get("q"), today)
    found = selectors.visit_coverage(request.organization, day=day)
    start = found.start
    previous = (
        date(start.year - 1, 10, 1) if start.month == 1 else date(start.year, start.month - 3, 1)
    )
    following = (
        date(start.year + 1, 1, 1) if start.month == 10 else date(start.year, start.month + 3, 1)
    )
    return render(
        request,
        "programme/visit_coverage.html",
        {
            "coverage": found,
            "quarter": (start.month - 1) // 3 + 1,
            "previous": f"{previous.year}-{(previous.month - 1) // 3 + 1}",
            "following": f"{following.year}-{(following.month - 1) // 3 + 1}"
            if following <= today
            else None,
            "min_group": request.organization.min_group_size,
        },
    )


@member_required(methods=("GET", "POST"))
def pulse(request: MemberRequest, code: UUID):
    """ "Heb je iets gemerkt van dit bezoek?": one anonymous answer per member of the team."""
    visit = get_pulse_visit_for_user(request, code)
    if request.method == "POST":
        try:
            noticed = int(request.POST.get("noticed", ""))
        except ValueError:
            noticed = None
        try:
            services.pulse_answer(visit=visit, membership=request.membership, noticed=noticed)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you. Your answer is anonymous."))
            return redirect("huddle-board", code=visit.unit.uuid)
    from klantcultuur.programme.models import PulseParticipation

    answered = PulseParticipation.objects.filter(
        visit=visit, membership=request.membership
    ).exists()
    is_open = not answered and services.pulse_open(
        visit, request.membership, today=timezone.localdate()
    )
    return render(
        request,
        "programme/pulse.html",
        {"visit": visit, "choices": Noticed.choices, "is_open": is_open, "answered": answered},
    )
