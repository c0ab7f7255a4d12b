"""The programme dashboard: what it shows, who may open it, and a query count that does not
grow with the organisation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klantcultuur.huddle.models import Huddle
from klantcultuur.huddle.steering.days import adoption_share, working_days_back
from klantcultuur.orgs.models import OrgUnit, UnitKind
from klantcultuur.programme.models import StepTemplate
from klantcultuur.programme.progress import adoption_chart
from klantcultuur.programme.services import steps as services
from klantcultuur.scan.tests.conftest import reported  # noqa: F401 (fixture)
from klantcultuur.vision.models import Observation
from klantcultuur.vision.tests.helpers import behaviour, published


def _grow(world, version, n: int, *, start: int = 0) -> None:
    """n more teams, each with a dagstart today and yesterday, an observation and a step."""
    seen = behaviour(world, version)
    services.catalogue_ensure(organization=world.org)
    template = StepTemplate.objects.filter(organization=world.org).first()
    days = working_days_back(timezone.localdate(), 2)
    for i in range(start, start + n):
        team = OrgUnit.objects.create(
            organization=world.org,
            parent=world.department,
            name=f"Team {i}",
            code=f"T{i}",
            kind=UnitKind.TEAM,
        )
        for day in days:
            Huddle.objects.create(organization=world.org, unit=team, day=day)
        Observation.objects.create(
            organization=world.org,
            behaviour=seen,
            shown_by=world.employee,
            unit=team,
            day=timezone.localdate(),
        )
        services.step_take(
            organization=world.org,
            by=world.cx_lead,
            owner=world.cx_lead,
            template=template,
            unit=team,
            due_on=timezone.localdate() + timedelta(days=i - 1),
        )


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("programme-dashboard")).status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_query_count_does_not_grow_with_teams_observations_and_steps(
    login,
    world,
    reported,  # noqa: F811
):
    version = published(world)
    client = login(world.cx_lead)
    _grow(world, version, 2)
    small = _queries(client)
    _grow(world, version, 12, start=2)
    assert _queries(client) == small


def test_the_dashboard_shows_each_figure_with_a_link_to_its_page(
    login,
    world,
    reported,  # noqa: F811
):
    version = published(world)
    _grow(world, version, 3)
    body = login(world.board).get(reverse("programme-dashboard")).content.decode()
    assert "Programmadashboard" in body
    # Three observations in the last four weeks; three open steps, one of them overdue.
    assert "3</span>" in body and "1 over de deadline" in body
    # Three of the six teams (three of the world, three grown) held a dagstart on the last
    # working day; over 20 working days that is 6 of 120 team-days.
    assert "3 van 6 teams op de laatste werkdag" in body and '<span class="big">5%</span>' in body
    for name in ("vision-draagvlak", "vision-observations", "programme-home"):
        assert f'href="{reverse(name)}"' in body
    assert f'href="{reverse("programme-steps")}?status=open"' in body
    # Endorsement: the published version asks the manager and the board member; none answered.
    assert "0%" in body and "2 leidinggevenden hebben nog niet geantwoord" in body
    assert f'href="{reverse("scan-report", args=[reported.wave.uuid])}"' in body
    assert f'href="{reverse("programme-unit", args=[world.department.uuid])}"' in body


@pytest.mark.parametrize("role", ["manager", "employee", "hr"])
def test_only_board_cx_lead_and_admin_open_the_dashboard(login, world, role):
    assert login(getattr(world, role)).get(reverse("programme-dashboard")).status_code == 403
    assert login(world.admin).get(reverse("programme-dashboard")).status_code == 200


def test_adoption_share_and_chart():
    assert adoption_share([2, 4], 4) == 75
    assert adoption_share([], 4) is None and adoption_share([1], 0) is None
    svg = adoption_chart(["1 dec", "2 dec"], [2, 4], 4, title="Dagstarts")
    assert svg.count("<rect") == 2 and "1 dec: 2/4; 2 dec: 4/4" in svg and "style=" not in svg


def test_recall_is_shown_for_the_whole_organisation_only_from_the_anonymity_threshold(login, world):
    from klantcultuur.vision.models import RecallAnswer
    from klantcultuur.vision.tests.helpers import recall_check

    version = published(world)
    recall = recall_check(world, version)
    for i in range(4):
        RecallAnswer.objects.create(
            organization=world.org,
            recall=recall,
            unit=world.team,
            is_manager=False,
            text="bellen",
            understanding=5,
            named=3 if i < 3 else 1,
        )
    body = login(world.cx_lead).get(reverse("programme-dashboard")).content.decode()
    assert "Te weinig antwoorden om te tonen" in body
    RecallAnswer.objects.create(
        organization=world.org,
        recall=recall,
        unit=world.team,
        is_manager=False,
        text="bellen",
        understanding=2,
        named=0,
    )
    body = login(world.cx_lead).get(reverse("programme-dashboard")).content.decode()
    # 3 of 5 name three promises; 4 of 5 say they know them.
    assert '<span class="big">60%</span>' in body and "80% zegt ze te kennen" in body
    assert reverse("vision-recall-results", args=[recall.uuid]) in body
