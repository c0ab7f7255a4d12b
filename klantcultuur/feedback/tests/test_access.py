"""feedback/access.py: one rule for a response wherever it is loaded (Klantstem and dagstart)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from klantcultuur.feedback.tests.factories import ingest, item


@pytest.fixture
def unrouted(world):
    [record] = ingest(world.org, item(reason="Niemand belde terug.")).created
    assert record.team_id is None
    return record


def test_an_unrouted_response_is_for_those_who_see_every_unit(world, login, unrouted):
    page = reverse("feedback-record", args=[unrouted.uuid])
    assert login(world.cx_lead).get(page).status_code == 200
    assert login(world.employee).get(page).status_code == 403


def test_the_dagstart_applies_the_same_rule_to_an_unrouted_response(world, login, unrouted):
    client = login(world.employee)
    story = reverse("huddle-story", args=[world.team.uuid])
    assert client.post(story, {"feedback": str(unrouted.uuid)}).status_code == 403
    action = reverse("huddle-action-create", args=[world.team.uuid])
    assert client.get(action, {"feedback": str(unrouted.uuid)}).status_code == 403


def test_a_response_of_another_team_on_the_board_is_a_404_for_who_sees_every_unit(
    world, login, unrouted
):
    action = reverse("huddle-action-create", args=[world.team.uuid])
    response = login(world.cx_lead).get(action, {"feedback": str(unrouted.uuid)})
    assert response.status_code == 404  # readable, but not this team's


@pytest.mark.parametrize("code", ["not-a-code", "12345"])
def test_a_form_field_that_is_no_response_code_is_a_404(world, login, code):
    story = reverse("huddle-story", args=[world.team.uuid])
    assert login(world.employee).post(story, {"feedback": code}).status_code == 404


def test_another_organisations_response_is_a_404(world, login):
    [record] = ingest(world.other_org, item(reason="Goed geholpen.")).created
    story = reverse("huddle-story", args=[world.team.uuid])
    assert login(world.employee).post(story, {"feedback": str(record.uuid)}).status_code == 404
    page = reverse("feedback-record", args=[record.uuid])
    assert login(world.cx_lead).get(page).status_code == 404
