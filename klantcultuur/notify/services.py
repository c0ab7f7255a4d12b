"""Queue messages and send them; a failure waits and tries again, never lost."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation

from klantcultuur.notify.models import Channel, Delivery, DeliveryStatus, NotifySettings
from klantcultuur.orgs.models import Membership, Organization

MAX_ATTEMPTS = 6
WEBHOOK_TIMEOUT = 5  # seconds


def backoff(attempts: int) -> timedelta:
    """1, 4, 16, 64 ... minutes after the first, second, third ... failure."""
    return timedelta(minutes=4 ** max(attempts - 1, 0))


Compose = Callable[[], tuple[str, str]]


def language_of(membership: Membership | None) -> str:
    """The language a person reads messages in: their own choice, else the default."""
    chosen = getattr(getattr(membership, "user", None), "language", "") or ""
    known = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in known else settings.LANGUAGE_CODE


def compose_in(language: str, compose: Compose) -> tuple[str, str]:
    """The subject and body that `compose` writes with `language` active (gettext)."""
    with translation.override(language):
        subject, body = compose()
    return str(subject), str(body)


def notify(
    *,
    organization: Organization,
    recipients: Iterable[Membership],
    compose: Compose,
    link: str = "",
    to_channel: bool = True,
) -> list[Delivery]:
    """One e-mail per recipient with an address, in their own language, and one message in
    the organisation's channel (in the default language) when it has a webhook; all sent
    from the background after the commit.

    `compose` returns (subject, body) and is called with each language active in turn, so
    its gettext calls give the recipient's words."""
    people = {m.id: m for m in recipients if m.user.email}.values()
    texts: dict[str, tuple[str, str]] = {}
    rows = []
    for member in people:
        language = language_of(member)
        if language not in texts:
            texts[language] = compose_in(language, compose)
        subject, body = texts[language]
        rows.append(
            Delivery(
                organization=organization,
                channel=Channel.EMAIL,
                to=member.user.email,
                subject=subject[:200],
                body=body,
                link=link,
            )
        )
    webhook = NotifySettings.for_organization(organization).webhook_url
    if to_channel and webhook:
        subject, body = texts.get(settings.LANGUAGE_CODE) or compose_in(
            settings.LANGUAGE_CODE, compose
        )
        rows.append(
            Delivery(
                organization=organization,
                channel=Channel.WEBHOOK,
                to=webhook,
                subject=subject[:200],
                body=body,
                link=link,
            )
        )
    return _queue(rows)


def notify_customer(
    *, organization: Organization, to: str, subject: str, body: str, reply_to: str = ""
) -> Delivery:
    """An e-mail to a customer's own address (a reply on a follow-up case), written by a
    person in the customer's language; stored first and sent like every other message."""
    row = Delivery(
        organization=organization,
        channel=Channel.EMAIL,
        to=to,
        to_customer=True,
        reply_to=reply_to,
        subject=subject[:200],
        body=body,
    )
    return _queue([row])[0]


def _queue(rows: list[Delivery]) -> list[Delivery]:
    """Store the messages, then send each from the background once the transaction commits."""
    from klantcultuur.lib.tasks import enqueue
    from klantcultuur.notify.tasks import deliver

    created = Delivery.objects.bulk_create(rows)
    for row in created:
        transaction.on_commit(partial(enqueue, deliver, row.pk))
    return created


def _send(delivery: Delivery) -> None:
    text = f"{delivery.body}\n\n{delivery.link}".strip()
    if delivery.channel == Channel.EMAIL:
        EmailMessage(
            delivery.subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [delivery.to],
            reply_to=[delivery.reply_to] if delivery.reply_to else None,
        ).send(fail_silently=False)
        return
    # Teams and Slack incoming webhooks both take a JSON body with a "text".
    payload = json.dumps({"text": f"**{delivery.subject}**\n\n{text}"}).encode("utf-8")
    request = urllib.request.Request(
        delivery.to, data=payload, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
        if response.status >= 300:
            raise OSError(f"HTTP {response.status}")


def delivery_send(*, delivery_id: int, now=None) -> Delivery | None:
    """Try to send one waiting message; on failure note why and when to try again."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update()
            .filter(pk=delivery_id, status__in=(DeliveryStatus.WAITING, DeliveryStatus.FAILED))
            .first()
        )
        if delivery is None:
            return None  # sent already (a retry that crossed another)
        delivery.attempts += 1
        try:
            _send(delivery)
        except Exception as exc:  # a mail server or webhook may fail in any way
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:500]
            gave_up = delivery.attempts >= MAX_ATTEMPTS
            delivery.status = DeliveryStatus.GAVE_UP if gave_up else DeliveryStatus.FAILED
            delivery.next_try_at = now + backoff(delivery.attempts)
        else:
            delivery.status, delivery.sent_at, delivery.last_error = DeliveryStatus.SENT, now, ""
        delivery.save(update_fields=["attempts", "status", "last_error", "next_try_at", "sent_at"])
    return delivery


def delivery_retry(*, delivery: Delivery) -> None:
    """Try a failed message again now (the settings page's button)."""
    from klantcultuur.lib.tasks import enqueue
    from klantcultuur.notify.tasks import deliver

    # A customer's address cleared by the retention or an erasure: nowhere to send it.
    Delivery.objects.filter(pk=delivery.pk).exclude(status=DeliveryStatus.SENT).exclude(
        to=""
    ).update(status=DeliveryStatus.FAILED, next_try_at=timezone.now())
    transaction.on_commit(lambda: enqueue(deliver, delivery.pk))


def retry_due(*, now=None) -> int:
    """Send again every message whose next try has come (the scheduler's job)."""
    now = now or timezone.now()
    due = list(
        Delivery.objects.filter(status=DeliveryStatus.FAILED, next_try_at__lte=now).values_list(
            "pk", flat=True
        )[:500]
    )
    for pk in due:
        delivery_send(delivery_id=pk, now=now)
    return len(due)
