"""Improvement actions (PDCA, A3-light), their history and the effect checks."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.models import Feedback
from klantcultuur.huddle.models.kpis import Kpi
from klantcultuur.huddle.steering import pdca
from klantcultuur.huddle.steering.effect import Method, Verdict
from klantcultuur.orgs.models import Membership, Organization, OrgUnit


class ActionState(models.TextChoices):
    PLAN = pdca.PLAN, _("Plan")
    DO = pdca.DO, _("Do")
    CHECK = pdca.CHECK, _("Check")
    ACT = pdca.ACT, _("Act")
    CLOSED = pdca.CLOSED, _("Closed")


class ActionOrigin(models.TextChoices):
    MANUAL = "manual", _("By hand")
    FEEDBACK = "feedback", _("From customer feedback")
    KPI = "kpi", _("From a KPI that misses its target")


class ActionOutcome(models.TextChoices):
    STANDARDISED = "standardised", _("Standardised: the new way of working")
    NEW_CYCLE = "new_cycle", _("A new cycle started")
    STOPPED = "stopped", _("Stopped")


class ImprovementAction(models.Model):
    """An A3-light improvement: problem, cause (five whys), target, countermeasure, owner."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(
        OrgUnit, verbose_name=_("team"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("title"), max_length=150)
    problem = models.TextField(_("problem"), help_text=_("What goes wrong, for whom, how often?"))
    why_1 = models.CharField(_("why? (1)"), max_length=300, blank=True)
    why_2 = models.CharField(_("why? (2)"), max_length=300, blank=True)
    why_3 = models.CharField(_("why? (3)"), max_length=300, blank=True)
    why_4 = models.CharField(_("why? (4)"), max_length=300, blank=True)
    why_5 = models.CharField(_("why? (5)"), max_length=300, blank=True)
    cause = models.TextField(_("root cause"), blank=True)
    target = models.TextField(
        _("target"), blank=True, help_text=_("What is better, by how much, by when?")
    )
    countermeasure = models.TextField(_("countermeasure"), blank=True)
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    kpi = models.ForeignKey(
        Kpi,
        verbose_name=_("KPI to check the effect on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ActionState.choices, default=ActionState.PLAN
    )
    origin = models.CharField(max_length=10, choices=ActionOrigin.choices, default="manual")
    # The customer record it came from; erased with the customer's data (SET_NULL).
    feedback = models.ForeignKey(
        Feedback, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_cycles"
    )
    standard = models.TextField(
        _("the new way of working"),
        blank=True,
        help_text=_("What the team does from now on, so that the improvement stays."),
    )
    outcome = models.CharField(max_length=15, choices=ActionOutcome.choices, blank=True)
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Shown on the programme's quick-win wall (klantcultuur.programme) with its measured effect.
    is_quick_win = models.BooleanField(_("quick win"), default=False)
    started_at = models.DateTimeField(null=True, blank=True)  # into action (do)
    checked_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "created_at"]
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        indexes = [
            models.Index(fields=["team", "state"], name="action_team_state"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state != ActionState.CLOSED

    @property
    def whys(self) -> list[str]:
        return [w for w in (self.why_1, self.why_2, self.why_3, self.why_4, self.why_5) if w]

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today


class ActionEvent(models.Model):
    """A step in an action's history: created, moved to another state, edited."""

    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class EffectCheck(models.Model):
    """The KPI before the action started against after it was put into action."""

    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="checks")
    kpi = models.ForeignKey(Kpi, null=True, on_delete=models.SET_NULL, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)
    checked_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    method = models.CharField(max_length=20, choices=[(m.value, m.name) for m in Method])
    higher_is_better = models.BooleanField(default=True)
    before_start = models.DateField()
    before_end = models.DateField()
    after_start = models.DateField()
    after_end = models.DateField()
    before_value = models.FloatField(null=True)
    after_value = models.FloatField(null=True)
    difference = models.FloatField(null=True)
    low = models.FloatField(null=True)
    high = models.FloatField(null=True)
    n_before = models.PositiveIntegerField(default=0)
    n_after = models.PositiveIntegerField(default=0)
    verdict = models.CharField(max_length=20, choices=[(v.value, v.name) for v in Verdict])

    class Meta:
        ordering = ["-checked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(before_end__lt=models.F("after_start")), name="effect_windows_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.verdict} ({self.checked_at:%Y-%m-%d})"
