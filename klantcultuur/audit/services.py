"""Writing to the audit trail (every app) and the retention purge (a daily job).

Callers add one line where the thing happens, inside their own transaction, so a change
that is rolled back leaves no record of itself::

    from klantcultuur.audit.services import audit_record
    audit_record(action=Action.EXPORT, organization=org, actor=request.user,
                 target="feedback.csv", details={"rows": n}, request=request)
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from klantcultuur.audit.models import (
    MIN_RETENTION_DAYS,
    Action,
    AuditEvent,
    AuditSettings,
)
from klantcultuur.lib.clientip import client_address


def _organization_id(organization: Any) -> int | None:
    if organization is None or isinstance(organization, int):
        return organization
    return int(organization.pk)


def audit_record(
    *,
    action: str,
    organization: Any = None,
    actor: Any = None,
    actor_email: str = "",
    target: object = "",
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event. `organization` an Organization or its id; `actor` a User or a
    Membership (its user is taken); `target` what it was about, as text."""
    user = getattr(actor, "user", actor)
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    email = actor_email or (getattr(user, "email", "") if user is not None else "")
    return AuditEvent.objects.create(
        action=Action(action),
        organization_id=_organization_id(organization),
        actor_id=user.pk if user is not None else None,
        actor_email=(email or "")[:254],
        target=str(target)[:300],
        details=details or {},
        ip_address=client_address(request) if request is not None else "",
    )


def interest_analysis_changed(
    *,
    organization: Any,
    actor: Any,
    what: str,
    target: object = "",
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """For the programme's interest analysis: `what` is "created", "changed" or "deleted"
    (a stakeholder, a position, ...); `target` names it."""
    return audit_record(
        action=Action.INTEREST_ANALYSIS_CHANGED,
        organization=organization,
        actor=actor,
        target=target,
        details={"what": what, **(details or {})},
        request=request,
    )


def default_retention_days() -> int:
    """Retention of events without an organisation's own setting (logins, failed logins)."""
    return max(MIN_RETENTION_DAYS, int(settings.AUDIT_RETENTION_DAYS))


def retention_purge(*, now: datetime | None = None) -> int:
    """Remove events older than their organisation's retention; returns how many."""
    now = now or timezone.now()
    removed = 0
    own = list(AuditSettings.objects.values_list("organization_id", "retention_days"))
    for organization_id, days in own:
        before = now - timedelta(days=max(MIN_RETENTION_DAYS, days))
        removed += AuditEvent.objects.filter(organization_id=organization_id).purge(before=before)
    rest = AuditEvent.objects.exclude(organization_id__in=[o for o, _d in own])
    removed += rest.purge(before=now - timedelta(days=default_retention_days()))
    return removed


def retention_set(*, organization: Any, actor: Any, days: int, request=None) -> AuditSettings:
    """Change how long the organisation keeps its trail (recorded in the trail itself)."""
    organization_id = _organization_id(organization)
    assert organization_id is not None
    found, _created = AuditSettings.objects.get_or_create(
        organization_id=organization_id,
        defaults={"retention_days": default_retention_days()},
    )
    if found.retention_days != days:
        audit_record(
            action=Action.AUDIT_SETTINGS_CHANGED,
            organization=organization,
            actor=actor,
            target="retention_days",
            details={"from": found.retention_days, "to": days},
            request=request,
        )
        found.retention_days = days
        found.save(update_fields=["retention_days"])
    return found


def audit_changes(
    *,
    action: str,
    organization: Any,
    actor: Any,
    before: dict[str, Any],
    after: dict[str, Any],
    request: HttpRequest | None = None,
) -> AuditEvent | None:
    """Record the fields whose value changed (``{"field": [old, new]}``); nothing if none."""
    changed = {k: [before[k], after.get(k)] for k in before if before[k] != after.get(k)}
    if not changed:
        return None
    return audit_record(
        action=action,
        organization=organization,
        actor=actor,
        target=", ".join(changed),
        details=changed,
        request=request,
    )
