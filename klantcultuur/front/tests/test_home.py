"""The start page: each role's day in a fixed number of queries, whatever the data size."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.huddle.tests.helpers import feedback, team_board
from klantcultuur.orgs.models import OrgUnit, UnitKind

pytestmark = pytest.mark.django_db

# Board and CX lead: one more than before since dagstart adoption is read per working day
# through huddle.selectors.dagstart_adoption, the same figure as the programme dashboard.
BUDGET = {"manager": 22, "employee": 21, "board": 17, "cx_lead": 18}


def grow(world, size: int) -> None:
    """`size` more answers, actions and teams: the queries must not grow with them."""
    day = timezone.localdate() - timedelta(days=1)
    for i in range(size):
        feedback(
            world,
            day,
            9 if i % 2 else 3,
            "De monteur was keurig op tijd.",
            hour=8 + i % 10,
            contact_consent=True,
            customer_ref=f"K-{size}-{i}",
        )
        ImprovementAction.objects.create(
            organization=world.org,
            team=world.team,
            owner=world.employee,
            title=f"Actie {size}-{i}",
            problem="Wachttijd.",
            due_date=day,
        )
        OrgUnit.objects.create(
            organization=world.org,
            parent=world.department,
            kind=UnitKind.TEAM,
            name=f"Team {size}-{i}",
            code=f"T-{size}-{i}",
        )


def queries(client, url="/start/") -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", list(BUDGET))
def test_the_start_page_costs_the_same_few_queries_for_any_amount_of_data(login, world, role):
    team_board(world)
    grow(world, 2)
    client = login(world.members[role])
    small = queries(client)
    grow(world, 12)
    large = queries(client)
    assert small == large
    assert large <= BUDGET[role]


def test_a_team_leader_reads_their_day_and_an_employee_theirs(login, world):
    team_board(world)
    grow(world, 3)
    leader = login(world.manager).get("/start/").content.decode()
    assert "Dagstart van vandaag: Klantcontactcentrum" in leader
    assert "Acties met een deadline" in leader and "Volwassenheidsfase" not in leader
    employee = login(world.employee).get("/start/").content.decode()
    assert "die jij volgt" in employee and "Jouw verbeteracties" in employee
    board = login(world.board).get("/start/").content.decode()
    assert "Gebruik van de dagstart" in board and "Dagstart van vandaag" not in board


def test_a_member_without_a_team_or_the_organisation_view_gets_the_way_in(login, world):
    page = login(world.hr).get("/start/").content.decode()
    assert "Dagstart van vandaag" not in page and "Gebruik van de dagstart" not in page
    assert 'href="/huddle/"' in page  # the menu's pages as cards, not an empty page


def test_a_member_asks_for_the_daily_e_mail_and_gets_it_once_a_day(
    login, world, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    from klantcultuur.front.digest import digests_send

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    team_board(world)
    grow(world, 2)
    client = login(world.employee)
    assert "Ontvang dit elke ochtend per e-mail" in client.get("/start/").content.decode()
    client.post("/notifications/digest/", {"on": "1"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # sent after the commit
        assert digests_send() == 1
    assert mail.outbox[0].to == ["bob@linge.example"]
    assert "Te laat teruggebeld: " in mail.outbox[0].body
    assert digests_send() == 0  # once a day
    client.post("/notifications/digest/", {"on": "0"})
    assert "Ontvang dit elke ochtend" in client.get("/start/").content.decode()
