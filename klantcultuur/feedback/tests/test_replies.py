"""Answering a customer by e-mail: the address on the form, the reply from a template on the
case, its history, and the address gone with an erasure or after the retention."""

from __future__ import annotations

import io
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback.models import (
    CaseReply,
    CaseStatus,
    Feedback,
    FeedbackSettings,
    FollowUpCase,
    ReplyTemplate,
)
from klantcultuur.feedback.replytext import fill, unknown_placeholders
from klantcultuur.feedback.services.cases import case_update
from klantcultuur.feedback.services.privacy import customer_erase
from klantcultuur.feedback.services.replies import contact_addresses_clear
from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.feedback.tests.test_public_form import fresh_form, make_touchpoint, submit
from klantcultuur.notify.models import Delivery, DeliveryStatus

ADDRESS = "j.dekker@example.nl"


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    yield
    cache.clear()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens here once the socket is closed


def a_case(world, email=ADDRESS, **values):
    values.setdefault("reason", "De monteur kwam niet opdagen.")
    ingest(
        world.org,
        item(
            score=2,
            contact_consent=True,
            team_id=world.team.id,
            customer_email=email,
            touchpoint="Reparatie afgerond",
            **values,
        ),
    )
    return FollowUpCase.objects.get()


# --- The public form --------------------------------------------------------------------
def test_a_customer_leaves_an_address_with_consent_and_only_the_case_keeps_it(client, world):
    touchpoint = make_touchpoint(world.org, team=world.team)
    page, fields = fresh_form(client, touchpoint)  # a general link: no reference
    html = page.content.decode()
    assert "U mag contact met mij opnemen over mijn antwoord." in html
    assert "Uw e-mailadres (niet verplicht)" in html
    submit(client, touchpoint, fields, score="3", contact_consent="on", customer_email=ADDRESS)
    record = Feedback.objects.get()
    assert record.contact_consent is True
    assert ADDRESS not in str(Feedback.objects.values().get())  # not on the response
    assert FollowUpCase.objects.get(feedback=record).customer_email == ADDRESS


def test_an_address_without_consent_is_refused_with_a_word_on_what_to_do(client, world):
    touchpoint = make_touchpoint(world.org, team=world.team)
    _page, fields = fresh_form(client, touchpoint)
    response = submit(client, touchpoint, fields, score="3", customer_email=ADDRESS)
    assert "Vink aan dat we contact met u mogen opnemen" in response.content.decode()
    assert not Feedback.objects.exists()
    response = submit(client, touchpoint, fields, score="3", contact_consent="on")
    assert "Vul uw e-mailadres in" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_promoter_s_address_is_not_kept(client, world):
    touchpoint = make_touchpoint(world.org, team=world.team)
    _page, fields = fresh_form(client, touchpoint)
    submit(client, touchpoint, fields, score="9", contact_consent="on", customer_email=ADDRESS)
    assert Feedback.objects.get().contact_consent is True
    assert not FollowUpCase.objects.exists()  # no case, so no address anywhere


def test_a_form_that_does_not_ask_for_consent_asks_no_address(client, world):
    touchpoint = make_touchpoint(world.org, team=world.team, ask_consent=False)
    page, fields = fresh_form(client, touchpoint)
    assert "e-mailadres" not in page.content.decode()
    submit(client, touchpoint, fields, score="2", contact_consent="on", customer_email=ADDRESS)
    assert Feedback.objects.get().contact_consent is False


# --- Replying from the case -------------------------------------------------------------
def test_the_case_offers_a_reply_from_the_dutch_default_template_filled_in(login, world):
    case = a_case(world)
    page = login(world.employee).get(reverse("feedback-case", args=[case.uuid])).content.decode()
    assert ADDRESS in page
    assert "Antwoorden per e-mail" in page
    assert "Uw reactie aan Woonstichting De Linge" in page
    assert "over Reparatie afgerond" in page and "Bob Visser" in page
    assert "{team}" not in page and world.team.name in page
    record_page = login(world.employee).get(reverse("feedback-record", args=[case.feedback.uuid]))
    assert ADDRESS not in record_page.content.decode()  # only on the case


