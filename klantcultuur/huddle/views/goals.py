"""Team and individual goals for a period."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.huddle.access import (
    can_steer,
    get_board_unit_for_user,
    get_board_unit_rw_for_user,
    get_goal_rw_for_user,
)
from klantcultuur.huddle.forms import GoalForm
from klantcultuur.huddle.models import Goal
from klantcultuur.huddle.services import huddles as services
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


def _save(request: MemberRequest, form: GoalForm) -> Goal | None:
    if request.method == "POST" and form.is_valid():
        try:
            return services.goal_save(goal=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
    return None


@member_required(Perm.USE_HUDDLE)
def goals(request: MemberRequest, code: UUID):
    """A team's goals (current and past) and a form for a new one."""
    if request.method == "POST":
        team = get_board_unit_rw_for_user(request, code)
    else:
        team = get_board_unit_for_user(request, code)
    today = timezone.localdate()
    form = GoalForm(
        request.POST or None,
        instance=Goal(created_by=request.membership),
        initial={"start": today, "end": today.replace(month=12, day=31)},
        team=team,
    )
    if _save(request, form):
        messages.success(request, _("The goal is saved."))
        return redirect("huddle-goals", code=team.uuid)
    rows = (
        Goal.objects.filter(team=team)
        .select_related("person__user", "kpi")
        .order_by("-end", "title")
    )
    return render(
        request,
        "huddle/goals.html",
        {
            "team": team,
            "rows": rows,
            "form": form,
            "today": today,
            "can_steer": can_steer(request, team.id),
        },
    )


@member_required(Perm.USE_HUDDLE)
def goal_edit(request: MemberRequest, code: UUID):
    goal = get_goal_rw_for_user(request, code)
    form = GoalForm(request.POST or None, instance=goal, team=goal.team)
    if _save(request, form):
        messages.success(request, _("The goal is saved."))
        return redirect("huddle-goals", code=goal.team.uuid)
    return render(request, "huddle/goal_form.html", {"goal": goal, "form": form})


@member_required(Perm.USE_HUDDLE, methods=("POST",))
def goal_delete(request: MemberRequest, code: UUID):
    goal = get_goal_rw_for_user(request, code)
    goal.delete()
    messages.success(request, _("The goal is removed."))
    return redirect("huddle-goals", code=goal.team.uuid)
