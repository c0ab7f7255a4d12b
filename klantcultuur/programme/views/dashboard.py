"""The programme dashboard for the board and the CX lead: one page, a fixed number of queries."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from klantcultuur.huddle.selectors import dagstart_adoption
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.programme import selectors
from klantcultuur.programme.progress import adoption_chart, phase_chart
from klantcultuur.programme.views.common import chart_texts, phase_names
from klantcultuur.scan.reporting.gate import ROOT_KEY


@member_required(perm=Perm.MANAGE_PROGRAMME, methods=("GET",))
def dashboard(request: MemberRequest):
    org, today = request.organization, timezone.localdate()
    history = selectors.phases_over_waves(org, request.membership)
    points = selectors.phase_points(
        history, own_key=ROOT_KEY, keys=selectors.subtree_keys(org, None)
    )
    phases_svg = phase_chart(
        points,
        phase_names=phase_names(),
        title=_("Maturity phases of the units over the waves"),
        **chart_texts(),
    )
    adoption = dagstart_adoption(org, today=today)
    adoption_svg = adoption_chart(
        [date_format(d, "j M") for d in adoption.days],
        adoption.held,
        adoption.teams,
        title=_("Teams that held a dagstart, per working day"),
    )
    return render(
        request,
        "programme/dashboard.html",
        {
            "vision": selectors.vision_figures(org, today=today),
            "adoption": adoption,
            "adoption_chart": mark_safe(adoption_svg),
            "phases_chart": mark_safe(phases_svg),
            "matrix": selectors.phase_matrix(org, history),
            "waves": [h.wave for h in history],
            "steps": selectors.step_totals(org, today=today),
            "ambassadors": selectors.ambassador_coverage(org),
            "quick_wins": selectors.quick_win_totals(org),
            # Totals only (no leader rows): the coverage page breaks them down.
            "visits": selectors.visit_coverage(org, day=today, list_limit=0, leader_ids=()),
        },
    )
