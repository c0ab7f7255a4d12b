"""Customer journeys: phases and steps, each step owned by a team and linked to touchpoints."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.models import Touchpoint
from klantcultuur.orgs.models import Membership, Organization, OrgUnit


class Metric(models.TextChoices):
    NPS = "nps", _("NPS")
    CSAT = "csat", _("CSAT (% satisfied)")
    CES = "ces", _("CES (% scoring 5–7)")


class Journey(models.Model):
    """A journey a customer makes with the organisation, reviewed in the quality cycle."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("journey owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("journey")
        verbose_name_plural = _("journeys")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="journey_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("phase"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Step(models.Model):
    """A step of a journey: who owns it, where the customer's voice comes from, the target."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="steps")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("step"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)
    team = models.ForeignKey(
        OrgUnit, verbose_name=_("owning team"), on_delete=models.PROTECT, related_name="+"
    )
    touchpoints = models.ManyToManyField(
        Touchpoint, verbose_name=_("touchpoints"), blank=True, related_name="+"
    )
    # A back-office step serves colleagues: its figures are the internal customers' answers.
    is_internal = models.BooleanField(_("internal customers (back office)"), default=False)
    internal_customer = models.CharField(
        _("internal customer"),
        max_length=100,
        blank=True,
        help_text=_("Which colleagues this step serves, for example “Monteurs Noord”."),
    )
    moment_of_truth = models.BooleanField(_("moment of truth"), default=False)
    metric = models.CharField(_("metric"), max_length=4, choices=Metric.choices)
    target = models.DecimalField(
        _("target"),
        max_digits=5,
        decimal_places=1,
        help_text=_("NPS from −100 to 100; CSAT and CES as a percentage."),
    )

    class Meta:
        ordering = ["phase__position", "position", "id"]

    def __str__(self) -> str:
        return self.name
