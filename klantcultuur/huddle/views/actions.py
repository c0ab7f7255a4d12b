"""Improvement actions: the team's list, the A3 page, creating, editing, PDCA steps."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klantcultuur.feedback.access import get_record_for_user
from klantcultuur.huddle import checks
from klantcultuur.huddle.access import (
    can_steer,
    get_action_for_user,
    get_action_rw_for_user,
    get_board_unit_for_user,
    get_board_unit_rw_for_user,
    get_team_kpi_for_user,
)
from klantcultuur.huddle.forms import ActionForm, MoveForm
from klantcultuur.huddle.models import ActionOrigin, ActionState, ImprovementAction
from klantcultuur.huddle.selectors import kpi_data_gaps
from klantcultuur.huddle.services import actions as services
from klantcultuur.huddle.steering import pdca
from klantcultuur.lib.params import uuid_or_404
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm

MOVE_LABELS = {
    pdca.Move.START: gettext_lazy("Start: put it into action"),
    pdca.Move.CHECK: gettext_lazy("Check the effect"),
    pdca.Move.RESUME: gettext_lazy("Not done yet: back to do"),
    pdca.Move.ACT: gettext_lazy("Decide: act"),
    pdca.Move.STANDARDISE: gettext_lazy("Standardise and close"),
    pdca.Move.NEW_CYCLE: gettext_lazy("Start a new cycle"),
    pdca.Move.STOP: gettext_lazy("Stop this action"),
}


@member_required(Perm.USE_HUDDLE, methods=("GET",))
def team_actions(request: MemberRequest, code: UUID):
    team = get_board_unit_for_user(request, code)
    state = request.GET.get("state", "open")
    actions = ImprovementAction.objects.filter(team=team).select_related("owner__user", "kpi")
    if state == "open":
        actions = actions.exclude(state=ActionState.CLOSED)
    elif state in ActionState.values:
        actions = actions.filter(state=state)
    return render(
        request,
        "huddle/action_list.html",
        {
            "team": team,
            "actions": actions.order_by("state", "due_date", "created_at"),
            "state": state,
            "states": ActionState.choices,
            "today": timezone.localdate(),
            "can_steer": can_steer(request, team.id),
        },
    )


def _warn_no_data(request: MemberRequest, action: ImprovementAction) -> None:
    """An action measured on a KPI the team gets no figures for can never show its effect."""
    if action.kpi is None:
        return
    gap = kpi_data_gaps(action.team, [action.kpi], timezone.localdate()).get(action.kpi.id)
    if gap:
        messages.warning(
            request,
            _("Its effect cannot be checked on “%(name)s”: %(reason)s")
            % {"name": action.kpi.name, "reason": gap},
        )


@member_required(Perm.MANAGE_ACTIONS)
def action_create(request: MemberRequest, code: UUID):
    """A new action by hand, from a customer's improvement point (?feedback=) or from a KPI
    that misses its target (?kpi=, a team KPI)."""
    team = get_board_unit_rw_for_user(request, code)
    action = ImprovementAction(team=team, organization=request.organization)
    initial: dict[str, Any] = {}
    source = request.POST.get("feedback") or request.GET.get("feedback")
    if source:
        record = get_record_for_user(request, source)
        if record.team_id != team.id:
            raise Http404
        action.feedback, action.origin = record, ActionOrigin.FEEDBACK
        points = [s.text for s in record.sentences.filter(label="improvement")]
        initial["problem"] = " ".join(points) or record.reason
    team_kpi_code = request.POST.get("from_kpi") or request.GET.get("kpi")
    if team_kpi_code:
        team_kpi = get_team_kpi_for_user(request, uuid_or_404(team_kpi_code))
        action.kpi, action.origin = team_kpi.kpi, ActionOrigin.KPI
        initial.update(kpi=team_kpi.kpi, title=_("Improve %(kpi)s") % {"kpi": team_kpi.kpi.name})
        if team_kpi.effective_target is not None:
            initial["target"] = _("%(kpi)s meets its target again.") % {"kpi": team_kpi.kpi.name}
    form = ActionForm(request.POST or None, instance=action, initial=initial, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.action_create(action=form.save(commit=False), by=request.membership)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The action is planned."))
            _warn_no_data(request, created)
            return redirect("huddle-action", code=created.uuid)
    return render(
        request,
        "huddle/action_form.html",
        {
            "form": form,
            "team": team,
            "action": None,
            "source": action.feedback,
            "from_kpi": team_kpi_code or "",
        },
    )


@member_required(Perm.USE_HUDDLE, methods=("GET",))
def action_detail(request: MemberRequest, code: UUID):
    action = get_action_for_user(request, code)
    steer = can_steer(request, action.team_id) and request.membership.has_perm(Perm.MANAGE_ACTIONS)
    moves = [(m.value, MOVE_LABELS[m]) for m in pdca.allowed_moves(action.state)] if steer else []
    return render(
        request,
        "huddle/action_detail.html",
        {
            "action": action,
            "moves": moves,
            "can_steer": steer,
            "checks": list(action.checks.select_related("kpi")[:5]),
            "events": action.events.select_related("by__user"),
            "next_cycles": action.next_cycles.all(),
            "can_check": checks.can_check(action.kpi),
            "steps": [(s, label, pdca.step(s)) for s, label in ActionState.choices],
            "step": pdca.step(action.state),
            "today": timezone.localdate(),
            "data_gap": kpi_data_gaps(action.team, [action.kpi], timezone.localdate()).get(
                action.kpi.id
            )
            if action.kpi
            else "",
        },
    )


@member_required(Perm.MANAGE_ACTIONS)
def action_edit(request: MemberRequest, code: UUID):
    action = get_action_rw_for_user(request, code)
    form = ActionForm(request.POST or None, instance=action, team=action.team)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The action is saved."))
            _warn_no_data(request, action)
            return redirect("huddle-action", code=action.uuid)
    return render(
        request,
        "huddle/action_form.html",
        {"form": form, "team": action.team, "action": action, "source": action.feedback},
    )


@member_required(Perm.MANAGE_ACTIONS, methods=("POST",))
def action_move(request: MemberRequest, code: UUID):
    """A PDCA step: start, check (with the effect check), resume, act, standardise, new
    cycle, stop."""
    action = get_action_rw_for_user(request, code)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This step is not possible in the current state."))
        return redirect("huddle-action", code=action.uuid)
    try:
        result = services.action_move(action=action, by=request.membership, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("huddle-action", code=action.uuid)
    if result.pk != action.pk:
        messages.success(request, _("A new cycle starts: plan it."))
        return redirect("huddle-action-edit", code=result.uuid)
    messages.success(
        request, _("The action is now in “%(state)s”.") % {"state": result.get_state_display()}
    )
    return redirect("huddle-action", code=action.uuid)


@member_required(Perm.MANAGE_ACTIONS, methods=("POST",))
def action_check(request: MemberRequest, code: UUID):
    """Measure the effect again (in check or act: later data, a corrected value)."""
    action = get_action_rw_for_user(request, code)
    if action.state not in (ActionState.CHECK, ActionState.ACT):
        messages.error(request, _("The effect is checked once the action is in check."))
    elif services.effect_check_run(action=action, by=request.membership) is None:
        messages.error(request, _("There is nothing to compare for this action yet."))
    else:
        messages.success(request, _("The effect is measured again."))
    return redirect("huddle-action", code=action.uuid)
