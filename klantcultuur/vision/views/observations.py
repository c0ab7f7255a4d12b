"""Observations: record a colleague's behaviour on a phone; counts per behaviour, team, week."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import (
    get_membership_for_user,
    get_visible_unit_for_user,
    member_required,
)
from klantcultuur.orgs.models import Membership
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.vision import selectors
from klantcultuur.vision.access import get_behaviour_for_user
from klantcultuur.vision.forms import ObserveForm
from klantcultuur.vision.models import Observation
from klantcultuur.vision.scoring.chart import Week, week_chart
from klantcultuur.vision.services import behaviours as services
from klantcultuur.vision.views.common import flash_errors


def _colleagues(request: MemberRequest) -> tuple[list[Membership], list[Membership]]:
    """Own team, then everyone else of the organisation (the team on top on a phone)."""
    me = request.membership
    found = Membership.objects.active().filter(organization=request.organization)
    if me.unit is not None and me.unit.parent_id:
        # The own department: the people one works with, a list that fits on a phone.
        found = found.filter(Q(unit_id=me.unit_id) | Q(unit__parent_id=me.unit.parent_id))
    people = list(
        found.exclude(id=me.id)
        .select_related("user", "unit")
        .order_by("user__first_name", "user__last_name")[:400]
    )
    team = [m for m in people if me.unit_id and m.unit_id == me.unit_id]
    return team, [m for m in people if not (me.unit_id and m.unit_id == me.unit_id)]


@member_required()
def observe(request: MemberRequest):
    """Recognise a colleague: which behaviour, who, what happened (optional)."""
    me = request.membership
    behaviours = selectors.behaviours_for_unit(request.organization, me.unit)
    if request.method == "POST":
        form = ObserveForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a behaviour and the colleague who showed it."))
            return redirect("vision-observe")
        behaviour = get_behaviour_for_user(request, form.cleaned_data["behaviour"])
        shown_by = get_membership_for_user(request, form.cleaned_data["colleague"])
        try:
            services.observation_record(
                behaviour=behaviour, shown_by=shown_by, observer=me, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(
                request,
                _("Thank you! %(name)s sees your recognition.")
                % {"name": shown_by.user.first_name or shown_by.user},
            )
        return redirect("vision-observe")
    week = selectors.behaviour_of_the_week(me.unit, timezone.localdate()) if me.unit else None
    mine = list(
        Observation.objects.filter(organization=request.organization, shown_by=me).select_related(
            "behaviour", "observer__user"
        )[:5]
    )
    team, others = _colleagues(request)
    wanted = request.GET.get("behaviour", "")
    preselected = next((str(b.uuid) for b in behaviours if str(b.uuid) == wanted), None)
    if preselected is None and week is not None:
        preselected = str(week.behaviour.uuid)
    return render(
        request,
        "vision/observe.html",
        {
            "behaviours": behaviours,
            "team_colleagues": team,
            "other_colleagues": others,
            "week": week,
            "received": mine,
            "preselected": preselected,
        },
    )


@member_required(methods=("GET",))
def observation_stats(request: MemberRequest):
    """Observations per behaviour and week, in the units one may read (or one of them)."""
    visible = request.membership.visible_unit_ids()
    unit = None
    unit_ids: Collection[int] = visible
    if request.GET.get("unit"):
        try:
            unit = get_visible_unit_for_user(request, UUID(request.GET["unit"]))
        except ValueError:
            unit = None
        if unit is not None:
            unit_ids = set(
                UnitTree.for_organization(request.organization.id).subtree_ids(unit.id)
            ) & set(visible)
    today = timezone.localdate()
    counts = selectors.observation_counts(request.organization, unit_ids=unit_ids, today=today)
    series = counts.series()
    # The chart stacks by promise (a handful of colours a reader can tell apart); the list
    # beside it has every behaviour.
    promises: list = []
    for b in counts.behaviours:
        if b.promise not in promises:
            promises.append(b.promise)
    column = [promises.index(b.promise) for b in counts.behaviours]
    weeks = []
    for week, row in zip(counts.weeks, series, strict=True):
        per_promise = [0] * len(promises)
        for i, n in enumerate(row):
            per_promise[column[i]] += n
        weeks.append(Week(_("wk %(n)d") % {"n": week.isocalendar().week}, tuple(per_promise)))
    names = [p.title for p in promises]
    chart = (
        week_chart(
            weeks,
            names,
            title=_("Observations per week"),
            desc=_("%(total)d observations in %(weeks)d weeks, from %(first)s")
            % {
                "total": counts.total,
                "weeks": len(weeks),
                "first": date_format(counts.weeks[0], "j F Y"),
            },
        )
        if counts.total
        else ""
    )
    per_behaviour = [
        (b, sum(row[i] for row in series), [row[i] for row in series])
        for i, b in enumerate(counts.behaviours)
    ]
    per_behaviour.sort(key=lambda r: -r[1])
    most = max((r[1] for r in per_behaviour), default=1) or 1
    recent = list(
        Observation.objects.filter(
            organization=request.organization, unit_id__in=list(unit_ids)
        ).select_related("behaviour", "shown_by__user", "observer__user", "unit")[:12]
    )
    units = [u for u, _n in counts.per_unit]
    return render(
        request,
        "vision/observations.html",
        {
            "chart": chart,
            "counts": counts,
            "unit": unit,
            "recent": recent,
            "most": most,
            "per_behaviour": [(b, n, round(100 * n / most)) for b, n, _w in per_behaviour],
            "per_unit": counts.per_unit[:15],
            "units": units,
        },
    )
