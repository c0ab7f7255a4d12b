"""Ambassadors: volunteer or nominate, the manager confirms with hours, the network view and
the CX lead's group e-mail."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.lib.tasks import enqueue
from klantcultuur.orgs.access import (
    get_membership_for_user,
    member_required,
)
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.programme import selectors
from klantcultuur.programme.access import get_ambassador_rw_for_user
from klantcultuur.programme.models import Ambassador, AmbassadorMessage, AmbassadorStatus
from klantcultuur.programme.services import ambassadors as services
from klantcultuur.programme.tasks import send_ambassador_message
from klantcultuur.programme.views.common import parse_uuid


def _flash(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@member_required(perm=Perm.MANAGE_PROGRAMME, methods=("GET",))
def network(request: MemberRequest):
    """Who the ambassadors are, what they did, where none is, and where resisters are many."""
    return render(
        request,
        "programme/network.html",
        {
            "network": selectors.ambassador_network(
                request.organization, request.membership, today=timezone.localdate()
            ),
            "sent": AmbassadorMessage.objects.filter(organization=request.organization)[:5],
        },
    )


@member_required(methods=("GET",))
def mine(request: MemberRequest):
    """My ambassador role (or volunteering for one); for managers: proposals to confirm."""
    membership = request.membership
    roles = list(
        Ambassador.objects.filter(membership=membership)
        .exclude(status=AmbassadorStatus.ENDED)
        .select_related("unit")
    )
    colleagues = []
    if membership.managed_unit_ids:
        from klantcultuur.orgs.models import Membership
        from klantcultuur.orgs.tree import UnitTree

        tree = UnitTree.for_organization(request.organization.id)
        ids = {u for m in membership.managed_unit_ids for u in tree.subtree_ids(m)}
        colleagues = list(
            Membership.objects.active()
            .filter(organization=request.organization, unit_id__in=ids)
            .select_related("user", "unit")
            .order_by("user__first_name")[:300]
        )
    return render(
        request,
        "programme/ambassador_mine.html",
        {
            "roles": roles,
            "to_confirm": selectors.ambassadors_to_confirm(membership),
            "colleagues": colleagues,
            "max_hours": services.MAX_HOURS,
        },
    )


@member_required(methods=("POST",))
def volunteer(request: MemberRequest):
    """Volunteer as ambassador of one's own unit."""
    membership = request.membership
    if membership.unit is None:
        messages.error(request, _("You have no unit yet; ask your manager."))
        return redirect("programme-ambassador-mine")
    try:
        services.ambassador_propose(
            organization=request.organization,
            membership=membership,
            unit=membership.unit,
            by=membership,
            motivation=request.POST.get("motivation", ""),
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Thank you. Your manager confirms and agrees the time."))
    return redirect("programme-ambassador-mine")


@member_required(methods=("POST",))
def nominate(request: MemberRequest):
    """A manager nominates a colleague as ambassador of a unit they manage."""
    code = parse_uuid(request.POST.get("membership"))
    if code is None:
        messages.error(request, _("Choose a colleague from your organisation."))
        return redirect("programme-ambassador-mine")
    colleague = get_membership_for_user(request, code)
    unit = colleague.unit
    if unit is None:
        messages.error(request, _("This colleague has no unit."))
        return redirect("programme-ambassador-mine")
    if not selectors.can_take_for(request.membership, unit):
        raise PermissionDenied
    try:
        services.ambassador_propose(
            organization=request.organization,
            membership=colleague,
            unit=unit,
            by=request.membership,
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Nominated. Confirm it below with the hours you agreed."))
    return redirect("programme-ambassador-mine")


@member_required(methods=("POST",))
def confirm(request: MemberRequest, code: UUID):
    ambassador = get_ambassador_rw_for_user(request, code)
    try:
        hours = int(request.POST.get("hours", ""))
    except ValueError:
        hours = None
    try:
        services.ambassador_confirm(ambassador=ambassador, by=request.membership, hours=hours)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Confirmed."))
    return redirect(
        (request.POST.get("next") == "network" and "programme-ambassadors")
        or "programme-ambassador-mine"
    )


@member_required(methods=("POST",))
def end(request: MemberRequest, code: UUID):
    ambassador = get_ambassador_rw_for_user(request, code)
    services.ambassador_end(ambassador=ambassador)
    messages.success(request, _("Stopped."))
    return redirect(
        (request.POST.get("next") == "network" and "programme-ambassadors")
        or "programme-ambassador-mine"
    )


@member_required(perm=Perm.MANAGE_PROGRAMME, methods=("POST",))
def message(request: MemberRequest):
    """E-mail every confirmed ambassador (in the background)."""
    try:
        stored = services.message_create(
            organization=request.organization,
            by=request.membership,
            subject=request.POST.get("subject", ""),
            body=request.POST.get("body", ""),
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        enqueue(send_ambassador_message, stored.id)
        messages.success(request, _("The message is being sent to the ambassadors."))
    return redirect("programme-ambassadors")
