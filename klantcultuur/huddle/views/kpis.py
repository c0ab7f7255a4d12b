"""The KPI catalogue, a team's KPIs (owner and target) and entering values."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.feedback.metrics import ZERO
from klantcultuur.huddle import boards
from klantcultuur.huddle.access import (
    can_steer,
    get_kpi_board_unit_rw_for_user,
    get_kpi_rw_for_user,
    get_team_kpi_for_user,
    get_team_kpi_rw_for_user,
    get_team_kpi_setup_for_user,
)
from klantcultuur.huddle.forms import KpiForm, TeamKpiAddForm, TeamKpiForm, ValueForm
from klantcultuur.huddle.models import Kpi, KpiValue, Period, TeamKpi
from klantcultuur.huddle.selectors import kpi_data_gaps, kpi_values
from klantcultuur.huddle.services import kpis as services
from klantcultuur.huddle.steering.days import lookback
from klantcultuur.huddle.templatetags.huddle_tags import kpi_number
from klantcultuur.huddle.views.common import back_to, board_day
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


# --- The catalogue -----------------------------------------------------------------------
@member_required(Perm.USE_HUDDLE, methods=("GET",))
def catalogue(request: MemberRequest):
    kpis = (
        Kpi.objects.filter(organization=request.organization)
        .annotate(teams=Count("team_kpis"))
        .order_by("archived_at", "position", "name")
    )
    return render(request, "huddle/kpi_list.html", {"kpis": kpis})


def _kpi_form_page(request: MemberRequest, form: KpiForm, kpi: Kpi | None):
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.kpi_save(kpi=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
            return redirect("huddle-kpis")
    return render(request, "huddle/kpi_form.html", {"form": form, "kpi": kpi})


@member_required(Perm.MANAGE_KPI_CATALOGUE)
def kpi_create(request: MemberRequest):
    form = KpiForm(request.POST or None, instance=Kpi(organization=request.organization))
    return _kpi_form_page(request, form, None)


@member_required(Perm.MANAGE_KPI_CATALOGUE)
def kpi_edit(request: MemberRequest, code: UUID):
    kpi = get_kpi_rw_for_user(request, code)
    form = KpiForm(request.POST or None, instance=kpi)
    return _kpi_form_page(request, form, kpi)


@member_required(Perm.MANAGE_KPI_CATALOGUE, methods=("POST",))
def kpi_archive(request: MemberRequest, code: UUID):
    kpi = get_kpi_rw_for_user(request, code)
    services.kpi_archive(kpi=kpi)
    messages.success(request, _("“%(name)s” is off every board.") % {"name": kpi.name})
    return redirect("huddle-kpis")


# --- A team's KPIs -------------------------------------------------------------------------
@member_required(Perm.MANAGE_KPIS)
def team_kpis(request: MemberRequest, code: UUID):
    """The KPIs on a team's board: add one with owner and target, change or remove them."""
    team = get_kpi_board_unit_rw_for_user(request, code)
    form = TeamKpiAddForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.team_kpi_add(team=team, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("“%(name)s” is on the board.") % {"name": added.kpi.name})
            gap = kpi_data_gaps(team, [added.kpi], timezone.localdate()).get(added.kpi.id)
            if gap:
                messages.warning(
                    request,
                    _("“%(name)s” will stay empty: %(reason)s")
                    % {"name": added.kpi.name, "reason": gap},
                )
            return redirect("huddle-team-kpis", code=team.uuid)
    rows = list(TeamKpi.objects.filter(team=team).select_related("kpi", "owner__user"))
    gaps = kpi_data_gaps(team, [row.kpi for row in rows], timezone.localdate())
    for row in rows:
        row.data_gap = gaps.get(row.kpi_id, "")
    return render(request, "huddle/team_kpis.html", {"team": team, "rows": rows, "form": form})


