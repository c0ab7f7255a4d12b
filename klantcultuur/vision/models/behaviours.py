"""Concrete behaviours (TACT) per promise, and colleagues' observations of them."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Role
from klantcultuur.vision.models.writing import Promise


class BehaviourStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class Behaviour(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="vision_behaviours"
    )
    promise = models.ForeignKey(Promise, on_delete=models.PROTECT, related_name="behaviours")
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("for unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the whole organisation."),
    )
    role = models.CharField(
        _("for role"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_("Empty: everyone."),
    )
    target = models.CharField(_("target (who)"), max_length=200)
    action = models.CharField(_("action (what I do)"), max_length=200)
    context = models.CharField(_("context (when, in which situation)"), max_length=200)
    time = models.CharField(_("time (how soon, how often)"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80)
    status = models.CharField(
        max_length=10, choices=BehaviourStatus.choices, default=BehaviourStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["promise__position", "short_name"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def sentence(self) -> str:
        from klantcultuur.vision.scoring.tact import sentence

        return sentence(self.target, self.action, self.context, self.time)


class Observation(models.Model):
    """A peer recognition: a colleague saw someone show a behaviour."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    behaviour = models.ForeignKey(Behaviour, on_delete=models.CASCADE, related_name="observations")
    shown_by = models.ForeignKey(
        Membership, verbose_name=_("who showed it"), on_delete=models.CASCADE, related_name="+"
    )
    observer = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    # The team of the person who showed it, kept as it was on the day (people move).
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("what happened"), max_length=500, blank=True)
    day = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day", "-created_at"]
        indexes = [
            models.Index(fields=["organization", "day"]),
            models.Index(fields=["unit", "day"]),
        ]

    def __str__(self) -> str:
        return f"{self.behaviour} ({self.day})"
