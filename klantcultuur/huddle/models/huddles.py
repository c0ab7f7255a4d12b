"""The dagstart of a unit on a day (attendance, note, chosen story) and team goals."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.models import Feedback
from klantcultuur.huddle.models.kpis import Kpi
from klantcultuur.orgs.models import Membership, Organization, OrgUnit


class Huddle(models.Model):
    """What a unit's dagstart on one day recorded: who was there, a note, the story."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="huddles")
    day = models.DateField(_("day"))
    note = models.TextField(_("note"), blank=True)
    attendees = models.ManyToManyField(Membership, blank=True, related_name="+")
    # The customer's story the team chose; erased with the customer's data (SET_NULL).
    story = models.ForeignKey(
        Feedback, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-day"]
        verbose_name = _("dagstart")
        verbose_name_plural = _("dagstarts")
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="huddle_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day}"


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Under way")
    ACHIEVED = "achieved", _("Achieved")
    MISSED = "missed", _("Not achieved")


class Goal(models.Model):
    """A team goal (no person) or an individual goal for a period, shown on the board."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="goals")
    person = models.ForeignKey(
        Membership,
        verbose_name=_("for"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="goals",
        help_text=_("Empty: a goal of the whole team."),
    )
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("how we get there"), blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    kpi = models.ForeignKey(
        Kpi,
        verbose_name=_("KPI"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["end", "title"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="goal_period",
                violation_error_message=_("The end comes before the start."),
            )
        ]
        indexes = [models.Index(fields=["team", "end"], name="goal_team_end")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_team_goal(self) -> bool:
        return self.person_id is None
