"""The interest analysis (belangenanalyse): who keeps a trait that holds customer focus back
alive, what they gain from it, and how their position moves between measurements.

Sensitive: it names colleagues. Only those with `Perm.MANAGE_PROGRAMME` (board, CX lead and
the administrator, who could give themselves either role) read or change it, and every
change goes through `programme.services.interests.interest_write`.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class TraitSource(models.TextChoices):
    SCAN = "scan", _("From the scan's weakest statements")
    HAND = "hand", _("Entered by hand")


class Trait(models.Model):
    """A trait of the current culture that holds customer focus back."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    text = models.CharField(_("trait"), max_length=300)
    source = models.CharField(max_length=4, choices=TraitSource.choices, default=TraitSource.HAND)
    # The scan statement (item code) and wave it was taken from, when from the scan.
    statement = models.CharField(max_length=40, blank=True)
    wave = models.ForeignKey(
        "scan.Wave", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class InfluenceKind(models.TextChoices):
    FORMAL = "formal", _("Formal (position, say over decisions)")
    SOCIAL = "social", _("Social (people follow them)")


class Influence(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class Stance(models.TextChoices):
    SUPPORTER = "supporter", _("Supporter")
    NEUTRAL = "neutral", _("Neutral")
    OPPONENT = "opponent", _("Opponent")


STANCE_ORDER = [Stance.OPPONENT, Stance.NEUTRAL, Stance.SUPPORTER]


class Stakeholder(models.Model):
    """Who keeps a trait alive (a person or a group) and what they gain from it."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trait = models.ForeignKey(Trait, on_delete=models.CASCADE, related_name="stakeholders")
    who = models.CharField(_("who"), max_length=160)
    gain = models.TextField(_("what they gain from it"))
    influence_kind = models.CharField(
        _("kind of influence"), max_length=6, choices=InfluenceKind.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["trait_id", "who", "id"]

    def __str__(self) -> str:
        return self.who


class Position(models.Model):
    """A stakeholder's influence and stance as measured on a day: positions move."""

    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="positions")
    measured_on = models.DateField(_("measured on"))
    influence = models.PositiveSmallIntegerField(_("influence"), choices=Influence.choices)
    stance = models.CharField(_("stance"), max_length=9, choices=Stance.choices)
    note = models.CharField(_("why"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stakeholder", "measured_on"], name="position_one_per_stakeholder_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder_id} {self.measured_on}"


class StakeholderAction(models.Model):
    """What the programme plans with a stakeholder (a talk, a role, a changed incentive)."""

    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="actions")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        "orgs.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due_on", "id"]

    def __str__(self) -> str:
        return self.text
