from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klantcultuur.journeys.models import Step
from klantcultuur.journeys.services import journeys as services
from klantcultuur.journeys.tests.helpers import feed, repair_journey

pytestmark = pytest.mark.django_db


def _map(client, journey, query="period=90"):
    response = client.get(reverse("journeys-journey", args=[journey.uuid]) + "?" + query)
    assert response.status_code == 200
    return response


def test_step_figures_agree_with_the_klantstem_page_of_the_owning_team(world, login):
    journey, contact, planning = repair_journey(world)
    feed(world)
    client = login(world.cx_lead)
    steps = {s.step.id: s for s in _map(client, journey).context["map"].steps}
    page = client.get(reverse("feedback-unit", args=[world.team.uuid]) + "?period=90")
    assert steps[contact.id].estimate == page.context["external"].nps
    assert steps[contact.id].estimate.n == 10
    back = client.get(reverse("feedback-unit", args=[world.back_team.uuid]) + "?period=90")
    assert steps[planning.id].estimate == back.context["internal"].csat
    assert steps[planning.id].estimate.n == 8


def test_steps_below_target_stand_out_on_the_map(world, login):
    journey, contact, planning = repair_journey(world)
    feed(world)
    response = _map(login(world.cx_lead), journey)
    found = {s.step.id: s for s in response.context["map"].steps}
    # Front: 4 promoters, 2 passives, 4 detractors: NPS 0 against a target of 20.
    assert found[contact.id].estimate.value == 0
    assert found[contact.id].below
    # Back office: 4 of 8 colleagues satisfied (4-5): 50% against 80%.
    assert found[planning.id].estimate.value == 50
    assert found[planning.id].judged.clearly_below
    html = response.content.decode()
    assert html.count("jstep--below") == 2
    assert "2 stappen onder de norm" in html


def test_a_step_that_meets_its_target_does_not_stand_out(world, login):
    journey, contact, _planning = repair_journey(world)
    contact.target = Decimal("-10")
    contact.save(update_fields=["target"])
    feed(world)
    found = {s.step.id: s for s in _map(login(world.cx_lead), journey).context["map"].steps}
    assert not found[contact.id].below
    assert found[contact.id].judged.status == "met"


def test_figures_outside_the_period_are_not_counted(world, login):
    journey, contact, _planning = repair_journey(world)
    feed(world, days_ago=40)
    found = {
        s.step.id: s for s in _map(login(world.cx_lead), journey, "period=30").context["map"].steps
    }
    assert found[contact.id].estimate is None
    assert found[contact.id].volume == 0


def test_an_employee_sees_figures_of_their_own_team_only(world, login):
    journey, contact, planning = repair_journey(world)
    feed(world)
    found = {s.step.id: s for s in _map(login(world.employee), journey).context["map"].steps}
    assert found[contact.id].visible and found[contact.id].estimate is not None
    assert not found[planning.id].visible and found[planning.id].estimate is None


def test_the_map_costs_the_same_queries_for_more_steps_and_records(world, login):
    journey, _contact, _planning = repair_journey(world)
    feed(world)
    client = login(world.cx_lead)
    _map(client, journey)
    with CaptureQueriesContext(connection) as small:
        _map(client, journey)
    for i in range(10):
        services.step_add(
            journey=journey,
            phase_name=f"Fase {i % 4}",
            name=f"Stap {i}",
            team=world.back_team if i % 2 else world.team,
            metric="csat",
            target=Decimal("75"),
        )
    feed(world, days_ago=5)
    with CaptureQueriesContext(connection) as large:
        _map(client, journey)
    assert Step.objects.filter(journey=journey).count() == 12
    assert len(large) == len(small)


