"""Quick wins: improvement actions marked as such, on a wall with their measured effect and
the customer's words behind them, so support grows visibly."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.huddle.access import get_action_rw_for_user
from klantcultuur.orgs.access import get_visible_unit_for_user, member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.programme import selectors
from klantcultuur.programme.services.quickwins import quick_win_set
from klantcultuur.programme.views.common import parse_uuid


@member_required(methods=("GET",))
def wall(request: MemberRequest):
    """Per organisation (or unit): quick wins, newest first, with effect and customer words."""
    unit = None
    code = parse_uuid(request.GET.get("unit"))
    if code is not None:
        unit = get_visible_unit_for_user(request, code)
    if unit is not None:
        unit_ids = set(UnitTree.for_organization(request.organization.id).subtree_ids(unit.id))
    elif request.membership.has_perm(Perm.VIEW_ALL_UNITS):
        unit_ids = None
    else:
        unit_ids = set(request.membership.visible_unit_ids())
    return render(
        request,
        "programme/quick_wins.html",
        {
            "unit": unit,
            "wins": selectors.quick_wins(request.organization, unit_ids=unit_ids),
        },
    )


@member_required(perm=Perm.MANAGE_ACTIONS, methods=("POST",))
def toggle(request: MemberRequest, code: UUID):
    """Mark an improvement action as a quick win (or not): those who steer its team."""
    action = get_action_rw_for_user(request, code)
    quick_win_set(action=action, value=not action.is_quick_win)
    messages.success(
        request, _("Marked as quick win.") if action.is_quick_win else _("No longer a quick win.")
    )
    return redirect("huddle-action", code=action.uuid)
