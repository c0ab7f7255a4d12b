"""Writes of the ambassador network: volunteer, nominate, confirm with hours, stop, e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.programme.models import (
    Ambassador,
    AmbassadorMessage,
    AmbassadorOrigin,
    AmbassadorStatus,
)

MAX_HOURS = 40


@transaction.atomic
def ambassador_propose(
    *,
    organization: Organization,
    membership: Membership,
    unit: OrgUnit,
    by: Membership,
    motivation: str = "",
) -> Ambassador:
    """Someone volunteers (by is the person) or is nominated; their manager confirms later."""
    if membership.organization_id != organization.id or membership.archived_at:
        raise ValidationError(_("Choose a colleague from your organisation."))
    if unit.organization_id != organization.id or unit.archived_at:
        raise ValidationError(_("Choose a unit of your organisation."))
    running = (
        Ambassador.objects.select_for_update()
        .filter(membership=membership, unit=unit)
        .exclude(status=AmbassadorStatus.ENDED)
    )
    if running.exists():
        raise ValidationError(_("This colleague is already ambassador of this unit (or proposed)."))
    origin = AmbassadorOrigin.VOLUNTEERED if by.id == membership.id else AmbassadorOrigin.NOMINATED
    return Ambassador.objects.create(
        organization=organization,
        membership=membership,
        unit=unit,
        origin=origin,
        motivation=(motivation or "").strip()[:500],
        proposed_by=by,
    )


@transaction.atomic
def ambassador_confirm(*, ambassador: Ambassador, by: Membership, hours: int | None) -> Ambassador:
    """The manager confirms and agrees the hours a month the ambassador gets for it."""
    if ambassador.status == AmbassadorStatus.ENDED:
        raise ValidationError(_("This ambassador has stopped."))
    if hours is None or not 1 <= hours <= MAX_HOURS:
        raise ValidationError(_("Agree between 1 and %(max)d hours a month.") % {"max": MAX_HOURS})
    ambassador.status = AmbassadorStatus.CONFIRMED
    ambassador.hours_per_month = hours
    ambassador.confirmed_by = by
    ambassador.confirmed_at = timezone.now()
    ambassador.save(update_fields=["status", "hours_per_month", "confirmed_by", "confirmed_at"])
    return ambassador


def ambassador_end(*, ambassador: Ambassador) -> None:
    ambassador.status = AmbassadorStatus.ENDED
    ambassador.save(update_fields=["status"])


@transaction.atomic
def message_create(
    *, organization: Organization, by: Membership, subject: str, body: str
) -> AmbassadorMessage:
    """Store a message to every confirmed ambassador (sent by `messages_send` in the background)."""
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."))
    if len(subject) > 200:
        raise ValidationError(_("A subject has at most 200 characters."))
    return AmbassadorMessage.objects.create(
        organization=organization, subject=subject, body=body, sent_by=by
    )


def messages_send(*, message_id: int) -> int:
    """E-mail a stored message to the confirmed ambassadors (each once); idempotent."""
    message = AmbassadorMessage.objects.filter(id=message_id, sent_at__isnull=True).first()
    if message is None:
        return 0
    emails = sorted(
        set(
            Ambassador.objects.filter(
                organization_id=message.organization_id,
                status=AmbassadorStatus.CONFIRMED,
                membership__archived_at__isnull=True,
                membership__user__is_active=True,
            ).values_list("membership__user__email", flat=True)
        )
    )
    # One e-mail per person: ambassadors do not see each other's addresses.
    send_mass_mail(
        [(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [e]) for e in emails],
        fail_silently=False,
    )
    AmbassadorMessage.objects.filter(id=message.id).update(
        sent_at=timezone.now(), recipients=len(emails)
    )
    return len(emails)
