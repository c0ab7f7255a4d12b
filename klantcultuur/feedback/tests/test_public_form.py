"""The public form per touchpoint: no login, Dutch or English, honeypot, rate limit, one
record per submission (also when the same submission arrives twice at the same time)."""

from __future__ import annotations

import io
import re
import threading

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import DailyTeamStats, Feedback, FollowUpCase, Touchpoint
from klantcultuur.feedback.services.records import answers_follow_up
from klantcultuur.feedback.tests.factories import ingest
from klantcultuur.testing import build_world


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def make_touchpoint(org, **values) -> Touchpoint:
    values.setdefault("team", None)
    values.setdefault("name", "Reparatie afgerond")
    return Touchpoint.objects.create(organization=org, subject="de monteur", metric="nps", **values)


@pytest.fixture
def touchpoint(world):
    return make_touchpoint(world.org, team=world.team)


def fresh_form(client, touchpoint, query=""):
    """Open the form as a customer does: its address then carries the form's token."""
    page = client.get(reverse("feedback-form", args=[touchpoint.uuid]) + query, follow=True)
    html = page.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    return page, {"token": token, "csrfmiddlewaretoken": csrf}


def submit(client, touchpoint, fields, headers=None, **answers):
    data = {
        **fields,
        "score": "9",
        "reason": "Snel en vriendelijk geholpen.",
        "suggestion": "",
        **answers,
    }
    return client.post(reverse("feedback-form", args=[touchpoint.uuid]), data, **(headers or {}))


def test_the_form_asks_the_touchpoint_question_in_dutch_without_login(client, touchpoint):
    page, _fields = fresh_form(client, touchpoint)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hoe waarschijnlijk is het dat u de monteur aanbeveelt aan vrienden of familie?" in html
    assert "Wat zou er een 10 van maken?" in html
    # Without a customer reference in the link, consent comes with an address to answer at.
    assert "U mag contact met mij opnemen" in html and 'type="email"' in html


def test_the_form_speaks_english_on_request_with_the_dutch_subject_when_no_english_one_is_set(
    client, touchpoint
):
    page, _fields = fresh_form(client, touchpoint, "?lang=en")
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "How likely is it that you would recommend de monteur to friends or family?" in html


def test_the_english_form_uses_the_english_subject_and_title_when_the_organisation_wrote_them(
    client, world
):
    touchpoint = make_touchpoint(world.org, name_en="Repair done", subject_en="the technician")
    english = fresh_form(client, touchpoint, "?lang=en")[0].content.decode()
    assert (
        "How likely is it that you would recommend the technician to friends or family?" in english
    )
    assert '<h1 class="public-title">Repair done</h1>' in english
    dutch = fresh_form(client, touchpoint)[0].content.decode()
    assert "Hoe waarschijnlijk is het dat u de monteur aanbeveelt" in dutch
    assert '<h1 class="public-title">Reparatie afgerond</h1>' in dutch


def test_a_submission_stores_one_routed_record_and_thanks_the_customer(client, touchpoint, world):
    _page, fields = fresh_form(client, touchpoint)
    response = submit(client, touchpoint, fields)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("feedback-form-thanks", args=[touchpoint.uuid]))
    record = Feedback.objects.get()
    assert (record.score, record.team, record.source, record.touchpoint) == (
        9,
        world.team,
        "form",
        "Reparatie afgerond",
    )
    assert record.n_compliments >= 1
    thanks = client.get(response["Location"]).content.decode()
    assert "Bedankt!" in thanks


def test_sending_the_same_form_twice_stores_it_once_and_thanks_again(client, touchpoint):
    _page, fields = fresh_form(client, touchpoint)
    submit(client, touchpoint, fields)
    again = submit(client, touchpoint, fields, score="2", reason="Toch niet tevreden.")
    assert again.status_code == 302
    assert "Bedankt!" in client.get(again["Location"]).content.decode()
    assert Feedback.objects.count() == 1 and Feedback.objects.get().score == 9


def test_reloading_the_form_keeps_its_token_and_a_forged_one_is_replaced(client, touchpoint):
    page, fields = fresh_form(client, touchpoint, "?ref=H-201944")
    address = page.redirect_chain[-1][0]
    assert "ref=H-201944" in address
    reloaded = client.get(address).content.decode()
    assert f'name="token" value="{fields["token"]}"' in reloaded
    forged = client.get(reverse("feedback-form", args=[touchpoint.uuid]) + "?t=forged:token")
    assert forged.status_code == 302 and "t=forged" not in forged["Location"]


