"""The public customer question "Wat verwacht u van ons?"; answers are stored as feedback."""

from __future__ import annotations

import uuid
from uuid import uuid4

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Organization

# The touchpoint name under which answers are stored as feedback (erasure, retention and
# the comment analyser apply to them as to every customer answer).
TOUCHPOINT = "Klantvisie: wat verwacht u van ons?"
CHANNEL = "klantvisie"
DEFAULT_QUESTION = "Wat verwacht u van ons?"


class CustomerQuestion(models.Model):
    """An organisation's public link; the token in the URL is the access."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="vision_customer_question"
    )
    token = models.UUIDField(default=uuid4, unique=True, editable=False)
    question = models.CharField(_("question"), max_length=300, default=DEFAULT_QUESTION)
    intro = models.CharField(_("introduction"), max_length=600, blank=True)
    is_open = models.BooleanField(_("accepting answers"), default=True)
    # Touchpoints whose public feedback form also asks this question (feedback's form
    # extension point, `vision.extensions`).
    touchpoints = models.ManyToManyField(
        "feedback.Touchpoint",
        verbose_name=_("also on these touchpoint forms"),
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.question
