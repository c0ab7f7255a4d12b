"""The KPI catalogue, a team's KPIs with owner and target, and goals."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from klantcultuur.huddle.models import Goal, Kpi, KpiValue, TeamKpi
from klantcultuur.huddle.tests.helpers import FRIDAY, MONDAY, team_board, text, value


def test_a_cx_lead_adds_a_computed_kpi_that_takes_its_figure_format(login, world):
    client = login(world.cx_lead)
    response = client.post(
        reverse("huddle-kpi-create"),
        {
            "name": "Klanttevredenheid",
            "source": "feedback",
            "measure": "csat",
            "period": "week",
            "unit": "dagen",
            "decimals": 2,
            "direction": "higher",
            "default_target": "80,5",
            "position": 2,
        },
    )
    assert response.status_code == 302
    kpi = Kpi.objects.get(name="Klanttevredenheid")
    assert (kpi.unit, kpi.decimals, kpi.default_target) == ("%", 0, Decimal("80.5"))


def test_a_feedback_kpi_needs_its_figure(login, world):
    response = login(world.admin).post(
        reverse("huddle-kpi-create"),
        {
            "name": "NPS",
            "source": "feedback",
            "measure": "",
            "period": "day",
            "decimals": 0,
            "direction": "higher",
            "position": 1,
        },
    )
    assert "Kies welk cijfer uit de feedback wordt berekend." in text(response.content.decode())
    assert not Kpi.objects.exists()


def test_a_kpi_with_values_keeps_its_period(login, world):
    board = team_board(world)
    value(board.reach, FRIDAY, 80)
    kpi = board.reach.kpi
    response = login(world.admin).post(
        reverse("huddle-kpi-edit", args=[kpi.uuid]),
        {
            "name": kpi.name,
            "source": "manual",
            "period": "week",
            "unit": "%",
            "decimals": 0,
            "direction": "higher",
            "position": 0,
        },
    )
    assert "bron en periode kunnen niet meer veranderen" in text(response.content.decode())
    kpi.refresh_from_db()
    assert kpi.period == "day"


def test_a_manager_puts_a_kpi_on_the_board_with_an_owner_and_target(login, world):
    kpi = Kpi.objects.create(organization=world.org, name="First time right", unit="%")
    client = login(world.manager)
    response = client.post(
        reverse("huddle-team-kpis", args=[world.team.uuid]),
        {"kpi": kpi.id, "owner": world.employee.id, "target": "85"},
    )
    assert response.status_code == 302
    team_kpi = TeamKpi.objects.get(team=world.team)
    assert (team_kpi.owner, team_kpi.target) == (world.employee, Decimal("85"))
    board = text(client.get(reverse("huddle-board", args=[world.team.uuid])).content.decode())
    assert "First time right Bob Visser nog niet ingevuld doel minstens 85%" in board
    # The manager leads this team only.
    other = client.post(reverse("huddle-team-kpis", args=[world.back_team.uuid]), {"kpi": kpi.id})
    assert other.status_code == 403


def test_taking_a_kpi_off_the_board_keeps_its_values(login, world):
    board = team_board(world)
    value(board.reach, FRIDAY, 80)
    login(world.admin).post(reverse("huddle-team-kpi-remove", args=[board.reach.uuid]))
    assert not TeamKpi.objects.filter(pk=board.reach.pk).exists()
    assert KpiValue.objects.filter(kpi=board.reach.kpi, team=world.team).count() == 1


def test_team_and_individual_goals_show_on_the_board_in_their_period(login, world):
    client = login(world.employee)
    url = reverse("huddle-goals", args=[world.team.uuid])
    client.post(
        url,
        {"title": "NPS boven de 30", "start": "2025-10-01", "end": "2025-12-31", "status": "open"},
    )
    client.post(
        url,
        {
            "title": "Eén klantverhaal per week",
            "person": world.employee.id,
            "start": "2025-11-01",
            "end": "2025-11-30",
            "status": "open",
        },
    )
    client.post(
        url, {"title": "Oud doel", "start": "2025-01-01", "end": "2025-03-31", "status": "achieved"}
    )
    assert Goal.objects.count() == 3
    page = client.get(reverse("huddle-board", args=[world.team.uuid]), {"day": MONDAY.isoformat()})
    goals = text(page.content.decode()).split("Doelen", 2)[-1]
    assert "NPS boven de 30 team · tot en met 31 december" in goals
    assert "Eén klantverhaal per week Bob Visser · tot en met 30 november" in goals
    assert "Oud doel" not in goals
