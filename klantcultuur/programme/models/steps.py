"""From a scan finding to a next step: the organisation's catalogue and the steps taken."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Component(models.TextChoices):
    """The four components of the method, with the scan's scale codes as values."""

    VIS = "VIS", _("Shared customer vision")
    LEI = "LEI", _("Servant leadership")
    HRM = "HRM", _("Customer-focused HRM")
    STU = "STU", _("Team customer steering")


class StepTemplate(models.Model):
    """A next step in the organisation's catalogue, for one component that holds a unit back."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="step_templates"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    component = models.CharField(_("component"), max_length=3, choices=Component.choices)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("what it means"), blank=True)
    # Which page carries the step out, as a URL name of another app (optional).
    tool = models.CharField(_("tool"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["component", "position", "title"]
        indexes = [models.Index(fields=["organization", "component"])]

    def __str__(self) -> str:
        return self.title


class StepStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class NextStep(models.Model):
    """A step taken from the catalogue (or written by hand) for a unit, with owner and due date."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="next_steps"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # No unit: the step is for the whole organisation.
    unit = models.ForeignKey(
        "orgs.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    template = models.ForeignKey(
        StepTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="steps"
    )
    component = models.CharField(_("component"), max_length=3, choices=Component.choices)
    title = models.CharField(_("title"), max_length=160)
    owner = models.ForeignKey(
        "orgs.Membership",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(max_length=4, choices=StepStatus.choices, default=StepStatus.OPEN)
    note = models.TextField(_("note"), blank=True)
    # The scan wave whose finding led to the step.
    wave = models.ForeignKey(
        "scan.Wave", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "due_on", "id"]
        indexes = [models.Index(fields=["organization", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == StepStatus.OPEN
