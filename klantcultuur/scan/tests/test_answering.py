"""Answering through a personal or an open link: pages, drafts, anonymous submission, single use."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from klantcultuur.scan import services
from klantcultuur.scan.models import Invitation, OpenLink, Response
from klantcultuur.scan.services.answering import clean, empty_draft
from klantcultuur.scan.tests.helpers import make_wave


def today():
    """Today in the interface's time zone, read when a test runs (not when it is collected:
    a run that crosses midnight in Amsterdam would compare two different days)."""
    return timezone.localdate()


@pytest.fixture
def wave(world):
    wave = make_wave(world.org, launched=False)
    services.wave_launch(wave=wave)
    return wave


@pytest.fixture
def bob(wave, world):
    invitation = Invitation.objects.get(wave=wave, membership=world.employee)
    return invitation, reverse("scan-respond", args=[services.invitation_token(invitation)])


def test_the_intro_promises_anonymity_and_the_first_page_is_one_section(client, bob):
    _invitation, url = bob
    body = client.get(url).content.decode()
    assert "Je antwoorden zijn anoniem" in body and "Stap 1 van" in body
    response = client.post(url, {"page": 0, "action": "next"})
    assert response.status_code == 302 and response["Location"].endswith("?page=1")
    page = client.get(url + "?page=1").content.decode()
    assert "<h1>Onze klantvisie</h1>" in page
    assert "Het is mij duidelijk wat onze organisatie wel en niet voor klanten wil zijn." in page
    assert "weet ik niet" in page and "<h1>Leidinggeven</h1>" not in page


def test_answers_are_kept_with_the_invitation_and_continue_on_another_device(client, bob):
    invitation, url = bob
    response = client.post(url, {"page": 1, "action": "save", "VIS1": "4", "VIS2": "0"})
    assert response["Location"].endswith("?page=1&saved=1")
    invitation.refresh_from_db()
    assert invitation.draft["answers"] == {"VIS1": 4, "VIS2": 0}
    other_device = Client()
    page = other_device.get(url + "?page=1").content.decode()
    assert 'id="q-VIS1-4" name="VIS1" value="4" checked' in page
    saved = other_device.get(url + "?page=1&saved=1").content.decode()
    assert "Je antwoorden zijn bewaard. Gebruik dezelfde link om later verder te gaan" in saved


def test_submitting_stores_an_anonymous_response_and_marks_the_invitation_with_a_date(
    client, bob, wave
):
    invitation, url = bob
    client.post(url, {"page": 1, "action": "next", "VIS1": "4", "VIS2": "5"})
    review = client.get(url + "?page=99").content.decode()  # beyond the end: the review page
    assert "Controleren en versturen" in review and "2 / 5" in review
    response = client.post(url, {"page": 99, "action": "submit"})
    assert "Je antwoorden zijn verstuurd en anoniem bewaard." in response.content.decode()
    stored = Response.objects.get(wave=wave)
    assert stored.answers == {"VIS1": 4, "VIS2": 5} and stored.role == "employee"
    # Bob is his team's only employee: his answers are pooled with the organisation.
    assert stored.unit is None
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "wave",
        "unit",
        "role",
        "answers",
        "comments",
    }
    invitation.refresh_from_db()
    assert invitation.answered_on == today() and invitation.draft is None


def test_a_used_link_cannot_submit_again_nor_show_the_answers(client, bob, wave):
    _invitation, url = bob
    client.post(url, {"page": 1, "action": "next", "VIS1": "2"})
    client.post(url, {"page": 99, "action": "submit"})
    again = client.get(url + "?page=1")
    body = again.content.decode()
    assert again.status_code == 200 and "Je hebt deze scan al ingevuld" in body
    assert "VIS1" not in body and "Onze klantvisie" not in body
    replay = client.post(url, {"page": 99, "action": "submit"})
    assert replay.status_code == 409
    assert Response.objects.filter(wave=wave).count() == 1


def test_an_invalid_answer_is_refused_and_nothing_is_saved(client, bob):
    invitation, url = bob
    response = client.post(url, {"page": 1, "action": "next", "VIS1": "9"})
    assert response.status_code == 400
    assert "Een of meer antwoorden waren ongeldig" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.draft is None


def test_answers_to_questions_not_offered_to_the_role_are_dropped(wave):
    draft = empty_draft("employee")
    draft["answers"] = {"VBZ1": 5, "VBM1": 2}
    answers, _comments = clean(wave.frozen_questionnaire, "employee", draft)
    assert answers == {"VBM1": 2}


def test_the_form_follows_the_respondents_language(client, bob, world):
    world.employee.user.language = "en"
    world.employee.user.save(update_fields=["language"])
    page = client.get(bob[1] + "?page=1").content.decode()
    assert "<h1>Our customer vision</h1>" in page and "strongly agree" in page


def test_an_unknown_link_is_a_404_and_a_closed_wave_says_so(client, bob, wave):
    assert client.get(reverse("scan-respond", args=["not-a-token"])).status_code == 404
    services.wave_close(wave=wave)
    response = client.get(bob[1])
    assert response.status_code == 410
    assert "Deze scan is gesloten" in response.content.decode()


def test_a_scheduled_wave_says_when_it_opens(client, world):
    later = make_wave(
        world.org,
        launched=False,
        opens_on=today() + timedelta(days=3),
        closes_on=today() + timedelta(days=20),
    )
    services.wave_launch(wave=later)
    invitation = later.invitations.get(membership=world.employee)
    response = client.get(reverse("scan-respond", args=[services.invitation_token(invitation)]))
    assert response.status_code == 410 and "Deze scan opent op" in response.content.decode()


# --- Open links -------------------------------------------------------------------------
@pytest.fixture
def link(wave, world):
    return services.open_link_create(wave=wave, unit=world.team, actor=None)


def test_an_open_link_asks_whether_you_lead_people_first(client, link):
    url = reverse("scan-open", args=[link.token])
    assert "Geef je leiding aan mensen" in client.get(url).content.decode()
    response = client.post(url, {"page": 0, "action": "next"})
    assert response.status_code == 400 and "Kies of je leidinggeeft." in response.content.decode()


def test_an_open_link_keeps_its_draft_under_a_random_session_key_and_submits_anonymously(
    client, link, wave, world
):
    url = reverse("scan-open", args=[link.token])
    client.post(url, {"page": 0, "action": "next", "role": "manager"})
    client.post(url, {"page": 1, "action": "next", "VIS1": "5"})
    drafts = client.session["scan_open_links"]
    key = drafts[link.uuid.hex]
    assert key.startswith("scan_draft_") and link.uuid.hex not in key
    assert client.session[key]["answers"] == {"VIS1": 5}
    client.post(url, {"page": 99, "action": "submit"})
    stored = Response.objects.get(wave=wave)
    assert (stored.role, stored.answers) == ("manager", {"VIS1": 5})
    assert key not in client.session
    link.refresh_from_db()
    assert link.submitted == 1


def test_a_switched_off_or_forged_open_link_takes_no_answers(client, link):
    services.open_link_set_active(link=link, active=False)
    assert client.get(reverse("scan-open", args=[link.token])).status_code == 410
    forged = link.token[:-2] + "xx"
    assert client.get(reverse("scan-open", args=[forged])).status_code == 404
    assert OpenLink.uuid_from_token(forged) is None
