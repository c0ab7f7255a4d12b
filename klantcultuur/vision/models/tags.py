"""Which behaviour a customer's compliment shows: colleagues tag compliments and the
dagstart's chosen story, so a team sees which behaviours customers notice."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from klantcultuur.feedback.models import Feedback
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.vision.models.behaviours import Behaviour


class CustomerTag(models.Model):
    """A customer's answer tagged with a behaviour it shows; erased with the customer's data."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    behaviour = models.ForeignKey(Behaviour, on_delete=models.CASCADE, related_name="customer_tags")
    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="+")
    # The record's team and day when it was tagged: the counts per team and week.
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    day = models.DateField()
    # Tagged as the story a team opened its dagstart with.
    as_story = models.BooleanField(default=False)
    tagged_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["behaviour", "feedback"], name="customer_tag_once")
        ]
        indexes = [models.Index(fields=["organization", "day"])]

    def __str__(self) -> str:
        return f"{self.behaviour} ({self.day})"
