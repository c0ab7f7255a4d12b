from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klantcultuur.hrm.models import RoomToDecide
from klantcultuur.hrm.services.onboarding import room_add
from klantcultuur.orgs.roles import Role
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave

pytestmark = pytest.mark.django_db


def _rooms(world):
    room_add(
        organization=world.org,
        role=Role.EMPLOYEE,
        job_title="",
        what="Een tegemoetkoming toekennen als een afspraak niet is nagekomen",
        amount=Decimal("150"),
    )
    room_add(
        organization=world.org,
        role=Role.EMPLOYEE,
        job_title="Monteur",
        what="Een extra bezoek inplannen om de reparatie af te ronden",
        amount=None,
    )


def test_hr_sets_room_to_decide_per_role(world, login):
    client = login(world.hr)
    response = client.post(
        reverse("hrm-rooms"),
        {
            "role": Role.EMPLOYEE,
            "job_title": "",
            "what": "Kosteloos een extra bezoek",
            "amount": "75",
        },
    )
    assert response.status_code == 302
    room = RoomToDecide.objects.get()
    assert (room.role, room.amount, room.organization) == (Role.EMPLOYEE, Decimal("75"), world.org)
    page = client.get(reverse("hrm-rooms")).content.decode()
    assert "Kosteloos een extra bezoek" in page
    assert "tot € 75" in page


def test_the_board_may_read_but_not_set_the_room(world, login):
    client = login(world.board)
    assert client.get(reverse("hrm-rooms")).status_code == 200
    client.post(reverse("hrm-rooms"), {"role": Role.EMPLOYEE, "what": "Alles", "amount": ""})
    assert not RoomToDecide.objects.exists()
    _rooms(world)
    room = RoomToDecide.objects.first()
    assert client.post(reverse("hrm-room-delete", args=[room.uuid])).status_code == 403
    assert login(world.hr).post(reverse("hrm-room-delete", args=[room.uuid])).status_code == 302
    assert not RoomToDecide.objects.filter(pk=room.pk).exists()
    assert login(world.outsider).post(reverse("hrm-room-delete", args=[room.uuid])).status_code in (
        403,
        404,
    )


def test_the_team_board_loads_the_room_of_its_people_without_querying_it(world, login):
    _rooms(world)
    client = login(world.employee)
    board_url = reverse("huddle-dagstart", args=[world.team.uuid])
    with CaptureQueriesContext(connection) as captured:
        board = client.get(board_url)
    assert board.status_code == 200
    assert reverse("hrm-room-block", args=[world.team.uuid]) in board.content.decode()
    assert not any("hrm_" in q["sql"] for q in captured.captured_queries)
    block = client.get(reverse("hrm-room-block", args=[world.team.uuid])).content.decode()
    assert "Een tegemoetkoming toekennen" in block
    assert "tot € 150" in block
    assert "Een extra bezoek" not in block  # nobody in the team is a Monteur
    world.employee.job_title = "monteur"
    world.employee.save(update_fields=["job_title"])
    block = client.get(reverse("hrm-room-block", args=[world.team.uuid])).content.decode()
    assert "Een extra bezoek" in block
    # Another team's block is not the employee's to read; another organisation's not at all.
    assert client.get(reverse("hrm-room-block", args=[world.back_team.uuid])).status_code == 403
    outsider = login(world.outsider)
    assert outsider.get(reverse("hrm-room-block", args=[world.team.uuid])).status_code == 404


def _wave(world, managers: int):
    today = timezone.localdate()
    wave = make_wave(
        world.org,
        name="Cultuurscan 2026",
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=16),
    )
    add_responses(wave, world.team, 12, level=2)
    add_responses(wave, world.department, managers, role="manager", level=5)
    close_and_report(wave)


def test_the_room_page_shows_whether_people_feel_it(world, login):
    _wave(world, managers=6)
    response = login(world.hr).get(reverse("hrm-rooms"))
    rows = {row["code"]: dict(row["figures"]) for row in response.context["seen"]}
    assert set(rows) == {"HRM7", "HRM8"}
    employees, managers = rows["HRM7"]["employee"], rows["HRM7"]["manager"]
    assert employees.n == 12 and 1 <= employees.value["mean"] <= 3
    assert managers.n == 6 and managers.value["mean"] >= 4
    assert "Ik mag zelf beslissen" in response.content.decode()


def test_the_room_page_keeps_the_scans_anonymity(world, login):
    _wave(world, managers=3)
    response = login(world.hr).get(reverse("hrm-rooms"))
    rows = {row["code"]: dict(row["figures"]) for row in response.context["seen"]}
    assert rows["HRM7"]["manager"].reason == "too_few"
    # Employees = everybody minus three managers: showing it would give the managers away.
    assert rows["HRM7"]["employee"].reason == "protects_smaller_group"
    assert "Verborgen om een kleinere groep te beschermen" in response.content.decode()