@member_required(Perm.MANAGE_KPIS)
def team_kpi_edit(request: MemberRequest, code: UUID):
    team_kpi = get_team_kpi_setup_for_user(request, code)
    initial = {"owner": team_kpi.owner, "target": team_kpi.target, "position": team_kpi.position}
    form = TeamKpiForm(request.POST or None, initial=initial, team=team_kpi.team)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_kpi_update(team_kpi=team_kpi, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": team_kpi.kpi.name})
            return redirect("huddle-team-kpis", code=team_kpi.team.uuid)
    return render(request, "huddle/team_kpi_form.html", {"team_kpi": team_kpi, "form": form})


@member_required(Perm.MANAGE_KPIS, methods=("POST",))
def team_kpi_remove(request: MemberRequest, code: UUID):
    team_kpi = get_team_kpi_setup_for_user(request, code)
    team_kpi.delete()  # its values stay with the KPI and the team
    messages.success(request, _("“%(name)s” is off the board.") % {"name": team_kpi.kpi.name})
    return redirect("huddle-team-kpis", code=team_kpi.team.uuid)


# --- Values --------------------------------------------------------------------------------
def _tile(request: MemberRequest, team_kpi: TeamKpi, day):
    """The board tile of one KPI as the board on `day` shows it (for the htmx swap)."""
    window = lookback(day)
    values = kpi_values(
        [team_kpi.team_id],
        [team_kpi.kpi_id],
        day - timedelta(days=boards.VALUE_HISTORY_DAYS),
        day - timedelta(days=1),
    )
    return boards.team_tiles(
        [team_kpi],
        organization=request.organization,
        window=window,
        day=day,
        figure_counts=lambda kpi: ZERO,  # a hand-entered KPI has no feedback counts
        values=values,
        cases=None,
        daily=[],
    )[0]


@member_required(Perm.USE_HUDDLE)
def value(request: MemberRequest, code: UUID):
    """Enter or correct a hand-entered value (the board tile posts here, htmx or not)."""
    if request.method == "POST":
        team_kpi = get_team_kpi_rw_for_user(request, code)
    else:
        team_kpi = get_team_kpi_for_user(request, code)
    board_date = board_day(request.POST.get("board_day") or request.GET.get("board_day"))
    if team_kpi.kpi.is_feedback:
        messages.info(request, _("This KPI is computed from customer feedback."))
        return redirect("huddle-board", code=team_kpi.team.uuid)
    default_day = boards.entry_day(team_kpi.kpi, lookback(board_date), board_date)
    wanted = board_day(request.GET.get("period")) if request.GET.get("period") else default_day
    current = KpiValue.objects.filter(
        team_id=team_kpi.team_id,
        kpi=team_kpi.kpi,
        period_start=services.period_for(team_kpi.kpi, wanted),
    ).first()
    initial = {"day": wanted, "value": current.value if current else None}
    form = ValueForm(request.POST or None, initial=initial)
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.kpi_value_set(
                team_kpi=team_kpi,
                day=form.cleaned_data["day"],
                value=form.cleaned_data["value"],
                by=request.membership,
            )
        except ValidationError as exc:
            form.add_error("value", exc)
    if request.htmx and request.method == "POST":
        tile = _tile(request, team_kpi, board_date)
        return render(
            request,
            "huddle/_tile.html",
            {
                "tile": tile,
                "day": board_date,
                "saved": saved,
                "tile_form": form,
                "board": {"can_steer": True, "unit": team_kpi.team},
                "wall": request.POST.get("wall"),
            },
        )
    if saved:
        messages.success(
            request,
            _("%(kpi)s: %(value)s saved.")
            % {"kpi": team_kpi.kpi.name, "value": kpi_number(saved.value, team_kpi.kpi)},
        )
        return back_to(request, "huddle-board", team_kpi.team.uuid)
    recent = KpiValue.objects.filter(team_id=team_kpi.team_id, kpi=team_kpi.kpi).order_by(
        "-period_start"
    )[:10]
    return render(
        request,
        "huddle/value_form.html",
        {
            "team_kpi": team_kpi,
            "form": form,
            "recent": recent,
            "can_enter": can_steer(request, team_kpi.team_id),
            "is_week": team_kpi.kpi.period == Period.WEEK,
        },
    )


@member_required(Perm.USE_HUDDLE, methods=("GET",))
def value_history(request: MemberRequest, code: UUID):
    """Every value of a team's KPI with its corrections (who, when, old → new)."""
    team_kpi = get_team_kpi_for_user(request, code)
    rows = (
        KpiValue.objects.filter(team_id=team_kpi.team_id, kpi=team_kpi.kpi)
        .filter(
            Q(corrections__gt=0) | Q(period_start__gte=timezone.localdate() - timedelta(days=120))
        )
        .prefetch_related("changes__changed_by__user")
        .order_by("-period_start")[:120]
    )
    return render(request, "huddle/value_history.html", {"team_kpi": team_kpi, "rows": rows})
