"""Sharing a quick win to other teams' dagstart boards, and the programme's block on a board
(loaded by the board through huddle's `BoardBlock` interface, see huddle/blocks.py)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.huddle.access import can_steer, get_action_rw_for_user, get_board_unit_for_user
from klantcultuur.huddle.views.common import board_day
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.models import OrgUnit, UnitKind
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.programme import selectors
from klantcultuur.programme.access import get_shared_win_rw_for_user
from klantcultuur.programme.models import SharedWin
from klantcultuur.programme.services import sharing as services


@member_required(perm=Perm.MANAGE_ACTIONS, methods=("GET", "POST"))
def share(request: MemberRequest, code: UUID):
    """Choose the teams whose boards show this quick win."""
    action = get_action_rw_for_user(request, code)
    teams = list(
        OrgUnit.objects.filter(
            organization=request.organization, kind=UnitKind.TEAM, archived_at__isnull=True
        )
        .exclude(id=action.team_id)
        .order_by("name")
    )
    if request.method == "POST":
        wanted = set(request.POST.getlist("units"))
        try:
            n = services.win_share(
                action=action,
                units=[t for t in teams if str(t.uuid) in wanted],
                by=request.membership,
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("On the board of %(n)d more team(s).") % {"n": n}
                if n
                else _("These teams already have it."),
            )
            return redirect("huddle-action", code=action.uuid)
    shared = set(SharedWin.objects.filter(action=action).values_list("unit_id", flat=True))
    return render(
        request,
        "programme/share.html",
        {"action": action, "teams": teams, "shared": shared},
    )


@member_required(perm=Perm.MANAGE_ACTIONS, methods=("POST",))
def shared_win(request: MemberRequest, code: UUID):
    """The receiving team copies the quick win as its own action, or takes it off its board."""
    shared = get_shared_win_rw_for_user(request, code)
    if request.POST.get("do") == "copy":
        copy = services.win_copy(shared=shared, by=request.membership)
        messages.success(request, _("Copied to your board as an improvement action."))
        return redirect("huddle-action", code=copy.uuid)
    services.win_hide(shared=shared)
    messages.success(request, _("Taken off your board."))
    return redirect("huddle-board", code=shared.unit.uuid)


@member_required(methods=("GET",))
def board_block(request: MemberRequest, code: UUID):
    """The programme's block on a team's board: shared quick wins, leaders' feedback after a
    visit and the pulse to answer. Empty when there is nothing (the placeholder goes away)."""
    unit = get_board_unit_for_user(request, code)
    news = selectors.board_news(unit, request.membership, today=board_day(request.GET.get("day")))
    if not news:
        return HttpResponse("")
    return render(
        request,
        "programme/_board_block.html",
        {
            "news": news,
            "unit": unit,
            "wall": request.GET.get("wall") == "1",
            "can_steer": can_steer(request, unit.id)
            and request.membership.has_perm(Perm.MANAGE_ACTIONS),
        },
    )
