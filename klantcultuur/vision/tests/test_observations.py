"""Observations: one colleague recognises another; counts per behaviour, team and week; the
behaviour of the week on the team's dagstart board."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from klantcultuur.vision import selectors
from klantcultuur.vision.models import Observation
from klantcultuur.vision.services.behaviours import observation_record
from klantcultuur.vision.tests.helpers import behaviour, published


def test_a_colleague_records_an_observation_in_one_post(world, login):
    seen = behaviour(world, published(world))
    response = login(world.manager).post(
        reverse("vision-observe"),
        {
            "behaviour": seen.uuid,
            "colleague": world.employee.uuid,
            "note": "Belde mevrouw terug voordat ze het vroeg.",
        },
    )
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert (observation.shown_by, observation.observer, observation.unit) == (
        world.employee,
        world.manager,
        world.team,
    )
    page = login(world.employee).get(reverse("vision-observe")).content.decode()
    assert "Belde mevrouw terug" in page  # the colleague sees the recognition


def test_nobody_observes_themselves_or_someone_outside_the_organisation(world, login):
    seen = behaviour(world, published(world))
    with pytest.raises(ValidationError):
        observation_record(behaviour=seen, shown_by=world.employee, observer=world.employee)
    response = login(world.employee).post(
        reverse("vision-observe"), {"behaviour": seen.uuid, "colleague": world.outsider.uuid}
    )
    assert response.status_code == 404
    assert not Observation.objects.exists()


def test_counts_per_behaviour_team_and_week(world):
    version = published(world)
    first, second = behaviour(world, version), behaviour(world, version, name="Op tijd")
    today = timezone.localdate()
    for days, b in ((0, first), (1, first), (8, second), (8, first)):
        Observation.objects.create(
            organization=world.org,
            behaviour=b,
            shown_by=world.employee,
            observer=world.manager,
            unit=world.team,
            day=today - timedelta(days=days),
        )
    counts = selectors.observation_counts(world.org, unit_ids=None, today=today, weeks=3)
    assert counts.total == 4
    assert [u for u, n in counts.per_unit] == [world.team]
    week = selectors.week_start(today)
    assert counts.counts[(first.id, week)] == 2 - (1 if today.weekday() == 0 else 0)
    assert sum(counts.counts.get((b.id, w), 0) for b in (first, second) for w in counts.weeks) == 4


def test_the_chart_page_draws_the_weeks_for_the_units_one_may_see(world, login):
    seen = behaviour(world, published(world))
    Observation.objects.create(
        organization=world.org,
        behaviour=seen,
        shown_by=world.employee,
        observer=world.manager,
        unit=world.team,
    )
    page = login(world.employee).get(reverse("vision-observations")).content.decode()
    assert "<svg" in page and seen.short_name in page
    # Another team's observations are not in the employee's counts.
    assert (
        login(world.employee)
        .get(reverse("vision-observations") + f"?unit={world.back_team.uuid}")
        .status_code
        == 403
    )


def test_the_team_board_shows_the_behaviour_of_the_week_and_its_observations(world, login):
    seen = behaviour(world, published(world))
    Observation.objects.create(
        organization=world.org,
        behaviour=seen,
        shown_by=world.employee,
        observer=world.manager,
        unit=world.team,
        note="Hielp de buurvrouw met de storing.",
    )
    client = login(world.employee)
    board = client.get(reverse("huddle-board", args=[world.team.uuid])).content.decode()
    block_url = reverse("vision-week", args=[world.team.uuid])
    assert f'hx-get="{block_url}?day=' in board  # the board loads the block
    page = client.get(block_url).content.decode()
    assert seen.short_name in page and "Hielp de buurvrouw" in page
    assert 'id="week-behaviour-title"' in page
    assert "Deze week 0 keer gezien" not in page and "Deze week 1 keer gezien" in page
    # Another team's block is not the employee's to read.
    assert client.get(reverse("vision-week", args=[world.back_team.uuid])).status_code == 403


def test_the_behaviour_of_the_week_changes_with_the_week(world):
    version = published(world)
    for i in range(3):
        behaviour(world, version, name=f"Gedrag {i}")
    monday = selectors.week_start(timezone.localdate())
    picks = {
        selectors.behaviour_of_the_week(world.team, monday + timedelta(weeks=w)).behaviour.id
        for w in range(3)
    }
    assert len(picks) == 3
