"""Control characters from customers are cleaned on every way in (form, API, webhook, import),
and a record stored before that (or by any other way) still exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from klantcultuur.feedback.importing.rows import _texts
from klantcultuur.feedback.models import Feedback
from klantcultuur.feedback.services.setup import token_create
from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.feedback.tests.test_public_form import (  # noqa: F401 (fixtures)
    _fresh_rate_limits,
    fresh_form,
    submit,
    touchpoint,
)
from klantcultuur.feedback.tests.test_webhook import hook, payload  # noqa: F401 (fixture)
from klantcultuur.feedback.validation import clean_record

DIRTY = "Lang\x0b\x08 gewacht\x1b op de monteur\x7f."
CLEAN = "Lang gewacht op de monteur."


def test_the_public_form_stores_no_control_characters(client, touchpoint):  # noqa: F811
    _page, fields = fresh_form(client, touchpoint)
    response = submit(client, touchpoint, fields, reason=DIRTY, suggestion="Bel\x0b terug")
    assert response.status_code == 302
    record = Feedback.objects.get()
    assert (record.reason, record.suggestion) == (CLEAN, "Bel terug")


def test_the_api_stores_no_control_characters(client, world):
    secret = token_create(organization=world.org, name="CRM", user=None)[1]
    moment = (timezone.now() - timedelta(hours=2)).isoformat()
    body = {
        "records": [
            {
                "received_at": moment,
                "metric": "nps",
                "score": 7,
                "reason": DIRTY,
                "external_id": "X-\x0b1",
                "touchpoint": "Balie\x08",
            }
        ]
    }
    response = client.post(
        reverse("feedback-api-records"),
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200, response.content
    record = Feedback.objects.get()
    assert (record.reason, record.external_id, record.touchpoint) == (CLEAN, "X-1", "Balie")


def test_the_webhook_stores_no_control_characters(client, world, hook):  # noqa: F811
    body = payload(answers={"nps-q": 4, "why-q": DIRTY})
    response = client.post(hook, json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    assert Feedback.objects.get().reason == CLEAN


def test_the_import_sends_rows_with_control_characters_to_the_shared_validation():
    values, unsure = _texts(["Prima", DIRTY, "Ook\x00 goed"], "", 10_000)
    assert unsure == [1, 2]
    record, errors = clean_record(
        {"received_at": "15-03-2024 14:30", "reason": values[1]},
        zone=timezone.get_current_timezone(),
        now=timezone.now(),
    )
    assert errors == [] and record.reason == CLEAN


@pytest.fixture
def stored_dirty(world):
    ingest(world.org, item(team_code="W-KC-1", reason="x"))
    Feedback.objects.update(reason="\x0b\x08" + DIRTY, suggestion="=\x01SOM(A1)")


def test_an_xlsx_export_of_text_stored_with_control_characters_opens(login, world, stored_dirty):
    response = login(world.cx_lead).get(reverse("feedback-export") + "?format=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [c for row in workbook.active.iter_rows(values_only=True) for c in row]
    assert CLEAN in cells and "'=SOM(A1)" in cells


def test_a_csv_export_of_text_stored_with_control_characters_leaves_them_out(
    login, world, stored_dirty
):
    response = login(world.cx_lead).get(reverse("feedback-export"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert CLEAN in rows[1] and "'=SOM(A1)" in rows[1]
