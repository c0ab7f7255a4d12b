"""Programme overview per organisation and per unit: phase and trend over waves, the
holding-back component, open and done steps."""

from __future__ import annotations

from uuid import UUID

from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import get_visible_unit_for_user, member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.programme import selectors
from klantcultuur.programme.access import can_manage
from klantcultuur.programme.models import StepStatus
from klantcultuur.programme.progress import phase_chart
from klantcultuur.programme.views.common import chart_texts, phase_names
from klantcultuur.scan.reporting.gate import ROOT_KEY

OPEN_STEPS_SHOWN = 30


def _page(request: MemberRequest, unit=None) -> dict:
    org = request.organization
    history = selectors.phases_over_waves(org, request.membership)
    keys = selectors.subtree_keys(org, unit)
    own_key = str(unit.uuid) if unit else ROOT_KEY
    points = selectors.phase_points(history, own_key=own_key, keys=keys)
    title = (
        _("Maturity phases of %(unit)s over the waves") % {"unit": unit.name}
        if unit
        else _("Maturity phases of the units over the waves")
    )
    chart = phase_chart(points, phase_names=phase_names(), title=title, **chart_texts())
    rows = selectors.unit_rows(org, history, keys=keys)
    own = next((r for r in rows if r.key == own_key), None)
    unit_ids = None
    if unit is not None:
        unit_ids = set(UnitTree.for_organization(org.id).subtree_ids(unit.id))
    elif not request.membership.has_perm(Perm.VIEW_ALL_UNITS):
        unit_ids = set(request.membership.visible_unit_ids())
    steps = selectors.steps_of(org, unit_ids=unit_ids, organisation_wide=unit is None)
    open_steps = list(steps.filter(status=StepStatus.OPEN)[:OPEN_STEPS_SHOWN])
    return {
        "unit": unit,
        "chart": mark_safe(chart),
        "history": history,
        "own": own,
        "rows": [r for r in rows if r.key != own_key],
        "open_steps": open_steps,
        "n_open": steps.filter(status=StepStatus.OPEN).count(),
        "n_done": steps.filter(status=StepStatus.DONE).count(),
        "latest_wave": history[-1].wave if history else None,
        "can_manage": can_manage(request),
        "phase_names": phase_names(),
        "today": timezone.localdate(),
    }


@member_required(perm=Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def home(request: MemberRequest):
    """The organisation's programme: where it stands and what is being done about it."""
    return render(request, "programme/overview.html", _page(request))


@member_required(perm=Perm.VIEW_SCAN_REPORTS, methods=("GET",))
def unit_overview(request: MemberRequest, code: UUID):
    """One unit's programme (with the units below it)."""
    unit = get_visible_unit_for_user(request, code)
    return render(request, "programme/overview.html", _page(request, unit))
