"""Ambassadors (trekkers): people who pull the change in their unit, with agreed time."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class AmbassadorStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the manager")
    CONFIRMED = "confirmed", _("Confirmed")
    ENDED = "ended", _("Stopped")


class AmbassadorOrigin(models.TextChoices):
    VOLUNTEERED = "volunteered", _("Volunteered")
    NOMINATED = "nominated", _("Nominated")


class Ambassador(models.Model):
    """One person as ambassador of one unit; the manager confirms and agrees the hours."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="ambassadors"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    membership = models.ForeignKey("orgs.Membership", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    origin = models.CharField(max_length=12, choices=AmbassadorOrigin.choices)
    status = models.CharField(
        max_length=10, choices=AmbassadorStatus.choices, default=AmbassadorStatus.PROPOSED
    )
    # Hours a month the manager agreed: an ambassador without agreed time does not last.
    hours_per_month = models.PositiveSmallIntegerField(_("hours a month"), null=True, blank=True)
    motivation = models.CharField(_("why"), max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        "orgs.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit__name", "created_at"]
        constraints = [
            # One running (proposed or confirmed) role per person and unit.
            models.UniqueConstraint(
                fields=["membership", "unit"],
                condition=~models.Q(status="ended"),
                name="ambassador_one_running_per_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} @ {self.unit_id}"


class AmbassadorMessage(models.Model):
    """An e-mail the CX lead sent to every confirmed ambassador."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject
