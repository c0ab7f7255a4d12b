"""A quick win shared to other teams' dagstart boards, so that a team can copy what worked."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class SharedWin(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(
        "huddle.ImprovementAction", on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("why it may help"), max_length=300, blank=True)
    shared_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    # The receiving team took it off its board (read, or copied as its own action).
    hidden_at = models.DateTimeField(null=True, blank=True)
    copied_as = models.ForeignKey(
        "huddle.ImprovementAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-shared_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "unit"], name="shared_win_once_per_team")
        ]
        indexes = [models.Index(fields=["unit", "hidden_at", "shared_at"])]

    def __str__(self) -> str:
        return f"{self.action_id} → {self.unit_id}"
