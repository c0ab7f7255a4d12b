"""File imports of feedback and the column mappings people save for them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.lib.jobs import BackgroundJob, JobStatus
from klantcultuur.lib.progress import Progress
from klantcultuur.orgs.models import Organization


class Preset(models.TextChoices):
    GENERIC = "generic", _("Own spreadsheet (CSV or Excel)")
    QUALTRICS = "qualtrics", _("Qualtrics export")
    LIMESURVEY = "limesurvey", _("LimeSurvey export")
    FORMBRICKS = "formbricks", _("Formbricks export")
    SURVEYMONKEY = "surveymonkey", _("SurveyMonkey export")
    GOOGLEFORMS = "googleforms", _("Google Forms (CSV)")
    MSFORMS = "msforms", _("Microsoft Forms (Excel)")
    TYPEFORM = "typeform", _("Typeform export")


class ImportMapping(models.Model):
    """A saved column mapping, to import the next export of the same survey in one go."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="feedback_mappings"
    )
    name = models.CharField(_("name"), max_length=100)
    preset = models.CharField(max_length=20, choices=Preset.choices, default=Preset.GENERIC)
    columns = models.JSONField(default=dict)  # field name -> column header
    options = models.JSONField(default=dict)  # defaults: metric, channel, touchpoint, ...
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="mapping_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class FeedbackImport(BackgroundJob):
    """An uploaded file: mapped, previewed, then loaded in one transaction in the background.

    The file lives in the storage of private files (never served by URL): a million rows is
    too much for a database blob. With an object store (S3_BUCKET) workers on other
    machines read it from there; on the local disk they would need the same MEDIA_ROOT.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="feedback_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    filename = models.CharField(max_length=255)
    size = models.BigIntegerField(default=0)
    preset = models.CharField(max_length=20, choices=Preset.choices, default=Preset.GENERIC)
    columns = models.JSONField(default=dict, blank=True)  # field name -> column header
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.MAPPING)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(default=0)
    rows_refused = models.PositiveIntegerField(default=0)
    # Rows that are no customer's answer (a survey test or preview, an unfinished response).
    rows_skipped = models.PositiveIntegerField(default=0)
    cases_created = models.PositiveIntegerField(default=0)
    # The lowest and highest record key of this import: its records lie in that range.
    records_from = models.UUIDField(null=True, blank=True)
    records_to = models.UUIDField(null=True, blank=True)

    # Set by the imports page for a running import: how far it is (lib.progress).
    progress: Progress | None

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    # Names in the storage of private files (klantcultuur.lib.storage): the local disk
    # under MEDIA_ROOT, or an S3-compatible object store that every worker reaches.
    @property
    def directory(self) -> str:
        return f"feedback-imports/{self.organization.uuid}"

    @property
    def upload_name(self) -> str:
        return f"{self.directory}/{self.uuid}.upload"

    @property
    def inspection_name(self) -> str:
        """What the first reading of the file kept: its layout, header and first rows."""
        return f"{self.directory}/{self.uuid}.inspect.json"

    @property
    def report_name(self) -> str:
        return f"{self.directory}/{self.uuid}-refused.csv"

    def stored_records(self):
        """The records this import stored (a primary-key range scan)."""
        from klantcultuur.feedback.models.records import Feedback

        if self.records_from is None:
            return Feedback.objects.none()
        return Feedback.objects.filter(
            pk__gte=self.records_from, pk__lte=self.records_to, batch_id=self.id
        )
