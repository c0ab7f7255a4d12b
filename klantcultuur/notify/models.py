"""Messages to people (e-mail) and to a team channel (Microsoft Teams or Slack webhook).

Every message is a `Delivery` row first and is sent from the background afterwards: a mail
server or webhook that is down makes it wait and try again, and the settings page shows
it; nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Organization


class NotifySettings(models.Model):
    """Per organisation: the incoming webhook of its Teams or Slack channel (optional)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="notify_settings"
    )
    webhook_url = models.URLField(
        _("incoming webhook"),
        blank=True,
        max_length=500,
        help_text=_(
            "The address of an incoming webhook of a Microsoft Teams or Slack channel. "
            "Empty: messages go by e-mail only."
        ),
    )

    def __str__(self) -> str:
        return f"{self.organization}"

    @classmethod
    def for_organization(cls, organization: Organization) -> NotifySettings:
        found, _created = cls.objects.get_or_create(organization=organization)
        return found


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    WEBHOOK = "webhook", _("Teams/Slack")


class DeliveryStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed, will try again")
    GAVE_UP = "gave_up", _("not sent")


class Delivery(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    to = models.CharField(max_length=500)  # an e-mail address or the webhook's address
    # A customer's own address (a reply on a follow-up case): shown only on the case, and
    # cleared with it by the feedback app's erasure and retention.
    to_customer = models.BooleanField(default=False)
    reply_to = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.WAITING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_try_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_try_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.channel} {self.subject}"


class DigestSubscription(models.Model):
    """A member who asked for a short e-mail with their team's day every working morning."""

    membership = models.OneToOneField(
        "orgs.Membership", on_delete=models.CASCADE, related_name="digest"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.membership}"
