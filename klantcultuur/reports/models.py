"""Board reports e-mailed on a schedule (the report itself is computed when it is opened)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Organization, OrgUnit
from klantcultuur.orgs.roles import Role

RECIPIENT_ROLES = (Role.BOARD, Role.ADMIN, Role.CX_LEAD)


class Language(models.TextChoices):
    NL = "nl", _("Dutch")
    EN = "en", _("English")


class ReportSchedule(models.Model):
    """Monthly: on the first days of a month, the report of the month before is announced
    by e-mail (through notify) to the members of the chosen roles, with a link to its PDF."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="report_schedules"
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the whole organisation."),
    )
    roles = models.JSONField(_("to"), default=list)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_for = models.DateField(null=True, blank=True)  # first day of the month sent

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.unit_id or 'org'} {self.language}"

    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles if role in Role.values]
