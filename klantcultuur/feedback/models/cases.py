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
    # The customer's own address, given on the form with their consent, to reply by e-mail.
    # Kept here rather than on the response: only a case needs it, so only those who handle
    # cases see it, and it goes when the case has been closed for the organisation's
    # retention period (and with an erasure).
    customer_email = models.EmailField(_("customer's e-mail address"), blank=True)

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


class ReplyTemplate(models.Model):
    """A reply to a customer that an organisation writes once and a case handler adapts."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="reply_templates"
    )
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply template")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="reply_template_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CaseReply(models.Model):
    """An e-mail sent to the customer of a case: the case's history of what was written."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="replies")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    template_name = models.CharField(max_length=100, blank=True)
    sent_by = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # The stored message that carries it (its status: waiting, sent, failed).
    delivery = models.ForeignKey(
        "notify.Delivery", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.subject


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
