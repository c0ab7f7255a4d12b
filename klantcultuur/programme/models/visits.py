"""Leaders on the floor: a leader visits a team other than their own with a few questions,
logs what they heard, follows up by a stated date, and the team answers one pulse question.

The pulse is anonymous: the answers are tallied on the visit (no row per answer), and who
answered is kept apart (`PulseParticipation`) only so that nobody answers twice.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Noticed(models.IntegerChoices):
    """The pulse's answer to "Heb je iets gemerkt van dit bezoek?" (and the leader's guess)."""

    CLEARLY = 3, _("Yes, clearly")
    A_LITTLE = 2, _("A little")
    NOTHING = 1, _("No")


class VisitOutcome(models.TextChoices):
    NONE = "", _("Only logged")
    ACTION = "action", _("An improvement action on the team's board")
    FEEDBACK = "feedback", _("Feedback to the team on their board")


class Visit(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    leader = models.ForeignKey("orgs.Membership", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("team")
    )
    planned_on = models.DateField(_("day"))
    questions = models.TextField(_("questions to ask"), blank=True)
    status = models.CharField(
        max_length=9, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    # After the visit (one minute on a phone).
    heard = models.TextField(_("what you heard"), blank=True)
    follow_up = models.CharField(_("what you will do about it"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("report back to the team by"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(null=True, blank=True)
    self_noticed = models.PositiveSmallIntegerField(
        _("will the team have noticed your visit?"),
        choices=Noticed.choices,
        null=True,
        blank=True,
    )
    outcome = models.CharField(max_length=8, choices=VisitOutcome.choices, blank=True)
    # The improvement action it became, with the visit as its source.
    action = models.ForeignKey(
        "huddle.ImprovementAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logged_at = models.DateTimeField(null=True, blank=True)
    # The team's pulse, tallied (never one row per answer).
    pulse_clearly = models.PositiveIntegerField(default=0)
    pulse_a_little = models.PositiveIntegerField(default=0)
    pulse_nothing = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["planned_on", "id"]
        indexes = [
            models.Index(fields=["organization", "planned_on"]),
            models.Index(fields=["unit", "status", "logged_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} → {self.unit_id} {self.planned_on}"

    @property
    def question_list(self) -> list[str]:
        return [q.strip() for q in self.questions.splitlines() if q.strip()]

    @property
    def pulse_n(self) -> int:
        return self.pulse_clearly + self.pulse_a_little + self.pulse_nothing


class PulseParticipation(models.Model):
    """That a person answered a visit's pulse; never what they answered."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey("orgs.Membership", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "membership"], name="pulse_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.visit_id}"
