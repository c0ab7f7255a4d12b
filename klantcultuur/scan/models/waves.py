"""Waves (one run of the scan), personal invitations and open unit links."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.scan.models.questionnaires import QuestionnaireVersion

OPEN_LINK_SALT = "klantcultuur.scan.open-link"


class RespondentRole(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    MANAGER = "manager", _("Manager")


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Wave(models.Model):
    """One run of the scan for the whole organisation or some units, between two dates."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="waves")
    name = models.CharField(_("name"), max_length=200)
    # The version the wave started with; its fingerprint proves it never changed.
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="waves"
    )
    questionnaire_fingerprint = models.CharField(max_length=64)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # Days after opening on which people who have not answered get a reminder.
    reminder_days = models.JSONField(default=list, blank=True)
    # Empty: the whole organisation.
    scope_units = models.ManyToManyField(OrgUnit, blank=True, related_name="+")
    # Where answers of each (unit, role) are stored; small groups are pooled upwards
    # (see klantcultuur.scan.pooling). Keys "unit id|role" ("root|role" for no unit).
    storage_map = models.JSONField(default=dict, blank=True)
    # The unit tree at closing, [[unit id, parent id], ...]: every report of the wave uses it,
    # so later moves of units cannot make two reports of one wave differ.
    unit_tree = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-created_at"]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="wave_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def status_on(self, today: date) -> str:
        if self.closed_at is not None:
            return WaveStatus.CLOSED
        if self.launched_at is None:
            return WaveStatus.DRAFT
        if today < self.opens_on:
            return WaveStatus.SCHEDULED
        if today > self.closes_on:
            return WaveStatus.CLOSED
        return WaveStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(WaveStatus(self.status).label)

    @property
    def accepts_answers(self) -> bool:
        return self.status == WaveStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == WaveStatus.CLOSED

    @property
    def frozen_questionnaire(self):
        """The wave's questionnaire, checked against the fingerprint taken when it was created."""
        from klantcultuur.scan.models.questionnaires import FrozenVersionError

        if self.questionnaire.fingerprint != self.questionnaire_fingerprint:
            raise FrozenVersionError(f"wave {self.uuid}: its questionnaire version changed")
        return self.questionnaire.questionnaire

    def reminder_dates(self) -> list[date]:
        from datetime import timedelta

        return sorted(self.opens_on + timedelta(days=int(d)) for d in self.reminder_days)


class Invitation(models.Model):
    """A person's invitation to one wave: only marks *that* they answered, never what.

    The link's token is derived from the invitation (HMAC with the secret key), so a
    reminder can repeat the link; only its SHA-256 is stored. Unfinished answers stay here
    (``draft``) so the person can continue on another device; at submission they move to an
    anonymous Response and the draft is deleted.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="scan_invitations"
    )
    # The person's own unit at launch: for response rates, counts only.
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=10, choices=RespondentRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    sent_on = models.DateField(null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    # A date, not a time: a time could be matched with the moment a response was stored.
    answered_on = models.DateField(null=True, blank=True)
    draft = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["wave", "membership"], name="scan_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.wave} · {self.membership_id}"

    @property
    def has_answered(self) -> bool:
        return self.answered_on is not None


class OpenLink(models.Model):
    """An anonymous link for one unit (e.g. on a poster).

    Limits against stuffing (see ``services.answering.response_submit``): one answer per
    browser (a signed cookie), and the unit takes no more answers (personal and open links
    together) than it has people: the people known in its subtree, its invitations, or the
    size stated on its links (``max_answers``), the highest. Answers beyond that are refused
    and counted in ``refused``; a unit whose answers plus refused ones exceed its size is
    flagged on the wave page and left out of the report (``selectors.overfull_unit_ids``).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="open_links")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    active = models.BooleanField(default=True)
    submitted = models.PositiveIntegerField(default=0)  # a count, for response rates
    # Complete answers refused because the unit had as many answers as people.
    refused = models.PositiveIntegerField(default=0)
    # How many people can answer through it; empty: the people of the unit in Klantcultuur.
    max_answers = models.PositiveIntegerField(_("expected number of people"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("open link")
        verbose_name_plural = _("open links")

    def __str__(self) -> str:
        return f"{self.wave} · {self.unit}"

    @property
    def token(self) -> str:
        """Signed, so it needs no stored secret and cannot be guessed from the UUID."""
        return signing.Signer(salt=OPEN_LINK_SALT).sign(self.uuid.hex)

    @classmethod
    def uuid_from_token(cls, token: str) -> uuid.UUID | None:
        try:
            return uuid.UUID(signing.Signer(salt=OPEN_LINK_SALT).unsign(token))
        except (signing.BadSignature, ValueError):
            return None
