"""TACT behaviours per promise and colleagues' observations of them."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.vision.models import Behaviour, BehaviourStatus, Observation, Promise

MAX_NOTE = 500


@transaction.atomic
def behaviour_save(
    *,
    organization: Organization,
    promise: Promise,
    target: str,
    action: str,
    context: str,
    time: str,
    short_name: str,
    unit: OrgUnit | None = None,
    role: str = "",
    status: str = BehaviourStatus.ACTIVE,
    by: Membership,
    behaviour: Behaviour | None = None,
) -> Behaviour:
    """Create or change a behaviour; every TACT element is required (vagueness is a warning
    the editor shows, not a refusal: a team may keep its own words)."""
    values = {
        "target": target,
        "action": action,
        "context": context,
        "time": time,
        "short_name": short_name,
    }
    values = {k: " ".join((v or "").split()) for k, v in values.items()}
    missing = [k for k, v in values.items() if not v]
    if missing:
        raise ValidationError(_("Fill in every part: target, action, context, time and a name."))
    if promise.organization_id != organization.id:
        raise ValidationError(_("Choose one of the organisation's promises."))
    if unit is not None and unit.organization_id != organization.id:
        raise ValidationError(_("Choose one of the organisation's units."))
    if behaviour is None:
        behaviour = Behaviour(organization=organization, created_by=by, status=status)
    for key, value in values.items():
        setattr(behaviour, key, value)
    behaviour.promise, behaviour.unit, behaviour.role = promise, unit, role
    behaviour.save()
    return behaviour


@transaction.atomic
def behaviour_set_status(*, behaviour: Behaviour, status: str) -> Behaviour:
    behaviour.status = status
    behaviour.save(update_fields=["status"])
    return behaviour


@transaction.atomic
def observation_record(
    *,
    behaviour: Behaviour,
    shown_by: Membership,
    observer: Membership,
    note: str = "",
    day: date | None = None,
) -> Observation:
    """A colleague saw someone show a behaviour: one tap, an optional line of what happened."""
    today = timezone.localdate()
    day = day or today
    if behaviour.status != BehaviourStatus.ACTIVE:
        raise ValidationError(_("This behaviour is not in use."))
    if shown_by.organization_id != behaviour.organization_id or shown_by.archived_at:
        raise ValidationError(_("Choose a colleague of your organisation."))
    if shown_by.id == observer.id:
        raise ValidationError(_("Recognise a colleague: you cannot observe yourself."))
    if day > today or day < today - timedelta(days=14):
        raise ValidationError(_("Choose a day in the last two weeks."))
    return Observation.objects.create(
        organization_id=behaviour.organization_id,
        behaviour=behaviour,
        shown_by=shown_by,
        observer=observer,
        unit_id=shown_by.unit_id,
        note=(note or "").strip()[:MAX_NOTE],
        day=day,
    )