def test_sending_the_reply_mails_the_customer_and_the_case_keeps_it(
    login, world, django_capture_on_commit_callbacks
):
    case = a_case(world)
    client = login(world.employee)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback-case-reply", args=[case.uuid]),
            {
                "subject": "Uw reactie",
                "body": "Beste klant,\n\nDe monteur komt donderdag terug.",
                "template": "Excuses en terugkoppeling",
            },
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[ADDRESS]]
    assert mail.outbox[0].reply_to == ["bob@linge.example"]
    assert "donderdag terug" in mail.outbox[0].body
    reply = CaseReply.objects.get()
    assert (reply.sent_by, reply.template_name) == (world.employee, "Excuses en terugkoppeling")
    assert reply.delivery.status == DeliveryStatus.SENT
    case.refresh_from_db()
    assert case.status == CaseStatus.CONTACTED and case.contacted_at is not None
    page = client.get(reverse("feedback-case", args=[case.uuid])).content.decode()
    assert "Verstuurd aan de klant" in page and "De monteur komt donderdag terug." in page
    notifications = login(world.admin).get(reverse("notify-settings")).content.decode()
    assert ADDRESS not in notifications  # the address stays on the case


def test_a_failing_mail_server_keeps_the_reply_and_the_case_says_so(
    login, world, settings, django_capture_on_commit_callbacks
):
    from klantcultuur.notify.services import retry_due

    case = a_case(world)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2
    client = login(world.employee)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("feedback-case-reply", args=[case.uuid]),
            {"subject": "Uw reactie", "body": "We bellen u morgen."},
        )
    delivery = Delivery.objects.get(to_customer=True)
    assert delivery.status == DeliveryStatus.FAILED
    page = client.get(reverse("feedback-case", args=[case.uuid])).content.decode()
    assert "mislukt, wordt opnieuw geprobeerd" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry_due(now=timezone.now() + timedelta(minutes=2))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and mail.outbox[-1].to == [ADDRESS]


def test_no_reply_without_an_address_and_not_for_another_organisation(login, world):
    case = a_case(world, email="")
    client = login(world.employee)
    page = client.get(reverse("feedback-case", args=[case.uuid])).content.decode()
    assert "Antwoorden per e-mail" not in page
    response = client.post(
        reverse("feedback-case-reply", args=[case.uuid]),
        {"subject": "x", "body": "y"},
        follow=True,
    )
    assert "gaf geen e-mailadres" in response.content.decode()
    assert not Delivery.objects.filter(to_customer=True).exists()
    outsider = login(world.outsider)
    url = reverse("feedback-case-reply", args=[a_second_case(world).uuid])
    assert outsider.post(url, {"subject": "x", "body": "y"}).status_code == 404


def a_second_case(world):
    ingest(
        world.org,
        item(score=1, contact_consent=True, team_id=world.team.id, customer_email="b@example.nl"),
    )
    return FollowUpCase.objects.get(customer_email="b@example.nl")


# --- Templates --------------------------------------------------------------------------
def test_placeholders_are_filled_and_unknown_ones_named():
    assert fill("Beste klant van {team}, {x}", {"team": "Monteurs Noord"}) == (
        "Beste klant van Monteurs Noord, {x}"
    )
    assert unknown_placeholders("{naam} {team} {naam} {klant}") == ["naam", "klant"]


def test_an_organisation_edits_its_templates_and_a_wrong_placeholder_is_refused(login, world):
    client = login(world.admin)
    page = client.get(reverse("feedback-reply-templates")).content.decode()
    assert "Excuses en terugkoppeling" in page and "Reply in English" in page
    response = client.post(
        reverse("feedback-reply-templates"),
        {"name": "Kort", "language": "nl", "subject": "Hallo {naam}", "body": "Groet, {team}"},
    )
    assert "Onbekende invulplek: {naam}" in response.content.decode()
    client.post(
        reverse("feedback-reply-templates"),
        {"name": "Kort", "language": "nl", "subject": "Over {contactmoment}", "body": "Groet"},
    )
    template = ReplyTemplate.objects.get(organization=world.org, name="Kort")
    case = a_case(world)
    page = client.get(
        reverse("feedback-case", args=[case.uuid]) + f"?template={template.uuid}"
    ).content.decode()
    assert "Over Reparatie afgerond" in page
    assert (
        login(world.outsider)
        .get(reverse("feedback-reply-template", args=[template.uuid]))
        .status_code
        == 404
    )


