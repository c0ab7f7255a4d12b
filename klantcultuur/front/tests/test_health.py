"""Liveness (/health/) and readiness (/ready/): what supervisors and load balancers ask."""

from __future__ import annotations

import socket

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klantcultuur.testing import require_service, service_reachable


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_liveness_answers_without_asking_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("front-health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0


@pytest.mark.django_db
def test_readiness_checks_database_cache_and_storage(client):
    response = client.get(reverse("front-ready"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }


@pytest.mark.django_db
def test_readiness_fails_when_the_configured_broker_does_not_answer(client, settings):
    from klantcultuur.celery import app

    settings.TASK_MODE = "celery"
    old = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"
    try:
        response = client.get(reverse("front-ready"))
    finally:
        app.conf.broker_url = old
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "failed"
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.redis
@pytest.mark.django_db
def test_readiness_checks_a_running_broker(client, settings):
    require_service("Redis on 127.0.0.1:6379", service_reachable("127.0.0.1", 6379))
    from klantcultuur.celery import app

    settings.TASK_MODE = "celery"
    old = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:6379/0"
    try:
        response = client.get(reverse("front-ready"))
    finally:
        app.conf.broker_url = old
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


@pytest.mark.django_db
def test_readiness_checks_the_object_store(client, s3_storage, settings):
    assert client.get(reverse("front-ready")).json()["checks"]["storage"] == "ok"
    settings.STORAGES["default"]["OPTIONS"]["bucket_name"] = "no-such-bucket"
    settings.STORAGES = {**settings.STORAGES}  # a new storage object for the new bucket
    response = client.get(reverse("front-ready"))
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "failed"


@pytest.mark.django_db
def test_probes_over_plain_http_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("front-health")).status_code == 200
    assert client.get(reverse("front-ready")).status_code == 200
    assert client.get(reverse("accounts-login")).status_code == 301
