"""Writing the vision: guiding questions, co-creation rounds, versions and their promises."""

from __future__ import annotations

import uuid
from uuid import uuid4

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Membership, Organization

MIN_PROMISES, MAX_PROMISES = 3, 7


class GuidingQuestion(models.Model):
    """A question of the vision format; each organisation edits its own list."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="vision_questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Round(models.Model):
    """A co-creation round: colleagues answer the guiding questions and react to each other."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="vision_rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    invitation = models.TextField(_("invitation"), blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    started_by = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and (
            self.closes_on is None or self.closes_on >= timezone.localdate()
        )


class Contribution(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="contributions")
    question = models.ForeignKey(
        GuidingQuestion, on_delete=models.CASCADE, related_name="contributions"
    )
    author = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("your answer"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    # Set by the round's page from the reactions it read: for the template.
    agrees: list
    comments: list
    i_agree: bool

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["round", "question"])]

    def __str__(self) -> str:
        return self.text[:60]


class ReactionKind(models.TextChoices):
    AGREE = "agree", _("Agree")
    COMMENT = "comment", _("Comment")


class Reaction(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="reactions"
    )
    author = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    text = models.CharField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "author"],
                condition=models.Q(kind="agree"),
                name="vision_one_agree_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:60]}"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class VisionVersion(models.Model):
    """One saved version of the vision; a change is saved as the next version (history)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="vision_versions"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("vision"),
        max_length=8000,
        help_text=_("Where we want to go and what we want to be for our customers (and not)."),
    )
    change_note = models.CharField(_("what changed"), max_length=500, blank=True)
    status = models.CharField(
        max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="vision_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status="published"),
                name="vision_one_published_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class Promise(models.Model):
    """A customer promise of one version; `lineage` stays the same across versions so the
    behaviours written for it follow the promise into the next version."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(VisionVersion, on_delete=models.CASCADE, related_name="promises")
    lineage = models.UUIDField(default=uuid4)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("promise"), max_length=200)
    explanation = models.CharField(_("explanation"), max_length=600, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def full_text(self) -> str:
        return f"{self.title}. {self.explanation}".strip(". ") if self.explanation else self.title
