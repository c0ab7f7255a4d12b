"""Escalations: raised on a board, passed up a tier, answered, closed by the team."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.huddle.models import Escalation, EscalationState
from klantcultuur.orgs.models import Membership, OrgUnit

MAX_TEXT = 500


def _clean(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(what)
    if len(text) > MAX_TEXT:
        raise ValidationError(_("Keep it under %(n)s characters.") % {"n": MAX_TEXT})
    return text


def escalation_raise(*, unit: OrgUnit, text: str, day: date, by: Membership) -> Escalation:
    """Send a question one tier up: to the parent unit, or the organisation board at the top."""
    text = _clean(text, _("Say what the team needs."))
    return Escalation.objects.create(
        organization_id=unit.organization_id,
        from_unit=unit,
        to_unit_id=unit.parent_id,
        text=text,
        raised_on=day,
        raised_by=by,
    )


@transaction.atomic
def escalation_answer(*, escalation: Escalation, answer: str, by: Membership) -> Escalation:
    """Answer on the receiving board; the answer shows on the board it came from."""
    if escalation.state == EscalationState.CLOSED:
        raise ValidationError(_("This escalation is closed."))
    escalation.answer = _clean(answer, _("Write an answer."))
    escalation.state = EscalationState.ANSWERED
    escalation.answered_by, escalation.answered_at = by, timezone.now()
    escalation.save(update_fields=["answer", "state", "answered_by", "answered_at"])
    _announce_answer(escalation)
    return escalation


def _announce_answer(escalation: Escalation) -> None:
    """The team that escalated hears the answer: its leader and whoever raised it."""
    from django.urls import reverse

    from klantcultuur.lib.urls import site_url
    from klantcultuur.notify.services import notify

    team = escalation.from_unit
    people = [m for m in (team.manager, escalation.raised_by) if m is not None]

    def compose() -> tuple[str, str]:
        subject = _("%(team)s: your escalation is answered") % {"team": team.name}
        body = _("“%(text)s” has an answer from %(unit)s.") % {
            "text": escalation.text[:120],
            "unit": escalation.to_unit.name if escalation.to_unit else team.organization.name,
        }
        return subject, body

    notify(
        organization=team.organization,
        recipients=people,
        compose=compose,
        link=site_url() + reverse("huddle-escalation", args=[escalation.uuid]),
    )


@transaction.atomic
def escalation_pass_on(*, escalation: Escalation, by: Membership) -> Escalation:
    """Move an open escalation one more tier up (the answer still returns to the team)."""
    if escalation.state != EscalationState.OPEN:
        raise ValidationError(_("Only an open escalation can be passed on."))
    if escalation.to_unit is None:
        raise ValidationError(_("This escalation is on the organisation board already."))
    escalation.to_unit_id = escalation.to_unit.parent_id
    escalation.passed_on_by, escalation.passed_on_at = by, timezone.now()
    escalation.save(update_fields=["to_unit", "passed_on_by", "passed_on_at"])
    return escalation


def escalation_close(*, escalation: Escalation, by: Membership) -> Escalation:
    """The team that raised it closes it (answered, or no longer needed)."""
    escalation.state = EscalationState.CLOSED
    escalation.closed_at = timezone.now()
    escalation.save(update_fields=["state", "closed_at"])
    return escalation
