"""The Formbricks webhook receiver: the payload as Formbricks sends it, one record per response."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import Feedback, FollowUpCase, Touchpoint
from klantcultuur.feedback.services.setup import token_create

QUESTIONS = {"nps-q": "score", "why-q": "reason", "ten-q": "suggestion", "ok-q": "contact_consent",
             "team": "team_code"}  # fmt: skip


@pytest.fixture
def hook(world):
    touchpoint = Touchpoint.objects.create(
        organization=world.org,
        name="Reparatie afgerond",
        subject="de monteur",
        metric="nps",
        channel="sms",
    )
    api_token, secret = token_create(
        organization=world.org, name="Formbricks", user=None, touchpoint=touchpoint
    )
    api_token.formbricks_fields = QUESTIONS
    api_token.save()
    return reverse("feedback-api-formbricks", args=[secret])


def payload(event="responseFinished", answers=None, response_id="clx8resp0001", finished=True):
    created = (timezone.now() - timedelta(minutes=5)).isoformat().replace("+00:00", "Z")
    return {
        "webhookId": "clx7hook0001",
        "event": event,
        "data": {
            "id": response_id,
            "createdAt": created,
            "updatedAt": created,
            "surveyId": "clx6survey01",
            "displayId": "clx6display1",
            "finished": finished,
            "data": answers
            if answers is not None
            else {
                "nps-q": 4,
                "why-q": "De monteur kwam niet opdagen.",
                "ten-q": "Op tijd komen.",
                "ok-q": "accepted",
                "team": "W-KC-1",
            },
            "meta": {
                "source": "link",
                "url": "https://forms.example/s/clx6survey01?team=W-KC-1",
                "userAgent": {"browser": "Chrome", "os": "Android", "device": "mobile"},
                "country": "NL",
            },
            "ttc": {"nps-q": 3200},
            "tags": [],
            "notes": [],
            "variables": {},
            "language": "default",
            "contact": {"id": "clx5contact1", "userId": "H-44120"},
            "contactAttributes": {"email": "niet-opgeslagen@example.nl"},
        },
    }


def send(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_finished_response_becomes_a_routed_read_record_with_a_case(client, world, hook):
    response = send(client, hook, payload())
    assert response.status_code == 201, response.content
    stored = Feedback.objects.get()
    assert (stored.external_id, stored.score, stored.metric, stored.source) == (
        "clx8resp0001",
        4,
        "nps",
        "webhook",
    )
    assert (stored.team, stored.customer_ref, stored.contact_consent) == (
        world.team,
        "H-44120",
        True,
    )
    assert stored.touchpoint == "Reparatie afgerond" and stored.channel == "sms"
    assert stored.n_improvements >= 1
    assert FollowUpCase.objects.filter(feedback=stored).exists()
    # Attributes of the contact (its e-mail address) are not kept.
    assert "niet-opgeslagen" not in str(Feedback.objects.values().get())


def test_the_same_webhook_twice_stores_one_record(client, world, hook):
    send(client, hook, payload())
    again = send(client, hook, payload())
    assert again.json()["status"] == "unchanged"
    assert Feedback.objects.count() == 1 and FollowUpCase.objects.count() == 1


def test_later_events_of_the_same_response_update_its_record(client, world, hook):
    created = send(client, hook, payload("responseCreated", {"nps-q": 9}, finished=False))
    assert created.status_code == 201
    finished = send(
        client,
        hook,
        payload(answers={"nps-q": 3, "why-q": "Niemand belde terug.", "ok-q": "accepted"}),
    )
    assert finished.json()["status"] == "updated"
    stored = Feedback.objects.get()
    assert (stored.score, stored.reason, stored.n_improvements) == (3, "Niemand belde terug.", 1)
    assert FollowUpCase.objects.filter(feedback=stored).exists()  # now a consenting detractor
    assert rollup.differences(world.org.id) == []


def test_a_response_without_answers_yet_is_ignored(client, world, hook):
    response = send(client, hook, payload("responseCreated", {}, finished=False))
    assert response.status_code == 200 and response.json()["status"] == "ignored"
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize(
    "body", [{"event": "surveyDeleted", "data": {"id": "x"}}, {"event": "responseFinished"}, []]
)
def test_what_is_not_a_response_webhook_gets_400(client, world, hook, body):
    assert send(client, hook, body).status_code == 400


def test_a_wrong_token_in_the_address_gets_401(client, world, hook):
    url = reverse("feedback-api-formbricks", args=["kc_made-up"])
    assert send(client, url, payload()).status_code == 401
    assert Feedback.objects.count() == 0


def test_a_token_that_may_not_receive_webhooks_gets_403(client, world):
    _api_token, secret = token_create(
        organization=world.org, name="alleen api", user=None, can_webhook=False
    )
    url = reverse("feedback-api-formbricks", args=[secret])
    assert send(client, url, payload()).status_code == 403


def test_the_test_endpoint_call_of_formbricks_is_answered_ok_and_stores_nothing(client, hook):
    # As Formbricks' "Test endpoint" button sends it (apps/web webhook testEndpoint).
    response = client.post(
        hook, data=json.dumps({"event": "testEndpoint"}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "event": "testEndpoint"}
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("event", ["responseCreated", "responseUpdated", "responseFinished"])
def test_every_response_event_is_taken(client, hook, event):
    response = client.post(hook, data=json.dumps(payload(event)), content_type="application/json")
    assert response.status_code in (200, 201)
    assert Feedback.objects.get(external_id="clx8resp0001").score == 4


def test_a_refused_webhook_call_keeps_its_token_out_of_the_log(client, hook, caplog):
    secret = hook.rstrip("/").rsplit("/", 1)[1]
    caplog.set_level("INFO")
    for body in ({"event": "nonsense"}, "not json"):
        response = client.post(
            hook,
            data=json.dumps(body) if isinstance(body, dict) else body,
            content_type="application/json",
        )
        assert response.status_code == 400
    bad = hook.replace(secret, secret[:-4] + "abcd")
    assert client.post(bad, data="{}", content_type="application/json").status_code == 401
    assert caplog.records, "the refusals are logged"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert secret not in logged and secret[:-4] not in logged
