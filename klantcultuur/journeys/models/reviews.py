"""The journey review in the quality cycle: agenda, minutes, decisions."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.journeys.models.journeys import Journey, Step
from klantcultuur.orgs.models import Membership, Organization, OrgUnit


class ReviewStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")


class Review(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="reviews")
    planned_for = models.DateField(_("planned for"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(
        max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.PLANNED
    )
    # The agenda as it was generated when the review was held (evidence does not move).
    agenda = models.JSONField(default=dict, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    held_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-planned_for"]
        verbose_name = _("journey review")

    def __str__(self) -> str:
        return f"{self.journey} {self.planned_for}"

    @property
    def is_held(self) -> bool:
        return self.status == ReviewStatus.HELD


class Decision(models.Model):
    """A decision of a review; it becomes an improvement action on the owning team's board."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="decisions")
    step = models.ForeignKey(
        Step,
        verbose_name=_("step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    team = models.ForeignKey(
        OrgUnit, verbose_name=_("team"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("decision"))
    action = models.OneToOneField(
        ImprovementAction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]
