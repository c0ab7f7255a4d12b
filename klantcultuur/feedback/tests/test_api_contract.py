"""The API answers as its OpenAPI document says: the body it describes and nothing else,
JSON errors with the listed status codes, and no secret token in the logs."""

from __future__ import annotations

import json
import logging

import pytest
from django.urls import reverse

from klantcultuur.feedback.models import Feedback, Touchpoint
from klantcultuur.feedback.services.setup import token_create
from klantcultuur.feedback.tests.test_api import post, record
from klantcultuur.feedback.tests.test_webhook import hook, payload  # noqa: F401 (fixture)


@pytest.fixture
def token(world):
    return token_create(organization=world.org, name="CRM-koppeling", user=None)[1]


def test_a_bare_list_of_records_is_refused_as_the_schema_wants_an_object(client, world, token):
    response = post(client, reverse("feedback-api-records"), [record()], token)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "records" in response.json()["error"]
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("body", [{"records": "x"}, {"records": []}, {"records": [1]}, {}])
def test_a_body_not_shaped_as_the_schema_says_is_a_400(client, world, token, body):
    response = post(client, reverse("feedback-api-records"), body, token)
    assert response.status_code == 400
    assert Feedback.objects.count() == 0


def test_an_unknown_touchpoint_is_a_json_404(client, world, token):
    other = Touchpoint.objects.create(organization=world.other_org, name="Balie", subject="x")
    for code in ("6f1c7c0e-5e0a-4d38-9c55-0a3c0d7f2b11", str(other.uuid)):
        url = reverse("feedback-api-touchpoint", args=[code])
        response = post(client, url, {"records": [record()]}, token)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"]


@pytest.mark.parametrize(
    "data",
    [{"id": 12345}, {"id": True}, {"id": {"a": 1}}, {"id": ["x"]}, {"id": "r1", "finished": "ja"},
     {"id": "r1", "createdAt": 5}, {"id": "r1", "data": ["x"]}, {"id": "r1", "contact": "H-1"},
     {"id": "r1", "contact": {"userId": 7}}, {"id": "r1", "language": 3}],
)  # fmt: skip
def test_a_webhook_whose_response_fields_have_the_wrong_type_gets_400(client, world, hook, data):  # noqa: F811
    body = payload()
    body["data"].update(data)
    response = client.post(hook, json.dumps(body), content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]
    assert Feedback.objects.count() == 0


def test_a_refused_webhook_call_leaves_the_token_out_of_the_log(client, world, hook, caplog):  # noqa: F811
    secret = hook.rstrip("/").rsplit("/", 1)[1]
    with caplog.at_level(logging.WARNING, logger="django.request"):
        refused = client.post(hook, "{not json", content_type="application/json")
        wrong = client.post(
            hook.replace(secret, secret[:-3] + "xyz"), "{}", content_type="application/json"
        )
    assert (refused.status_code, wrong.status_code) == (400, 401)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and all("/api/v1/webhooks/formbricks/" in line for line in lines)
    assert not any(secret[:12] in line for line in lines), lines
