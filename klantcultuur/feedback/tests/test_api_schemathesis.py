"""Schemathesis against the served OpenAPI document (/api/v1/openapi.json), in process:
every operation, with bodies it generates from the document and bodies that break it, must
answer without a server error and as the document says (status, content type, body)."""

from __future__ import annotations

from uuid import UUID

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from klantcultuur.feedback.api.openapi import schema as openapi_document
from klantcultuur.feedback.models import Touchpoint
from klantcultuur.feedback.services.setup import token_create

# The document the API serves (test_the_served_document_is_the_one_tested checks that).
schema = schemathesis.openapi.from_dict(openapi_document())
schema.app = get_wsgi_application()  # called in process, probes of the checks as well


@pytest.fixture
def app(db):
    """Requests to the WSGI application run on the test's database connection and transaction."""
    # As Django's test client does: the connection is not closed after each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schema.app
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_served_document_is_the_one_tested(client):
    assert client.get(reverse("feedback-api-schema")).json() == openapi_document()


@pytest.fixture
def credentials(world):
    touchpoint = Touchpoint.objects.create(
        organization=world.org, name="Balie", subject="x", team=world.team
    )
    api_token, secret = token_create(
        organization=world.org, name="schemathesis", user=None, touchpoint=touchpoint
    )
    api_token.formbricks_fields = {"q1": "score", "q2": "reason"}
    api_token.save(update_fields=["formbricks_fields"])
    return secret, str(touchpoint.uuid)


def _is_uuid(value: object) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


@schema.parametrize()
@hypothesis_settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_its_openapi_document_says(case, app, credentials):
    secret, touchpoint = credentials
    parameters = case.path_parameters or {}
    if "token" in parameters:
        parameters["token"] = secret  # the webhook's token sits in its address
    if _is_uuid(parameters.get("touchpoint")):
        parameters["touchpoint"] = touchpoint  # a malformed one stays: it must be a JSON 404
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"})
