"""Messages wait and try again when the mail server or the webhook fails; none is lost."""

from __future__ import annotations

import json
import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.utils import timezone

from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.huddle.models import Escalation
from klantcultuur.huddle.services.escalations import escalation_answer
from klantcultuur.notify.models import Delivery, DeliveryStatus, NotifySettings
from klantcultuur.notify.services import MAX_ATTEMPTS, retry_due

pytestmark = pytest.mark.django_db(transaction=True)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens here once the socket is closed


class Webhook:
    """A Teams/Slack-like incoming webhook on localhost that fails until told otherwise."""

    def __init__(self):
        self.received: list[dict] = []
        self.failing = True
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if hook.failing:
                    self.send_response(500)
                else:
                    hook.received.append(json.loads(body))
                    self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/webhook"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook():
    hook = Webhook()
    yield hook
    hook.close()


def a_customer_to_call_back(world):
    ingest(
        world.org,
        item(score=2, contact_consent=True, team_id=world.team.id, reason="Niemand belde terug."),
    )


def test_a_new_call_back_reaches_the_team_leader_and_the_channel(world, webhook, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    webhook.failing = False
    NotifySettings.objects.create(organization=world.org, webhook_url=webhook.url)
    a_customer_to_call_back(world)
    assert [m.to for m in mail.outbox] == [["mila@linge.example"]]
    assert "Klantcontactcentrum" in mail.outbox[0].subject
    assert "/feedback/cases/" in mail.outbox[0].body
    assert "Niemand belde terug" not in mail.outbox[0].body  # the customer's words stay in
    assert len(webhook.received) == 1 and "teruggebeld" in webhook.received[0]["text"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_failing_mail_server_keeps_the_message_and_sends_it_later(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        closed_port(),
        False,
    )
    settings.EMAIL_TIMEOUT = 2
    a_customer_to_call_back(world)
    waiting = Delivery.objects.get()
    assert (waiting.status, waiting.attempts) == (DeliveryStatus.FAILED, 1)
    assert "Connection" in waiting.last_error or "refused" in waiting.last_error.lower()
    assert waiting.next_try_at > timezone.now()
    assert retry_due() == 0  # not before its next try
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert retry_due(now=timezone.now() + timedelta(minutes=2)) == 1
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts, waiting.last_error) == (DeliveryStatus.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_a_failing_webhook_is_tried_again_and_given_up_only_after_several_tries(
    world, webhook, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    NotifySettings.objects.create(organization=world.org, webhook_url=webhook.url)
    escalation = Escalation.objects.create(
        organization=world.org,
        from_unit=world.team,
        to_unit=world.department,
        raised_on=timezone.localdate(),
        raised_by=world.employee,
        text="Meer bezetting nodig.",
    )
    escalation_answer(
        escalation=escalation, answer="Twee uitzendkrachten vanaf maandag.", by=world.admin
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@linge.example", "mila@linge.example"]
    hook = Delivery.objects.get(channel="webhook")
    assert (hook.status, hook.last_error) == (
        DeliveryStatus.FAILED,
        "HTTPError: HTTP Error 500: Internal Server Error",
    )
    later = timezone.now()
    for _ in range(MAX_ATTEMPTS - 2):
        later += timedelta(days=1)
        retry_due(now=later)
    hook.refresh_from_db()
    assert (hook.status, hook.attempts) == (DeliveryStatus.FAILED, MAX_ATTEMPTS - 1)
    webhook.failing = False
    retry_due(now=later + timedelta(days=1))
    hook.refresh_from_db()
    assert hook.status == DeliveryStatus.SENT
    assert "beantwoord" in webhook.received[0]["text"]


def test_a_team_is_told_once_when_a_customer_waits_too_long(world, settings):
    from klantcultuur.feedback.models import FollowUpCase
    from klantcultuur.feedback.services.cases import cases_overdue_announce

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    a_customer_to_call_back(world)
    FollowUpCase.objects.update(assigned_to=world.employee)
    mail.outbox.clear()
    assert cases_overdue_announce() == 0  # not due yet
    later = timezone.now() + timedelta(days=3)
    assert cases_overdue_announce(now=later) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@linge.example", "mila@linge.example"]
    assert "te lang" in mail.outbox[0].subject
    assert cases_overdue_announce(now=later + timedelta(hours=1)) == 0  # told once
