"""From a finding to a next step: the catalogue for a component, taking a step, the steps."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.huddle.selectors import dagstart_adoption
from klantcultuur.orgs.access import get_visible_unit_for_user, member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.programme import selectors
from klantcultuur.programme.access import (
    can_manage,
    get_step_for_user,
    get_step_rw_for_user,
    get_template_for_user,
)
from klantcultuur.programme.forms import StepForm, TakeStepForm
from klantcultuur.programme.models import Component, StepStatus
from klantcultuur.programme.services import steps as services
from klantcultuur.programme.views.common import parse_uuid, tool_url
from klantcultuur.scan.models import Wave

PAGE = 100


def _context_objects(request: MemberRequest, data) -> tuple:
    """The unit and wave a finding came from (query string or form), checked for access."""
    unit = None
    code = parse_uuid(data.get("unit"))
    if code is not None:
        unit = get_visible_unit_for_user(request, code)
    wave = None
    wave_code = parse_uuid(data.get("wave"))
    if wave_code is not None:
        wave = Wave.objects.filter(organization=request.organization, uuid=wave_code).first()
    return unit, wave


@member_required(perm=Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def next_steps(request: MemberRequest):
    """What to do about a component that holds a unit back: the organisation's catalogue."""
    services.catalogue_ensure(organization=request.organization)
    component = request.GET.get("component", "")
    component = component if component in Component.values else ""
    unit, wave = _context_objects(request, request.GET)
    templates = selectors.catalogue(request.organization)
    groups = [
        (value, label, [t for t in templates if t.component == value])
        for value, label in Component.choices
        if not component or value == component
    ]
    others = [(v, label) for v, label in Component.choices if v != component] if component else []
    adoption = None
    if component in ("", "STU"):
        from klantcultuur.orgs.tree import UnitTree

        unit_ids = None
        if unit is not None:
            unit_ids = set(UnitTree.for_organization(request.organization.id).subtree_ids(unit.id))
        adoption = dagstart_adoption(
            request.organization, today=timezone.localdate(), unit_ids=unit_ids, list_without=12
        )
    may_take = selectors.can_take_for(request.membership, unit)
    form = (
        TakeStepForm(owners=selectors.possible_owners(request.organization)) if may_take else None
    )
    return render(
        request,
        "programme/next_steps.html",
        {
            "component": component,
            "component_label": Component(component).label if component else None,
            "unit": unit,
            "wave": wave,
            "groups": groups,
            "others": others,
            "tools": {t.id: tool_url(t.tool) for t in templates},
            "adoption": adoption,
            "form": form,
            "can_manage": can_manage(request),
        },
    )


@member_required(perm=Perm.VIEW_SCAN_REPORTS, methods=("POST",))
def take(request: MemberRequest, code: UUID):
    """Take a catalogue step for a unit (or the organisation): owner and due date."""
    template = get_template_for_user(request, code)
    unit, wave = _context_objects(request, request.POST)
    if not selectors.can_take_for(request.membership, unit):
        raise PermissionDenied
    form = TakeStepForm(request.POST, owners=selectors.possible_owners(request.organization))
    back = redirect_to_steps(template.component, unit, wave)
    if not form.is_valid():
        messages.error(request, _("Choose an owner and a due date."))
        return back
    try:
        step = services.step_take(
            organization=request.organization,
            by=request.membership,
            template=template,
            unit=unit,
            wave=wave,
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return back
    messages.success(request, _("The step is on the list, with its owner and due date."))
    return redirect("programme-step", code=step.uuid)


def redirect_to_steps(component: str, unit, wave):
    from urllib.parse import urlencode

    from django.urls import reverse

    query = {"component": component}
    if unit is not None:
        query["unit"] = str(unit.uuid)
    if wave is not None:
        query["wave"] = str(wave.uuid)
    return redirect(f"{reverse('programme-next-steps')}?{urlencode(query)}")


@member_required(perm=Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def step_list(request: MemberRequest):
    """Every step taken: open first, by due date."""
    status = request.GET.get("status", "")
    status = status if status in StepStatus.values else ""
    unit_ids = None
    if not request.membership.has_perm(Perm.VIEW_ALL_UNITS):
        unit_ids = set(request.membership.visible_unit_ids())
    steps = selectors.steps_of(request.organization, unit_ids=unit_ids, status=status or None)
    return render(
        request,
        "programme/steps.html",
        {
            "steps": steps[:PAGE],
            "status": status,
            "statuses": StepStatus.choices,
            "today": timezone.localdate(),
        },
    )


@member_required(methods=("GET", "POST"))
def step_detail(request: MemberRequest, code: UUID):
    """One step: what, for which unit, from which finding; its owner changes or closes it."""
    step = get_step_for_user(request, code)
    may_change = step.owner_id == request.membership.id or selectors.can_take_for(
        request.membership, step.unit
    )
    owners = selectors.possible_owners(request.organization, also=step.owner_id)
    if request.method == "POST":
        step = get_step_rw_for_user(request, code)
        form = StepForm(request.POST, owners=owners)
        if form.is_valid():
            try:
                services.step_update(step=step, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The step is saved."))
                return redirect("programme-step", code=step.uuid)
    else:
        form = StepForm(
            owners=owners,
            initial={
                "owner": step.owner.uuid if step.owner else None,
                "due_on": step.due_on,
                "status": step.status,
                "note": step.note,
            },
        )
    return render(
        request,
        "programme/step.html",
        {
            "step": step,
            "form": form if may_change else None,
            "tool": tool_url(step.template.tool) if step.template else None,
            "today": timezone.localdate(),
        },
    )
