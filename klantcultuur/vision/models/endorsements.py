"""Draagvlak: each manager's answer to a published version."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.vision.models.writing import VisionVersion


class EndorsementStatus(models.TextChoices):
    PENDING = "pending", _("Not answered")
    ENDORSED = "endorsed", _("Endorses")
    REMARK = "remark", _("Endorses with a remark")
    NOT_YET = "not_yet", _("Not yet")


class Layer(models.TextChoices):
    BOARD = "board", _("Board")
    DIVISION = "division", _("Division directors")
    DEPARTMENT = "department", _("Department managers")
    TEAM = "team", _("Team leaders")


class Endorsement(models.Model):
    """One manager asked to endorse one published version (a new version asks again)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        VisionVersion, on_delete=models.CASCADE, related_name="endorsements"
    )
    manager = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    layer = models.CharField(max_length=12, choices=Layer.choices)
    status = models.CharField(
        max_length=10, choices=EndorsementStatus.choices, default=EndorsementStatus.PENDING
    )
    remark = models.TextField(_("remark or reason"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # The CX lead's answer to an objection; it may ask the manager again (reopened_at).
    response = models.TextField(_("answer"), max_length=2000, blank=True)
    responded_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)

    # Set by the draagvlak page: the manager's answer to the version before, if any.
    previous_status: str | None

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "manager"], name="vision_one_endorsement_per_manager"
            )
        ]
        indexes = [models.Index(fields=["version", "layer", "status"])]

    def __str__(self) -> str:
        return f"{self.manager} · v{self.version.number} · {self.status}"

    @property
    def carries(self) -> bool:
        return self.status in (EndorsementStatus.ENDORSED, EndorsementStatus.REMARK)

    @property
    def is_open_objection(self) -> bool:
        return self.status == EndorsementStatus.NOT_YET and not self.response
