"""HR documents per process, read against the published customer vision."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Membership, Organization
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
