"""Improvement actions through their PDCA cycle, with the effect check at "check"."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.huddle.checks import measure
from klantcultuur.huddle.models import (
    ActionEvent,
    ActionOrigin,
    ActionOutcome,
    ActionState,
    EffectCheck,
    ImprovementAction,
)
from klantcultuur.huddle.steering import pdca
from klantcultuur.orgs.models import Membership

FOLLOW_UP_FIELDS = ("problem", "why_1", "why_2", "why_3", "why_4", "why_5", "cause", "target",
                    "kpi", "owner", "origin", "feedback")  # fmt: skip


def _validate(action: ImprovementAction) -> None:
    org_id = action.team.organization_id
    if action.owner is not None and action.owner.organization_id != org_id:
        raise ValidationError({"owner": _("The owner is not a member of this organisation.")})
    if action.kpi is not None and action.kpi.organization_id != org_id:
        raise ValidationError({"kpi": _("The KPI belongs to another organisation.")})
    if action.feedback is not None and action.feedback.team_id != action.team_id:
        raise ValidationError(_("The customer record belongs to another team."))


@transaction.atomic
def action_create(*, action: ImprovementAction, by: Membership) -> ImprovementAction:
    """Start an action in "plan" (by hand, from a customer record or from a missed KPI)."""
    action.organization_id = action.team.organization_id
    if action.feedback_id is not None:
        action.origin = ActionOrigin.FEEDBACK
    elif action.origin == ActionOrigin.FEEDBACK:
        action.origin = ActionOrigin.MANUAL
    action.state, action.created_by = ActionState.PLAN, by
    _validate(action)
    action.full_clean()
    action.save()
    ActionEvent.objects.create(action=action, by=by, from_state="", to_state=ActionState.PLAN)
    return action


def action_update(*, action: ImprovementAction) -> ImprovementAction:
    """Change the A3 fields; the state changes only through `action_move`."""
    _validate(action)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_move(
    *,
    action: ImprovementAction,
    move: str,
    by: Membership,
    note: str = "",
    standard: str = "",
    today: date | None = None,
) -> ImprovementAction:
    """Move an action through plan → do → check → act → closed (or a new cycle, or stop).

    Into "check", the KPI before and after is compared and stored (`EffectCheck`).
    "new_cycle" closes this action and returns its follow-up, a new action in "plan".
    """
    today = today or timezone.localdate()
    action = (
        ImprovementAction.objects.select_for_update(of=("self",))
        .select_related("team", "kpi")
        .get(pk=action.pk)
    )
    try:
        target = pdca.next_state(action.state, move)
    except pdca.InvalidMove as exc:
        raise ValidationError(_("This step is not possible in the current state.")) from exc
    note = note.strip()
    now = timezone.now()
    fields = ["state"]
    if move == pdca.Move.START:
        if not (action.countermeasure and action.owner_id and action.due_date):
            raise ValidationError(
                _("Before you start, fill in the countermeasure, the owner and the due date.")
            )
        action.started_at = now
        fields.append("started_at")
    elif move == pdca.Move.CHECK:
        action.checked_at = now
        fields.append("checked_at")
    elif move == pdca.Move.STANDARDISE:
        standard = standard.strip()
        if not standard:
            raise ValidationError(_("Describe the new way of working."))
        action.standard, action.outcome, action.closed_at = (
            standard,
            ActionOutcome.STANDARDISED,
            now,
        )
        fields += ["standard", "outcome", "closed_at"]
    elif move == pdca.Move.NEW_CYCLE:
        action.outcome, action.closed_at = ActionOutcome.NEW_CYCLE, now
        fields += ["outcome", "closed_at"]
    elif move == pdca.Move.STOP:
        if not note:
            raise ValidationError(_("Say why the action stops."))
        action.outcome, action.closed_at = ActionOutcome.STOPPED, now
        fields += ["outcome", "closed_at"]
    ActionEvent.objects.create(
        action=action, by=by, from_state=action.state, to_state=target, note=note, at=now
    )
    action.state = target
    action.save(update_fields=fields)
    if move == pdca.Move.CHECK:
        effect_check_run(action=action, by=by, today=today)
    if move == pdca.Move.NEW_CYCLE:
        return _follow_up(action, by)
    return action


def _follow_up(action: ImprovementAction, by: Membership) -> ImprovementAction:
    follow_up = ImprovementAction(
        team=action.team,
        title=action.title,
        previous=action,
        countermeasure="",
        due_date=None,
        **{name: getattr(action, name) for name in FOLLOW_UP_FIELDS},
    )
    return action_create(action=follow_up, by=by)


def effect_check_run(
    *, action: ImprovementAction, by: Membership, today: date | None = None
) -> EffectCheck | None:
    """Compare the action's KPI before and after and keep the result (None: nothing to check)."""
    today = today or timezone.localdate()
    found = measure(action, today)
    if found is None:
        return None
    result = found.result
    return EffectCheck.objects.create(
        action=action,
        kpi=action.kpi,
        checked_by=by,
        method=result.method,
        higher_is_better=found.higher_is_better,
        before_start=found.before.start,
        before_end=found.before.end,
        after_start=found.after.start,
        after_end=found.after.end,
        before_value=result.before,
        after_value=result.after,
        difference=result.difference,
        low=result.low,
        high=result.high,
        n_before=result.n_before,
        n_after=result.n_after,
        verdict=found.verdict,
    )
