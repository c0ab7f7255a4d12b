"""What an organisation sets up: settings, touchpoints, routing, topics, corrections, tokens."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.models.records import Label, Metric
from klantcultuur.orgs.models import Organization, OrgUnit


class FeedbackSettings(models.Model):
    """Per-organisation choices for customer feedback (created on first use)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="feedback_settings"
    )
    retention_days = models.PositiveIntegerField(
        _("keep comments for (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30)],
        help_text=_(
            "After this many days the open answers and everything read from them are "
            "removed; only the scores remain. Empty: keep them."
        ),
    )
    case_due_hours = models.PositiveIntegerField(
        _("follow up within (hours)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 30)],
    )
    case_max_age_days = models.PositiveIntegerField(
        _("follow-up cases for feedback up to (days old)"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Older feedback (for example from a historical import) gets no follow-up case."
        ),
    )
    contact_retention_days = models.PositiveIntegerField(
        _("keep a customer's e-mail address after the case is closed (days)"),
        default=30,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "The address a customer gave to be answered is removed this many days after "
            "their follow-up case is resolved (0: at once)."
        ),
    )
    route_by_team_code = models.BooleanField(
        _("route by the team code in the data"),
        default=True,
        help_text=_("A team code column that names one of your units decides the team first."),
    )
    # Channels seen in the organisation's feedback (for filters; kept by the services).
    channels = models.JSONField(default=list, blank=True)
    # Bumped whenever topics or corrections change, so cached analysers are rebuilt.
    analyser_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("feedback settings")

    def __str__(self) -> str:
        return f"{self.organization}"

    @classmethod
    def for_organization(cls, organization: Organization) -> FeedbackSettings:
        found, _created = cls.objects.get_or_create(organization=organization)
        return found


class Touchpoint(models.Model):
    """A moment of contact with its own public feedback form (link and QR code)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="touchpoints"
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(
        _("name in English"),
        max_length=100,
        blank=True,
        help_text=_("The title of the English form. Empty: the name above."),
    )
    metric = models.CharField(
        _("question"), max_length=4, choices=Metric.choices, default=Metric.NPS, blank=True
    )
    channel = models.CharField(
        _("channel"),
        max_length=50,
        default="formulier",
        help_text=_("For example e-mail, sms, qr."),
    )
    subject = models.CharField(
        _("what the customer rates"),
        max_length=120,
        help_text=_(
            "Completes the question, for example “Woonstichting Rivierduin” or “de monteur”."
        ),
    )
    subject_en = models.CharField(
        _("what the customer rates, in English"),
        max_length=120,
        blank=True,
        help_text=_("For the English form, for example “the technician”. Empty: the Dutch text."),
    )
    team = models.ForeignKey(
        OrgUnit,
        verbose_name=_("owning team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="touchpoints",
        help_text=_("Empty: the routing rules decide."),
    )
    is_internal = models.BooleanField(
        _("for internal customers"),
        default=False,
        help_text=_("Colleagues give feedback to a back-office team here."),
    )
    ask_consent = models.BooleanField(_("ask whether we may contact the customer"), default=True)
    is_active = models.BooleanField(_("open for feedback"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("touchpoint")
        verbose_name_plural = _("touchpoints")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="touchpoint_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def title_in(self, language: str) -> str:
        """The form's title in the language: the English name when given, else the name."""
        return (language == "en" and self.name_en) or self.name

    def subject_in(self, language: str) -> str:
        """What the customer rates, in the language: the English text when given, else Dutch."""
        return (language == "en" and self.subject_en) or self.subject


class RoutingField(models.TextChoices):
    TOUCHPOINT = "touchpoint", _("Touchpoint")
    CHANNEL = "channel", _("Channel")
    PRODUCT = "product", _("Product")
    LOCATION = "location", _("Location")
    TEAM_CODE = "team_code", _("Team code in the data")


class RoutingRule(models.Model):
    """When `field` equals `value` (case and accents ignored), the record belongs to `team`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="routing_rules"
    )
    field = models.CharField(_("when"), max_length=20, choices=RoutingField.choices)
    value = models.CharField(_("is"), max_length=100)
    team = models.ForeignKey(
        OrgUnit, verbose_name=_("then team"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "field", "value"], name="routing_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.field} = {self.value} → {self.team_id}"


class Topic(models.Model):
    """A topic of the organisation's taxonomy, recognised by its keywords."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="topics")
    slug = models.SlugField(_("code"), max_length=60)
    name_nl = models.CharField(_("name in Dutch"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80)
    keywords = models.TextField(
        _("keywords"),
        help_text=_(
            "One per line. A word also finds its inflections (afspraak: afspraken); "
            "wacht* finds words that start with wacht; *formulier finds compounds ending in it; "
            '"duur" in quotes finds only that word (not duurt).'
        ),
    )
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="topic_slug_unique")
        ]

    def __str__(self) -> str:
        return self.name_nl

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.replace(",", "\n").splitlines() if k.strip()]

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_nl


class LabelCorrection(models.Model):
    """A person's label for a sentence; the analyser applies it to the same sentence later."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="label_corrections"
    )
    key = models.CharField(max_length=500)  # textanalysis.normalise(text)
    text = models.TextField()
    label = models.CharField(max_length=12, choices=Label.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="label_correction_unique")
        ]

    def __str__(self) -> str:
        return f"{self.text[:40]} → {self.label}"


class ApiToken(models.Model):
    """A secret for the REST API and the Formbricks webhook, scoped to one organisation.

    Only a SHA-256 hash of the token is stored; the token itself is shown once.
    `formbricks_fields` maps Formbricks question ids to record fields for the webhook.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)  # the visible start, to recognise a token
    token_hash = models.CharField(max_length=64, unique=True)
    can_ingest = models.BooleanField(_("may send feedback records"), default=True)
    can_webhook = models.BooleanField(_("may receive Formbricks webhooks"), default=True)
    touchpoint = models.ForeignKey(
        Touchpoint,
        verbose_name=_("touchpoint of webhook responses"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    formbricks_fields = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
