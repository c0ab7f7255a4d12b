"""Follow-up of detractors who agreed to be contacted, and the audit of erasures."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.models.records import Feedback
from klantcultuur.orgs.models import Membership, Organization, OrgUnit


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONTACTED = "contacted", _("Contacted")
    RESOLVED = "resolved", _("Resolved")


class CaseOutcome(models.TextChoices):
    SOLVED = "solved", _("Problem solved")
    EXPLAINED = "explained", _("Explained; nothing to solve")
    ACTION = "action", _("Led to an improvement action")
    UNREACHABLE = "unreachable", _("Customer not reachable")
    DECLINED = "declined", _("Customer did not want contact after all")


def overdue_condition(now=None) -> Q:
    """Past its due time and nobody has contacted the customer yet (the due time is for the
    call back; a contacted case may take longer to resolve)."""
    return Q(status=CaseStatus.OPEN, due_at__lt=now or timezone.now())


class FollowUpCaseQuerySet(models.QuerySet["FollowUpCase"]):
    def unresolved(self) -> FollowUpCaseQuerySet:
        return self.exclude(status=CaseStatus.RESOLVED)

    def overdue(self, now=None) -> FollowUpCaseQuerySet:
        return self.filter(overdue_condition(now))


class FollowUpCase(models.Model):
    """A detractor to call back: open → contacted → resolved, with a due time and outcome."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="followup_cases"
    )
    feedback = models.OneToOneField(Feedback, on_delete=models.CASCADE, related_name="case")
    team = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="followup_cases"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    due_at = models.DateTimeField(_("due"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    contacted_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=CaseOutcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    handled_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the team was told that this customer waits too long (told once).
    overdue_told_at = models.DateTimeField(null=True, blank=True)
    # The colleague who calls the customer back (chosen by the team; empty: the team).
    assigned_to = models.ForeignKey(
        Membership,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )

    objects = FollowUpCaseQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("follow-up case")
        verbose_name_plural = _("follow-up cases")
        indexes = [
            models.Index(
                fields=["team", "due_at"],
                condition=~Q(status="resolved"),
                name="case_team_unresolved",
            ),
            models.Index(
                fields=["organization", "due_at"],
                condition=~Q(status="resolved"),
                name="case_org_unresolved",
            ),
            models.Index(fields=["team", "status", "resolved_at"], name="case_team_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.due_at:%Y-%m-%d})"

    def is_overdue(self, now=None) -> bool:
        """See `overdue_condition`."""
        return self.status == CaseStatus.OPEN and self.due_at < (now or timezone.now())


class ErasureLog(models.Model):
    """Who erased a customer's data, when, and how much; the reference only as a hash."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="feedback_erasures"
    )
    reference_hash = models.CharField(max_length=64)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(default=timezone.now)
    records = models.PositiveIntegerField(default=0)
    cases = models.PositiveIntegerField(default=0)
    sentences = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"{self.erased_at:%Y-%m-%d} {self.records}"
