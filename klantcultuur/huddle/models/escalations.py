"""What a team cannot solve itself goes up one tier and comes back with an answer."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Membership, Organization, OrgUnit


class EscalationState(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Escalation(models.Model):
    """Raised from a unit's board; addressed to the unit above (None: the organisation board)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    from_unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="escalations_raised"
    )
    to_unit = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="escalations_received",
    )
    text = models.TextField(_("what do you need?"))
    raised_on = models.DateField()  # the dagstart it was raised at
    raised_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(
        _("state"), max_length=10, choices=EscalationState.choices, default=EscalationState.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    passed_on_at = models.DateTimeField(null=True, blank=True)
    passed_on_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        indexes = [
            models.Index(fields=["to_unit", "state"], name="escalation_to_state"),
            models.Index(fields=["from_unit", "raised_at"], name="escalation_from"),
            models.Index(fields=["organization", "state"], name="escalation_org_state"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.state == EscalationState.OPEN