# --- Erasure and retention --------------------------------------------------------------
def test_erasing_by_the_address_removes_the_case_the_response_and_the_sent_e_mails(
    world, django_capture_on_commit_callbacks
):
    from klantcultuur.feedback.services.replies import case_reply_send

    case = a_case(world)
    with django_capture_on_commit_callbacks(execute=True):
        case_reply_send(case=case, subject="Uw reactie", body="Tekst", actor=world.employee)
    log = customer_erase(organization=world.org, reference=ADDRESS.upper(), actor=world.admin.user)
    assert (log.records, log.cases) == (1, 1)
    assert not Feedback.objects.exists() and not FollowUpCase.objects.exists()
    assert not Delivery.objects.filter(to_customer=True).exists()


def test_the_address_is_cleared_the_set_days_after_the_case_is_closed(
    world, django_capture_on_commit_callbacks
):
    from klantcultuur.feedback.services.replies import case_reply_send

    FeedbackSettings.objects.update_or_create(
        organization=world.org, defaults={"contact_retention_days": 30}
    )
    case = a_case(world)
    with django_capture_on_commit_callbacks(execute=True):
        case_reply_send(case=case, subject="Uw reactie", body="Tekst", actor=world.employee)
    case_update(case=case, status="resolved", outcome="solved", note="", actor=world.employee)
    assert contact_addresses_clear() == 0  # kept for the set days
    case.refresh_from_db()
    assert case.customer_email == ADDRESS
    assert contact_addresses_clear(now=timezone.now() + timedelta(days=31)) == 1
    case.refresh_from_db()
    assert case.customer_email == ""
    assert Delivery.objects.get(to_customer=True).to == ""
    assert CaseReply.objects.get().body == "Tekst"  # what was written stays on the case


def test_with_no_days_to_keep_the_address_goes_when_the_case_is_closed(world):
    FeedbackSettings.objects.update_or_create(
        organization=world.org, defaults={"contact_retention_days": 0}
    )
    case = a_case(world)
    case_update(case=case, status="resolved", outcome="solved", note="", actor=world.employee)
    case.refresh_from_db()
    assert case.customer_email == ""


def test_the_daily_retention_command_clears_addresses_too(world):
    case = a_case(world)
    case_update(case=case, status="resolved", outcome="solved", note="", actor=world.employee)
    FollowUpCase.objects.update(resolved_at=timezone.now() - timedelta(days=40))
    out = io.StringIO()
    call_command("feedback_retention", stdout=out)
    assert "Customer e-mail addresses cleared: 1." in out.getvalue()
    case.refresh_from_db()
    assert case.customer_email == ""


def test_a_reply_that_was_never_sent_is_not_tried_again_once_its_address_is_gone(
    world, django_capture_on_commit_callbacks
):
    from klantcultuur.feedback.services.replies import case_reply_send
    from klantcultuur.notify.services import delivery_retry

    case = a_case(world)
    case_reply_send(case=case, subject="Uw reactie", body="Tekst", actor=world.employee)
    Delivery.objects.filter(to_customer=True).update(status=DeliveryStatus.GAVE_UP)
    case_update(case=case, status="resolved", outcome="solved", note="", actor=world.employee)
    contact_addresses_clear(now=timezone.now() + timedelta(days=31))
    delivery = Delivery.objects.get(to_customer=True)
    assert delivery.to == ""
    with django_capture_on_commit_callbacks(execute=True):
        delivery_retry(delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GAVE_UP and mail.outbox == []