def test_the_step_page_shows_figures_and_links_to_the_klantstem_page(world, login):
    _journey, contact, _planning = repair_journey(world)
    feed(world)
    response = login(world.cx_lead).get(reverse("journeys-step", args=[contact.uuid]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("feedback-unit", args=[world.team.uuid]) in html
    assert "n = 10" in html


def test_a_cx_lead_adds_a_step_and_a_wrong_target_is_refused(world, login):
    journey, _contact, _planning = repair_journey(world)
    client = login(world.cx_lead)
    url = reverse("journeys-step-add", args=[journey.uuid])
    data = {
        "phase": "Uitvoeren",
        "name": "Monteur aan de deur",
        "team": world.team.id,
        "metric": "nps",
        "target": "150",
    }
    response = client.post(url, data, follow=True)
    assert "tussen -100 en 100" in response.content.decode()
    assert not Step.objects.filter(name="Monteur aan de deur").exists()
    client.post(url, {**data, "target": "30", "moment_of_truth": "on"})
    step = Step.objects.get(name="Monteur aan de deur")
    assert step.moment_of_truth and step.phase.name == "Uitvoeren"


def test_a_team_of_another_organisation_cannot_own_a_step(world):
    journey, _contact, _planning = repair_journey(world)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.step_add(
            journey=journey,
            phase_name="X",
            name="Y",
            team=world.other_team,
            metric="nps",
            target=Decimal("0"),
        )


def test_the_step_page_quotes_customers_on_its_top_improvement_topics(world, login):
    _journey, contact, _planning = repair_journey(world)
    feed(world)
    response = login(world.cx_lead).get(reverse("journeys-step", args=[contact.uuid]))
    topics = response.context["topics"]
    assert topics, "the comment reader found no topic in the improvement points"
    quotes = [q.text for _name, _n, found in topics for q in found]
    assert any("te laat" in q for q in quotes)
    assert "De monteur kwam te laat" in response.content.decode()


def test_the_step_buckets_summed_in_the_database_agree_with_the_daily_roll_up(world):
    from collections import defaultdict
    from datetime import timedelta

    from django.utils import timezone

    from klantcultuur.feedback.metrics import ZERO, Counts
    from klantcultuur.feedback.models import ROLLUP_COUNTERS, DailyTeamStats
    from klantcultuur.feedback.tests.factories import ingest, item
    from klantcultuur.journeys.selectors import TREND_WEEKS, step_counts

    now = timezone.now()
    # Around every edge: today, a week's, the period's (30 days) and the period before's.
    offsets = (0, 1, 6, 7, 13, 29, 30, 31, 45, 59, 60, 61, 90, 95)
    ingest(
        world.org,
        *(
            item(received_at=now - timedelta(days=d), score=(d % 11), team_id=world.team.id)
            for d in offsets
        ),
        *(
            item(
                received_at=now - timedelta(days=d),
                metric="csat",
                score=1 + d % 5,
                team_id=world.back_team.id,
                is_internal=True,
            )
            for d in offsets
        ),
    )
    end = timezone.localdate()
    start = end - timedelta(days=29)
    before_start = start - timedelta(days=30)
    trend_start = end - timedelta(weeks=TREND_WEEKS) + timedelta(days=1)
    want_current, want_previous = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    want_weekly = defaultdict(lambda: [ZERO] * TREND_WEEKS)
    for row in DailyTeamStats.objects.filter(organization=world.org).values(
        "team_id", "is_internal", "day", *ROLLUP_COUNTERS
    ):
        key, day, counts = (
            (row["team_id"], row["is_internal"]),
            row["day"],
            Counts.from_mapping(row),
        )
        if start <= day <= end:
            want_current[key] += counts
        elif before_start <= day < start:
            want_previous[key] += counts
        if trend_start <= day <= end:
            want_weekly[key][(day - trend_start).days // 7] += counts
    current, previous, weekly = step_counts(
        organization_id=world.org.id,
        team_ids={world.team.id, world.back_team.id},
        start=start,
        end=end,
    )
    keys = {(world.team.id, False), (world.back_team.id, True)}
    assert {k: current[k] for k in keys} == {k: want_current[k] for k in keys}
    assert {k: previous[k] for k in keys} == {k: want_previous[k] for k in keys}
    assert {k: weekly[k] for k in keys} == {k: want_weekly[k] for k in keys}
    assert current[(world.team.id, False)].records == 6  # 0, 1, 6, 7, 13 and 29 days ago
    assert previous[(world.team.id, False)].records == 4  # 30, 31, 45 and 59 days ago
