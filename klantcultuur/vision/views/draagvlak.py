"""Draagvlak: who carries the published vision, per layer and unit; my answer; objections."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.lib.tasks import enqueue
from klantcultuur.orgs.access import get_unit_for_user, member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.vision import selectors
from klantcultuur.vision.access import (
    can_manage,
    get_endorsement_for_user,
    get_endorsement_rw_for_user,
    get_objection_rw_for_user,
    require_draagvlak,
)
from klantcultuur.vision.forms import EndorseForm, RespondForm
from klantcultuur.vision.models import Endorsement, EndorsementStatus
from klantcultuur.vision.models.endorsements import Layer
from klantcultuur.vision.services import endorsements as services
from klantcultuur.vision.tasks import send_endorsement_reminders
from klantcultuur.vision.views.common import flash_errors

PAGE = 50


@member_required(methods=("GET",))
def overview(request: MemberRequest):
    """Per layer and per division/department: who carries it, who has not answered, open
    objections; below, one page of managers (filter by layer, answer, unit)."""
    require_draagvlak(request)
    version = selectors.published_version(request.organization, with_promises=False)
    if version is None:
        return render(request, "vision/draagvlak.html", {"version": None})
    layer = request.GET.get("layer", "")
    layer = layer if layer in Layer.values else ""
    status = request.GET.get("status", "")
    status = status if status in EndorsementStatus.values else ""
    unit = None
    unit_ids = None
    if request.GET.get("unit"):
        try:
            unit = get_unit_for_user(request, UUID(request.GET["unit"]))
        except ValueError:
            unit = None
        if unit is not None:
            unit_ids = UnitTree.for_organization(request.organization.id).subtree_ids(unit.id)
    try:
        # Bounded: a huge number would overflow the database's OFFSET.
        page = min(max(1, int(request.GET.get("page", "1"))), 1_000_000)
    except ValueError:
        page = 1
    summary = selectors.draagvlak(version)
    rows, count = selectors.endorsement_rows(
        version,
        layer=layer,
        status=status,
        unit_ids=unit_ids,
        offset=(page - 1) * PAGE,
        limit=PAGE,
        count=summary.count(layer=layer, status=status, unit_ids=unit_ids),
    )
    previous = selectors.previous_answers(version, [r.manager_id for r in rows])
    for row in rows:
        row.previous_status = previous.get(row.manager_id)
    return render(
        request,
        "vision/draagvlak.html",
        {
            "version": version,
            "summary": summary,
            "rows": rows,
            "count": count,
            "page": page,
            "pages": (count + PAGE - 1) // PAGE,
            "layer": layer,
            "status": status,
            "unit": unit,
            "layers": Layer.choices,
            "statuses": EndorsementStatus.choices,
            "can_manage": can_manage(request),
        },
    )


@member_required(Perm.MANAGE_VISION, methods=("POST",))
def remind(request: MemberRequest):
    version = selectors.published_version(request.organization)
    if version is None:
        messages.error(request, _("There is no published vision yet."))
        return redirect("vision-draagvlak")
    enqueue(send_endorsement_reminders, version.id)
    messages.success(request, _("Reminders are being sent to managers who have not answered."))
    return redirect("vision-draagvlak")


@member_required(methods=("GET",))
def mine(request: MemberRequest):
    """My endorsement of the published vision (a manager is asked; others see why not)."""
    version = selectors.published_version(request.organization)
    endorsement = None
    if version is not None:
        endorsement = Endorsement.objects.filter(
            version=version, manager=request.membership
        ).first()
    if endorsement is not None:
        return redirect("vision-endorsement", code=endorsement.uuid)
    return render(request, "vision/endorse_none.html", {"version": version})


@member_required(methods=("GET",))
def detail(request: MemberRequest, code: UUID):
    endorsement = get_endorsement_for_user(request, code)
    own = endorsement.manager_id == request.membership.id
    initial = {
        "status": endorsement.status if endorsement.status != "pending" else "",
        "remark": endorsement.remark,
    }
    return render(
        request,
        "vision/endorsement.html",
        {
            "endorsement": endorsement,
            "version": endorsement.version,
            "promises": list(endorsement.version.promises.all()),
            "own": own,
            "form": EndorseForm(initial=initial) if own else None,
            "respond_form": RespondForm()
            if can_manage(request) and endorsement.is_open_objection
            else None,
        },
    )


@member_required(methods=("POST",))
def answer(request: MemberRequest, code: UUID):
    endorsement = get_endorsement_rw_for_user(request, code)
    form = EndorseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the answers."))
        return redirect("vision-endorsement", code=endorsement.uuid)
    try:
        services.endorsement_answer(endorsement=endorsement, **form.cleaned_data)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Thank you: your answer is recorded."))
    return redirect("vision-endorsement", code=endorsement.uuid)


@member_required(Perm.MANAGE_VISION, methods=("POST",))
def respond(request: MemberRequest, code: UUID):
    endorsement = get_objection_rw_for_user(request, code)
    form = RespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your answer."))
        return redirect("vision-endorsement", code=endorsement.uuid)
    try:
        services.objection_respond(
            endorsement=endorsement, by=request.membership, **form.cleaned_data
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Your answer is sent."))
    return redirect("vision-endorsement", code=endorsement.uuid)
