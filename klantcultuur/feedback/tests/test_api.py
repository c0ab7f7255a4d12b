"""The REST API: tokens per organisation, batch ingest, the touchpoint endpoint, the schema."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import ApiToken, Feedback, FollowUpCase, Touchpoint
from klantcultuur.feedback.services.setup import token_create, token_revoke


@pytest.fixture
def token(world):
    return token_create(organization=world.org, name="CRM-koppeling", user=world.cx_lead.user)[1]


def post(client, url, body, token=None, **headers):
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def record(**values):
    moment = (timezone.now() - timedelta(hours=3)).isoformat()
    return {"received_at": moment, "metric": "nps", "score": 8, **values}


def test_a_token_is_stored_only_as_a_hash_and_shown_once(world):
    api_token, secret = token_create(organization=world.org, name="x", user=None)
    assert secret.startswith("kc_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=api_token.pk)
    assert secret not in (stored.token_hash, stored.prefix) and stored.prefix == secret[:10]


def test_records_are_stored_routed_and_read(client, world, token):
    body = {
        "records": [
            record(
                external_id="A-1",
                team_code="W-KC-1",
                score=3,
                contact_consent=True,
                reason="Vriendelijk geholpen, maar wel lang moeten wachten.",
                customer_ref="H-1",
            ),
            record(external_id="A-2", score=10, reason="Top service!"),
        ]
    }
    response = post(client, reverse("feedback-api-records"), body, token)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["created"], data["duplicates"], data["refused"]) == (2, 0, 0)
    first = Feedback.objects.get(external_id="A-1")
    assert first.team == world.team and first.source == "api"
    assert first.n_improvements == 1 and first.analysed
    assert FollowUpCase.objects.get(feedback=first).team == world.team
    assert Feedback.objects.get(external_id="A-2").team is None  # no rule: unrouted
    assert data["results"][0] == {"index": 0, "status": "created", "id": str(first.uuid)}
    assert rollup.differences(world.org.id) == []


def test_sending_the_same_records_again_stores_nothing_twice(client, world, token):
    body = {"records": [record(external_id="B-1"), record(reason="Zonder id, dus op inhoud.")]}
    post(client, reverse("feedback-api-records"), body, token)
    again = post(client, reverse("feedback-api-records"), body, token).json()
    assert (again["created"], again["duplicates"]) == (0, 2)
    assert Feedback.objects.count() == 2


def test_two_identical_records_without_id_in_one_batch_are_two_answers(client, world, token):
    same = record(score=9)  # two customers, same moment and score, no comment
    first = post(client, reverse("feedback-api-records"), {"records": [same, same]}, token).json()
    again = post(client, reverse("feedback-api-records"), {"records": [same, same]}, token).json()
    assert (first["created"], again["created"], again["duplicates"]) == (2, 0, 2)
    assert Feedback.objects.count() == 2


def test_invalid_records_are_refused_with_reasons_and_the_rest_is_stored(client, world, token):
    body = {
        "records": [
            record(score=11),
            record(external_id="ok"),
            {"received_at": "gisteren"},
            record(colour="blue"),
        ]
    }
    data = post(client, reverse("feedback-api-records"), body, token).json()
    statuses = [r["status"] for r in data["results"]]
    assert statuses == ["refused", "created", "refused", "refused"]
    assert data["results"][0]["errors"] == ["Score: 11 valt buiten de NPS-schaal (0–10)."]
    assert data["results"][3]["errors"] == ["Unknown field “colour”."]
    assert Feedback.objects.count() == 1


def test_a_list_or_object_where_one_value_belongs_is_refused_and_the_rest_stored(
    client, world, token
):
    body = {
        "records": [
            record(metric=["nps"]),
            record(contact_consent={"ja": 1}),
            record(is_internal=[True]),
            record(reason={"tekst": "x"}),
            record(external_id="goed"),
        ]
    }
    response = post(client, reverse("feedback-api-records"), body, token)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["refused"] * 4 + ["created"]
    assert results[0]["errors"] == ["Meting: stuur één waarde, geen lijst of object."]
    assert results[1]["errors"][0].startswith("Contact toegestaan: stuur één waarde")
    assert list(Feedback.objects.values_list("external_id", flat=True)) == ["goed"]


def test_a_missing_or_bad_token_gets_401(client, world, token):
    url = reverse("feedback-api-records")
    assert post(client, url, {"records": [record()]}).status_code == 401
    response = post(client, url, {"records": [record()]}, "kc_wrong-token")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert Feedback.objects.count() == 0


def test_a_revoked_token_no_longer_works(client, world):
    api_token, secret = token_create(organization=world.org, name="oud", user=None)
    token_revoke(token=api_token)
    assert (
        post(client, reverse("feedback-api-records"), {"records": [record()]}, secret).status_code
        == 401
    )


def test_a_token_of_another_organisation_stores_in_its_own_and_cannot_reach_ours(client, world):
    _other, secret = token_create(organization=world.other_org, name="zuid", user=None)
    ours = Touchpoint.objects.create(organization=world.org, name="Balie", subject="de balie")
    url = reverse("feedback-api-touchpoint", args=[ours.uuid])
    assert post(client, url, {"records": [record()]}, secret).status_code == 404
    post(client, reverse("feedback-api-records"), {"records": [record(team_code="W-KC-1")]}, secret)
    stored = Feedback.objects.get()
    assert stored.organization == world.other_org and stored.team is None


def test_a_token_without_the_permission_gets_403(client, world):
    _api_token, secret = token_create(
        organization=world.org, name="webhook", user=None, can_ingest=False
    )
    assert (
        post(client, reverse("feedback-api-records"), {"records": [record()]}, secret).status_code
        == 403
    )


def test_the_touchpoint_endpoint_fills_in_its_metric_channel_and_team(client, world, token):
    touchpoint = Touchpoint.objects.create(
        organization=world.org,
        name="Balie",
        subject="de balie",
        metric="csat",
        channel="balie",
        team=world.back_team,
    )
    url = reverse("feedback-api-touchpoint", args=[touchpoint.uuid])
    body = {"records": [{"received_at": record()["received_at"], "score": 4}]}
    assert post(client, url, body, token).json()["created"] == 1
    stored = Feedback.objects.get()
    assert (stored.metric, stored.channel, stored.touchpoint, stored.team) == (
        "csat",
        "balie",
        "Balie",
        world.back_team,
    )


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [("{not json", "application/json", 400), ("[]", "application/json", 400),
     ("records=1", "application/x-www-form-urlencoded", 400)],
)  # fmt: skip
def test_malformed_bodies_get_400(client, world, token, body, content_type, status):
    response = client.post(
        reverse("feedback-api-records"),
        body,
        content_type=content_type,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == status


def test_more_than_a_thousand_records_get_400_as_the_schema_says(client, world, token):
    assert (
        post(
            client, reverse("feedback-api-records"), {"records": [record()] * 1001}, token
        ).status_code
        == 400
    )


def test_the_openapi_schema_is_served_and_describes_every_endpoint(client):
    schema = client.get(reverse("feedback-api-schema")).json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/v1/feedback/",
        "/api/v1/webhooks/formbricks/{token}/",
        "/api/v1/touchpoints/{touchpoint}/feedback/",
    }
    record_schema = schema["components"]["schemas"]["Record"]
    assert set(record_schema["properties"]) >= {
        "received_at",
        "score",
        "reason",
        "suggestion",
        "external_id",
        "customer_ref",
        "contact_consent",
    }


def test_the_served_openapi_schema_stays_english_for_developers(client):
    schema = client.get(reverse("feedback-api-schema"), HTTP_ACCEPT_LANGUAGE="nl").json()
    ingest = schema["paths"]["/api/v1/feedback/"]["post"]
    assert ingest["summary"] == "Store a batch of feedback records (at most 1000)"


def test_the_api_page_speaks_dutch_and_shows_types_readably(client, login, world):
    html = login(world.cx_lead).get(reverse("feedback-api-docs")).content.decode()
    assert "Een reeks feedbackreacties opslaan (hoogstens 1000)" in html
    assert "De OpenAPI-beschrijving van deze API" in html
    assert "Laat een Formbricks-webhook naar dit adres wijzen" in html
    assert "Wanneer de klant antwoordde" in html
    assert "integer of null" in html and "string (date-time)" in html
    assert "[&#x27;" not in html and "['" not in html
    assert "Store a batch" not in html and "When the customer answered" not in html


def test_the_api_page_shows_a_new_token_once(client, login, world):
    page = login(world.cx_lead)
    response = page.post(reverse("feedback-api-docs"), {"name": "Qualtrics", "can_ingest": "on"})
    secret = response.context["secret"]
    assert secret.startswith("kc_") and secret in response.content.decode()
    assert secret not in page.get(reverse("feedback-api-docs")).content.decode()
