"""Writes of the interest analysis (belangenanalyse).

Changing it is a matter of trust: it names colleagues and what they gain. Every write of
its tables goes through `interest_write`, the one place where an audit trail hooks in (who
changed what, when); the functions below only check and prepare.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.audit.services import interest_analysis_changed
from klantcultuur.orgs.models import Membership, Organization
from klantcultuur.programme.models import (
    Influence,
    InfluenceKind,
    Position,
    Stakeholder,
    StakeholderAction,
    Stance,
    Trait,
    TraitSource,
)
from klantcultuur.scan.models import Wave


@transaction.atomic
def interest_write(
    *, by: Membership, instance: models.Model, verb: str, fields: list[str] | None = None
) -> models.Model:
    """Save one object of the interest analysis (`verb`: "create", "change", "archive",
    "done"). The only writer of these tables: the audit trail is hooked in here."""
    if fields is None:
        instance.save()
    else:
        instance.save(update_fields=fields)
    interest_analysis_changed(
        organization=by.organization_id,
        actor=by,
        what=verb,
        target=f"{instance._meta.verbose_name} {getattr(instance, 'uuid', instance.pk)}",
        details={"fields": fields or []},
    )
    return instance


def _text(value: str, limit: int, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    if len(value) > limit:
        raise ValidationError(_("At most %(n)d characters.") % {"n": limit})
    return value


def trait_add(
    *,
    organization: Organization,
    by: Membership,
    text: str,
    statement: str = "",
    wave: Wave | None = None,
) -> Trait:
    """A trait that holds customer focus back, by hand or from a scan statement."""
    text = _text(text, 300, _("Describe the trait."))
    if wave is not None and wave.organization_id != organization.id:
        raise ValidationError(_("Choose a scan of your organisation."))
    trait = Trait(
        organization=organization,
        text=text,
        source=TraitSource.SCAN if statement else TraitSource.HAND,
        statement=statement[:40],
        wave=wave if statement else None,
        created_by=by,
    )
    interest_write(by=by, instance=trait, verb="create")
    return trait


def trait_archive(*, trait: Trait, by: Membership) -> Trait:
    trait.archived_at = timezone.now()
    interest_write(by=by, instance=trait, verb="archive", fields=["archived_at"])
    return trait


def stakeholder_save(
    *,
    by: Membership,
    who: str,
    gain: str,
    influence_kind: str,
    trait: Trait | None = None,
    stakeholder: Stakeholder | None = None,
) -> Stakeholder:
    """Add who keeps a trait alive (with what they gain), or change it."""
    who = _text(who, 160, _("Say who keeps it alive: a person or a group."))
    gain = _text(gain, 2000, _("Say what they gain from it."))
    if influence_kind not in InfluenceKind.values:
        raise ValidationError(_("Choose formal or social influence."))
    if stakeholder is None:
        if trait is None:
            raise ValidationError(_("Choose a trait."))
        stakeholder = Stakeholder(organization_id=trait.organization_id, trait=trait)
        verb = "create"
    else:
        verb = "change"
    stakeholder.who, stakeholder.gain, stakeholder.influence_kind = who, gain, influence_kind
    interest_write(by=by, instance=stakeholder, verb=verb)
    return stakeholder


def stakeholder_archive(*, stakeholder: Stakeholder, by: Membership) -> Stakeholder:
    stakeholder.archived_at = timezone.now()
    interest_write(by=by, instance=stakeholder, verb="archive", fields=["archived_at"])
    return stakeholder


def position_record(
    *,
    stakeholder: Stakeholder,
    by: Membership,
    measured_on: date | None,
    influence: int | None,
    stance: str,
    note: str = "",
) -> Position:
    """A measurement of influence and stance on a day (one per day: a second one replaces it)."""
    if measured_on is None:
        raise ValidationError(_("Give the day of the measurement."))
    if measured_on > timezone.localdate():
        raise ValidationError(_("A measurement cannot lie in the future."))
    if influence not in Influence.values:
        raise ValidationError(_("Choose low, medium or high influence."))
    if stance not in Stance.values:
        raise ValidationError(_("Choose supporter, neutral or opponent."))
    position = Position.objects.filter(stakeholder=stakeholder, measured_on=measured_on).first()
    verb = "change"
    if position is None:
        position = Position(stakeholder=stakeholder, measured_on=measured_on)
        verb = "create"
    position.influence, position.stance = influence, stance
    position.note = (note or "").strip()[:300]
    position.recorded_by = by
    interest_write(by=by, instance=position, verb=verb)
    return position


def stakeholder_action_add(
    *,
    stakeholder: Stakeholder,
    by: Membership,
    text: str,
    owner: Membership | None = None,
    due_on: date | None = None,
) -> StakeholderAction:
    text = _text(text, 300, _("Describe the action."))
    if owner is not None and owner.organization_id != stakeholder.organization_id:
        raise ValidationError(_("Choose an owner from your organisation."))
    action = StakeholderAction(stakeholder=stakeholder, text=text, owner=owner, due_on=due_on)
    interest_write(by=by, instance=action, verb="create")
    return action


def stakeholder_action_done(*, action: StakeholderAction, by: Membership) -> StakeholderAction:
    action.done_at = None if action.done_at else timezone.now()
    interest_write(by=by, instance=action, verb="done", fields=["done_at"])
    return action
