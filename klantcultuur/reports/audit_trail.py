"""Reads of the audit trail for the administrator's page (the trail itself is in audit)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from klantcultuur.audit.models import AuditEvent
from klantcultuur.orgs.models import Membership, Organization


def events_for(
    organization: Organization,
    *,
    action: str = "",
    who: str = "",
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[AuditEvent]:
    """The organisation's events, and the logins and failed logins of its members' e-mail
    addresses (those carry no organisation), newest first."""
    emails = Membership.objects.filter(organization=organization).values("user__email")
    events = AuditEvent.objects.filter(
        Q(organization=organization) | Q(organization__isnull=True, actor_email__in=emails)
    )
    if action:
        events = events.filter(action=action)
    if who:
        events = events.filter(actor_email__icontains=who.strip())
    zone = timezone.get_current_timezone()
    if start:
        events = events.filter(at__gte=datetime.combine(start, time.min, zone))
    if end:
        events = events.filter(at__lte=datetime.combine(end, time.max, zone))
    return events.order_by("-at", "-id")
