"""Questionnaire versions: the standard ones and organisations' own copies, frozen as JSON."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Organization
from klantcultuur.scan.questionnaire import Questionnaire, fingerprint, from_json
from klantcultuur.scan.questionnaire.schema import Item, text_in


class FrozenVersionError(RuntimeError):
    """A stored questionnaire version was about to change: make a new version instead."""


class QuestionnaireVersion(models.Model):
    """One version, stored as canonical JSON with its SHA-256 fingerprint; never changed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # None for a standard version, shared by every organisation.
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaire_versions",
    )
    key = models.CharField(max_length=80, unique=True)  # the questionnaire's "id"
    number = models.PositiveIntegerField(default=1)  # 1, 2, ... per organisation
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="copies"
    )
    content = models.TextField()
    fingerprint = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["organization_id", "-number"]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise FrozenVersionError(f"questionnaire version {self.key} is frozen")
        self.fingerprint = fingerprint(from_json(self.content))
        super().save(*args, **kwargs)

    @cached_property
    def questionnaire(self) -> Questionnaire:
        """The version as data, after checking that it is still exactly what was stored."""
        q = from_json(self.content)
        if fingerprint(q) != self.fingerprint:
            raise FrozenVersionError(
                f"questionnaire version {self.key} does not match its fingerprint"
            )
        return q

    @property
    def is_standard(self) -> bool:
        return self.organization_id is None

    @property
    def title(self) -> str:
        language = (get_language() or "nl")[:2]
        return text_in(self.questionnaire["title"], language)

    @property
    def custom_items(self) -> list[Item]:
        return [item for item in self.questionnaire["items"] if item["origin"] == "custom"]
