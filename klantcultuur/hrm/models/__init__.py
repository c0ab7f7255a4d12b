"""HR documents per process, read against the published customer vision."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Membership, Organization
from klantcultuur.orgs.roles import Role
from klantcultuur.vision.models import VisionVersion


class Process(models.TextChoices):
    JOB_PROFILES = "job_profiles", _("Job profiles")
    VACANCIES = "vacancies", _("Vacancy texts")
    SELECTION = "selection", _("Selection and interview guide")
    ONBOARDING = "onboarding", _("Onboarding")
    DEVELOPMENT = "development", _("Development")
    APPRAISAL = "appraisal", _("Appraisal")
    REWARD = "reward", _("Reward")
    EMPOWERMENT = "empowerment", _("Room to decide")


class HrDocument(models.Model):
    """What HR has now for one process, as read against the vision in force at the time."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    process = models.CharField(_("HR process"), max_length=20, choices=Process.choices)
    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(max_length=4)  # text (pasted), docx, pdf, txt
    filename = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    version = models.ForeignKey(
        VisionVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Per promise and behaviour (keys are their uuids): the document's matching sentences.
    alignment = models.JSONField(default=dict)
    promises_total = models.PositiveSmallIntegerField(default=0)
    promises_present = models.PositiveSmallIntegerField(default=0)
    rating = models.PositiveSmallIntegerField(
        _("HR's rating (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_note = models.TextField(_("explanation"), blank=True)
    action = models.TextField(_("action"), blank=True)
    action_owner = models.ForeignKey(
        Membership,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action_due = models.DateField(_("due date"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organization", "process", "-created_at"], name="hrdoc_process")
        ]

    def __str__(self) -> str:
        return self.title


class RoomToDecide(models.Model):
    """What someone in a role may decide or spend for a customer without asking (beslisruimte)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    job_title = models.CharField(
        _("job title"),
        max_length=200,
        blank=True,
        help_text=_("Empty: everyone in this role."),
    )
    what = models.CharField(_("what you may decide without asking"), max_length=300)
    amount = models.DecimalField(
        _("up to (euro)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "job_title", "position", "id"]
        indexes = [models.Index(fields=["organization", "role"], name="hrm_room_role")]

    def __str__(self) -> str:
        return self.what

    def applies_to(self, role: str, job_title: str) -> bool:
        """Whether it is the room of someone with this role and job title."""
        if self.role != role:
            return False
        return not self.job_title or self.job_title.casefold() == (job_title or "").casefold()


class JoinedVia(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    IMPORT = "import", _("HR import")
    HR = "hr", _("Started by HR")


class OnboardingPath(models.Model):
    """The path of a person who joined: the way we work here, step by step."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="onboarding_path"
    )
    via = models.CharField(max_length=12, choices=JoinedVia.choices, default=JoinedVia.HR)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    buddy = models.ForeignKey(
        Membership,
        verbose_name=_("buddy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Step key -> the day (ISO) it was done; the first dagstarts are counted, not ticked.
    done = models.JSONField(default=dict, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "id"]
        indexes = [models.Index(fields=["organization", "-started_on"], name="hrm_path_started")]

    def __str__(self) -> str:
        return f"{self.membership} ({self.started_on})"
