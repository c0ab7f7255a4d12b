"""The recall check: can people name the promises in their own words? Answers are anonymous."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.vision.models.writing import VisionVersion


class RecallCheck(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        VisionVersion, on_delete=models.PROTECT, related_name="recall_checks"
    )
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"), default=timezone.localdate)
    closes_on = models.DateField(_("closes on"))
    created_by = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.opens_on <= timezone.localdate() <= self.closes_on


class RecallParticipation(models.Model):
    """Who has answered (to answer once); deliberately not linked to the answer."""

    recall = models.ForeignKey(RecallCheck, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recall", "membership"], name="vision_recall_once")
        ]

    def __str__(self) -> str:
        return f"{self.recall_id}:{self.membership_id}"


class RecallAnswer(models.Model):
    """An anonymous answer: the unit and whether the person leads people, never who."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    recall = models.ForeignKey(RecallCheck, on_delete=models.CASCADE, related_name="answers")
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_manager = models.BooleanField(default=False)
    text = models.TextField(max_length=3000)
    # "I know our customer promises": 1 (not at all) .. 5 (completely), self-reported.
    understanding = models.PositiveSmallIntegerField()
    named = models.PositiveSmallIntegerField(default=0)
    matched = models.JSONField(default=list)  # [{"promise": uuid, "fragment", "words"}]
    # Positions of the promises named, " 0 2 " (counted per promise with one query).
    positions = models.CharField(max_length=60, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recall", "unit"])]

    def __str__(self) -> str:
        return f"{self.recall} · {self.named}"
