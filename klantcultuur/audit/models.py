"""The audit trail: an append-only record of what matters for trust.

Rows are only ever added. ``save`` refuses to change a stored row, ``delete`` refuses, and
the queryset's ``update`` and ``delete`` refuse too; the only removal is the retention purge
(``AuditEvent.objects.purge``) of rows older than the organisation's retention period. On
PostgreSQL a trigger (migration 0002) enforces the same in the database: no UPDATE at all,
and no DELETE of a row younger than ``MIN_RETENTION_DAYS``.

The organisation and the actor are kept as references without a foreign-key constraint
(and the actor's e-mail address as text), so that the trail outlives a removed account and
nothing cascades into it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_RETENTION_DAYS = 90  # the database refuses to delete younger rows (PostgreSQL trigger)
MAX_RETENTION_DAYS = 3650
DEFAULT_RETENTION_DAYS = 730


class AppendOnly(Exception):
    """Someone tried to change or delete an audit row outside the retention purge."""


class Action(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_INVITED = "member_invited", _("Member invited with a role")
    EXPORT = "export", _("Export or download of data")
    ERASURE = "erasure", _("Customer data erased")
    ANONYMITY_CHANGED = "anonymity_changed", _("Anonymity settings changed")
    INTEREST_ANALYSIS_CHANGED = "interest_changed", _("Interest analysis changed")
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    AUDIT_SETTINGS_CHANGED = "audit_settings", _("Audit retention changed")


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("audit events are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit events are removed only by the retention purge")

    def purge(self, *, before: datetime) -> int:
        """Remove the rows of this queryset recorded before `before` (the retention job)."""
        deleted, _ = models.QuerySet.delete(self.filter(at__lt=before))
        return deleted


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_email = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=32, choices=Action.choices)
    target = models.CharField(_("about"), max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip_address = models.CharField(_("address"), max_length=45, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["organization", "-at"], name="audit_org_at"),
            models.Index(fields=["actor_email", "-at"], name="audit_email_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.actor_email}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("audit events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit events are removed only by the retention purge")

    @property
    def details_text(self) -> str:
        """The details as one line ("from: hr; to: board")."""
        return "; ".join(f"{k}: {v}" for k, v in self.details.items())


class AuditSettings(models.Model):
    """How long an organisation keeps its audit trail."""

    organization = models.OneToOneField(
        "orgs.Organization", on_delete=models.CASCADE, related_name="audit_settings"
    )
    retention_days = models.PositiveIntegerField(
        _("keep the audit trail for (days)"), default=DEFAULT_RETENTION_DAYS
    )

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.retention_days} days"

    @classmethod
    def retention_for(cls, organization_id: int) -> int:
        found = cls.objects.filter(organization_id=organization_id).values_list(
            "retention_days", flat=True
        )
        return next(iter(found), DEFAULT_RETENTION_DAYS)
