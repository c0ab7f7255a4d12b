"""The boards: the chooser, a team's dagstart (also as a wall screen), tier boards, history."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.feedback.access import get_record_for_user
from klantcultuur.huddle import boards
from klantcultuur.huddle.access import (
    can_steer,
    get_board_unit_for_user,
    get_board_unit_rw_for_user,
    kpi_unit_ids,
    visible_ids,
)
from klantcultuur.huddle.forms import EscalationForm, HuddleForm
from klantcultuur.huddle.models import Huddle
from klantcultuur.huddle.selectors import unit_members
from klantcultuur.huddle.services import escalations as escalation_services
from klantcultuur.huddle.services import huddles as huddle_services
from klantcultuur.huddle.views.common import back_to, board_day
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.models import Membership, OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.orgs.tree import UnitTree

REFRESH_SECONDS = 60


@member_required(Perm.USE_HUDDLE, methods=("GET",))
def home(request: MemberRequest):
    """One's own team's board, or a choice of the boards one may open."""
    visible = visible_ids(request)
    membership = request.membership
    if membership.unit is not None and visible == {membership.unit_id}:
        return redirect("huddle-board", code=membership.unit.uuid)
    tree = UnitTree.for_organization(request.organization.id, include_archived=False)
    units = OrgUnit.objects.in_bulk([n.id for n, _d in tree.walk() if n.id in visible])
    rows = [
        {
            "unit": units[node.id],
            "depth": depth,
            "indent": range(depth),
            "is_team": not tree.children.get(node.id),
        }
        for node, depth in tree.walk()
        if node.id in units
    ]
    return render(
        request,
        "huddle/home.html",
        {
            "rows": rows,
            "own_unit": membership.unit if membership.unit_id in visible else None,
            "can_see_organisation": membership.has_perm(Perm.VIEW_ALL_UNITS),
        },
    )


def _has_children(unit: OrgUnit) -> bool:
    return OrgUnit.objects.filter(parent=unit, archived_at__isnull=True).exists()


def _render_board(request: MemberRequest, unit: OrgUnit, *, wall: bool):
    day = board_day(request.GET.get("day"))
    steer = can_steer(request, unit.id)
    context = {
        "day": day,
        "wall": wall,
        "layout": "huddle/wall_base.html" if wall else "base.html",
        "refresh_seconds": REFRESH_SECONDS,
        "escalation_form": EscalationForm(initial={"day": day}),
        "can_set_up_kpis": unit.id in kpi_unit_ids(request.membership),
    }
    board: boards.TierBoard | boards.TeamBoard
    if _has_children(unit):
        board = boards.unit_board(
            unit=unit, day=day, organization=request.organization, can_steer=steer
        )
        template = "huddle/tier.html"
    else:
        board = boards.team_board(
            unit=unit, day=day, organization=request.organization, can_steer=steer
        )
        template = "huddle/board.html"
    context["board"] = board
    # The breadcrumb links the unit above only for those who may open its board.
    context["parent_visible"] = unit.parent_id in visible_ids(request)
    context["record_form"] = HuddleForm(
        initial={
            "day": day,
            "attendees": list(board.attendee_ids),
            "note": board.huddle.note if board.huddle else "",
        },
        members=board.members,
    )
    if request.htmx and request.GET.get("part") == "figures":
        template += "#figures"
    return render(request, template, context)


@member_required(Perm.USE_HUDDLE, methods=("GET",))
def board(request: MemberRequest, code: UUID):
    unit = get_board_unit_for_user(request, code)
    return _render_board(request, unit, wall=False)


@member_required(Perm.USE_HUDDLE, methods=("GET",))
def dagstart(request: MemberRequest, code: UUID):
    """The same board for a wall screen or tablet: large type, refreshes itself."""
    unit = get_board_unit_for_user(request, code)
    return _render_board(request, unit, wall=True)


@member_required(Perm.VIEW_ALL_UNITS, methods=("GET",))
def organization_board(request: MemberRequest):
    day = board_day(request.GET.get("day"))
    board = boards.organization_board(
        organization=request.organization, day=day, can_steer=can_steer(request, None)
    )
    return render(request, "huddle/organisation.html", {"board": board, "day": day})


def _board_url(unit: OrgUnit, day, wall: bool = False) -> str:
    name = "huddle-dagstart" if wall else "huddle-board"
    return f"{reverse(name, args=[unit.uuid])}?day={day.isoformat()}"


@member_required(Perm.USE_HUDDLE, methods=("POST",))
def record(request: MemberRequest, code: UUID):
    """Save the attendance and note of a unit's dagstart on a day."""
    unit = get_board_unit_rw_for_user(request, code)
    members = unit_members(unit)
    form = HuddleForm(request.POST, members=members)
    saved = None
    if form.is_valid():
        try:
            saved = huddle_services.huddle_save(
                unit=unit,
                day=form.cleaned_data["day"],
                attendee_ids=form.cleaned_data["attendees"],
                note=form.cleaned_data["note"],
                by=request.membership,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
    if request.htmx:
        return render(
            request,
            "huddle/_record.html",
            {
                "record_form": form,
                "board": {"unit": unit, "members": members, "can_steer": True},
                "saved": saved,
                "day": form.cleaned_data.get("day") if form.is_bound else None,
            },
        )
    if saved:
        messages.success(request, _("The dagstart is saved."))
        return back_to(request, "huddle-board", unit.uuid)
    messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
    return back_to(request, "huddle-board", unit.uuid)


@member_required(Perm.USE_HUDDLE, methods=("POST",))
def story(request: MemberRequest, code: UUID):
    """Choose (or clear) the customer story the dagstart opens with."""
    unit = get_board_unit_rw_for_user(request, code)
    day = board_day(request.POST.get("day"))
    chosen = request.POST.get("feedback")
    record = get_record_for_user(request, chosen) if chosen else None
    try:
        huddle_services.huddle_choose_story(
            unit=unit, day=day, record=record, by=request.membership
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The story of the day is chosen.") if record else _("No story chosen.")
        )
    return back_to(request, "huddle-board", unit.uuid)


@member_required(Perm.USE_HUDDLE, methods=("POST",))
def escalate(request: MemberRequest, code: UUID):
    """Send something the team cannot solve itself one tier up."""
    unit = get_board_unit_rw_for_user(request, code)
    form = EscalationForm(request.POST)
    if form.is_valid():
        try:
            escalation_services.escalation_raise(
                unit=unit,
                text=form.cleaned_data["text"],
                day=form.cleaned_data["day"],
                by=request.membership,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            target = unit.parent.name if unit.parent is not None else request.organization.name
            messages.success(request, _("Escalated to %(unit)s.") % {"unit": target})
    else:
        messages.error(request, _("Say what the team needs."))
    return back_to(request, "huddle-board", unit.uuid)


@member_required(Perm.USE_HUDDLE, methods=("GET",))
def history(request: MemberRequest, code: UUID):
    """Past dagstarts of a unit: who was there, the note, the story."""
    unit = get_board_unit_for_user(request, code)
    huddles = (
        Huddle.objects.filter(unit=unit, day__lte=timezone.localdate())
        .select_related("story", "updated_by__user")
        .prefetch_related(
            Prefetch(
                "attendees",
                queryset=Membership.objects.select_related("user").order_by(
                    "user__first_name", "user__last_name"
                ),
            )
        )
        .order_by("-day")
    )
    page = Paginator(huddles, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "huddle/history.html",
        {
            "unit": unit,
            "page": page,
            "team_size": len(unit_members(unit)),
            "since": timezone.localdate() - timedelta(days=90),
        },
    )


def require_board_steer(request: MemberRequest, unit: OrgUnit) -> None:
    if not can_steer(request, unit.id):
        raise PermissionDenied