def test_back_after_sending_shows_the_thanks_page_and_a_resend_stores_nothing(client, touchpoint):
    page, fields = fresh_form(client, touchpoint)
    submit(client, touchpoint, fields)
    # Back on a phone fetches the form's address again, with the answers filled in by the
    # browser; what comes back must not be a form with a new token.
    back = client.get(page.redirect_chain[-1][0], follow=True)
    html = back.content.decode()
    assert "Bedankt!" in html and 'name="token"' not in html
    resent = submit(client, touchpoint, fields, score="2")
    assert "Bedankt!" in client.get(resent["Location"]).content.decode()
    assert Feedback.objects.count() == 1


def test_a_customer_who_opens_the_form_afresh_can_answer_again(client, touchpoint):
    _page, fields = fresh_form(client, touchpoint)
    submit(client, touchpoint, fields)
    _page, fields = fresh_form(client, touchpoint)
    assert submit(client, touchpoint, fields, score="7").status_code == 302
    assert sorted(Feedback.objects.values_list("score", flat=True)) == [7, 9]


def test_a_linked_customer_may_agree_to_be_contacted_and_becomes_a_case(client, touchpoint):
    page, fields = fresh_form(client, touchpoint, "?ref=H-201944")
    assert "U mag contact met mij opnemen over mijn antwoord." in page.content.decode()
    submit(
        client,
        touchpoint,
        {**fields, "ref": "H-201944"},
        score="3",
        reason="De monteur kwam niet opdagen.",
        contact_consent="on",
    )
    record = Feedback.objects.get()
    assert (record.customer_ref, record.contact_consent) == ("H-201944", True)
    assert FollowUpCase.objects.get(feedback=record).team == touchpoint.team


def test_an_answer_is_stored_and_counted_before_the_thanks_and_read_in_the_background(
    client, touchpoint, monkeypatch
):
    # The background follow-up is lost (a worker died): the answer is stored and counted all
    # the same, and the periodic job reads it and opens its case later, exactly once.
    started: list[int] = []
    monkeypatch.setattr("klantcultuur.feedback.views.public.follow_up_soon", started.append)
    _page, fields = fresh_form(client, touchpoint, "?ref=H-201944")
    submit(
        client,
        touchpoint,
        {**fields, "ref": "H-201944"},
        score="3",
        reason="De monteur kwam niet opdagen.",
        contact_consent="on",
    )
    record = Feedback.objects.get()
    assert started == [touchpoint.organization_id]
    assert (record.analysed, record.sentences.count(), FollowUpCase.objects.count()) == (
        False,
        0,
        0,
    )
    stats = DailyTeamStats.objects.get(team=touchpoint.team)
    assert (stats.records, stats.nps_detractors, stats.with_comment) == (1, 1, 1)
    assert rollup.differences(touchpoint.organization_id) == []

    call_command("feedback_follow_up", stdout=io.StringIO())

    record.refresh_from_db()
    assert record.analysed and record.n_improvements >= 1 and record.sentences.exists()
    assert FollowUpCase.objects.get(feedback=record).team == touchpoint.team
    assert rollup.differences(touchpoint.organization_id) == []
    assert answers_follow_up(organization_id=touchpoint.organization_id) == 0  # nothing twice
    assert FollowUpCase.objects.count() == 1


def test_the_follow_up_leaves_an_import_of_the_same_days_to_its_own_reading(world, touchpoint):
    from klantcultuur.feedback.tests.factories import item

    # An import's records wait for its own analysis task; their cases came with the import.
    ingest(world.org, item(score=2, reason="Slecht", contact_consent=True), source="import")
    Feedback.objects.update(analysed=False)
    assert answers_follow_up(organization_id=world.org.id) == 0
    assert not Feedback.objects.get().analysed


def test_the_honeypot_pretends_success_and_stores_nothing(client, touchpoint):
    _page, fields = fresh_form(client, touchpoint)
    response = submit(client, touchpoint, fields, website="http://spam.example")
    assert response.status_code == 302
    assert Feedback.objects.count() == 0


