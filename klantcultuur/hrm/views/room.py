"""Room to decide (beslisruimte) per role, and its block on a team's dagstart board."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.hrm import access, selectors
from klantcultuur.hrm.forms import RoomForm
from klantcultuur.hrm.services import onboarding as services
from klantcultuur.orgs.access import get_visible_unit_for_user, member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.VIEW_ALL_UNITS)
def rooms(request: MemberRequest):
    can_edit = request.membership.has_perm(Perm.MANAGE_PEOPLE)
    form = RoomForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            messages.error(request, _("Only HR and administrators set the room to decide."))
            return redirect("hrm-rooms")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.room_add(
                    organization=request.organization,
                    role=data["role"],
                    job_title=data["job_title"],
                    what=data["what"],
                    amount=data["amount"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("hrm-rooms")
    wave, seen = selectors.empowerment_seen(request.organization, request.membership)
    return render(
        request,
        "hrm/rooms.html",
        {
            "roles": selectors.rooms_of(request.organization),
            "form": form,
            "can_edit": can_edit,
            "wave": wave,
            "seen": seen,
            "tab": "rooms",
        },
    )


@member_required(Perm.MANAGE_PEOPLE, methods=("POST",))
def room_delete(request: MemberRequest, code: UUID):
    room = access.get_room_rw_for_user(request, code)
    services.room_delete(room=room)
    messages.success(request, _("Removed."))
    return redirect("hrm-rooms")


@member_required(methods=("GET",))
def room_block(request: MemberRequest, code: UUID):
    """The team's room to decide, loaded by the dagstart board (htmx) so that the board's own
    page reads nothing of this app."""
    unit = get_visible_unit_for_user(request, code)
    return render(
        request,
        "hrm/_room_block.html",
        {"groups": selectors.room_for_unit(unit), "wall": request.GET.get("wall") == "1"},
    )