def test_a_forged_token_stores_nothing(client, touchpoint):
    _page, fields = fresh_form(client, touchpoint)
    response = submit(client, touchpoint, {**fields, "token": "forged:token"})
    assert response.status_code == 200
    assert "Dit formulier stond te lang open" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_score_outside_the_scale_is_refused(client, touchpoint):
    _page, fields = fresh_form(client, touchpoint)
    response = submit(client, touchpoint, fields, score="11")
    assert response.status_code == 200 and Feedback.objects.count() == 0


def test_too_many_answers_from_one_address_are_refused(client, touchpoint, settings):
    settings.FEEDBACK_FORM_RATE_LIMIT = 3
    statuses = []
    for _n in range(4):
        _page, fields = fresh_form(client, touchpoint)
        statuses.append(submit(client, touchpoint, fields).status_code)
    assert statuses == [302, 302, 302, 429]
    assert Feedback.objects.count() == 3


def test_behind_the_proxy_a_made_up_forwarded_address_does_not_get_past_the_rate_limit(
    client, touchpoint, settings
):
    settings.FEEDBACK_FORM_RATE_LIMIT = 3
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.PROXY_HOPS = 1
    statuses = []
    for n in range(4):  # the proxy appends the address it saw to what the client sent
        forwarded = {
            "HTTP_X_FORWARDED_FOR": f"10.0.0.{n}, 203.0.113.7",
            "HTTP_X_FORWARDED_PROTO": "https",
        }
        _page, fields = fresh_form(client, touchpoint)
        statuses.append(submit(client, touchpoint, fields, headers=forwarded).status_code)
    assert statuses == [302, 302, 302, 429]
    assert Feedback.objects.count() == 3


def test_a_closed_or_unknown_form_is_a_friendly_404(client, touchpoint):
    touchpoint.is_active = False
    touchpoint.save()
    response = client.get(reverse("feedback-form", args=[touchpoint.uuid]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Dit formulier is gesloten" in html
    assert "Uw antwoord gaat naar het team" not in html  # a closed form takes no answer


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_of_one_form_store_exactly_one_record():
    world = build_world()
    touchpoint = make_touchpoint(world.org, team=world.team)
    first = Client()
    _page, fields = fresh_form(first, touchpoint)
    clients = [Client() for _n in range(6)]
    for c in clients:  # every browser tab has the same CSRF cookie and form token
        c.cookies = first.cookies
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def send(c: Client) -> None:
        try:
            barrier.wait()
            statuses.append(submit(c, touchpoint, fields).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * len(clients)
    assert Feedback.objects.count() == 1


class _Extension:
    """An app above feedback that adds one question to touchpoints named "Reparatie afgerond"."""

    def __init__(self):
        self.received = []

    def questions(self, touchpoint, language):
        from klantcultuur.feedback.form_extensions import ExtraQuestion

        if touchpoint.name != "Reparatie afgerond":
            return []
        return [ExtraQuestion("wens", "Wat wenst u?" if language == "nl" else "Your wish?")]

    def receive(self, submission):
        self.received.append(submission)


@pytest.fixture
def extension():
    from klantcultuur.feedback import form_extensions

    added = _Extension()
    form_extensions.register(added)
    yield added
    form_extensions.unregister(added)


def test_an_extension_adds_its_question_and_receives_the_answer_with_the_record(
    client, touchpoint, extension, world
):
    page, fields = fresh_form(client, touchpoint)
    assert "Wat wenst u?" in page.content.decode()
    response = submit(client, touchpoint, fields, x_wens="  Een vaste monteur.\x07 ", ref="K-7")
    assert response.status_code == 302
    record = Feedback.objects.get()
    (submission,) = extension.received
    assert submission.answers == {"wens": "Een vaste monteur."}
    assert submission.external_id == record.external_id
    assert (submission.customer_ref, submission.team_id, submission.language) == (
        "K-7",
        world.team.id,
        "nl",
    )


def test_an_extension_is_not_told_of_an_empty_answer_nor_asked_on_other_forms(
    client, touchpoint, extension, world
):
    _page, fields = fresh_form(client, touchpoint)
    submit(client, touchpoint, fields, x_wens="   ")
    assert extension.received == [] and Feedback.objects.count() == 1
    other = make_touchpoint(world.org, name="Verhuizing")
    page, _fields = fresh_form(client, other)
    assert "Wat wenst u?" not in page.content.decode()
