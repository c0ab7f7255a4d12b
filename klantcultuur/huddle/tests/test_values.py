"""Entering a KPI value on a tablet, correcting it with history, and what is refused."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from klantcultuur.huddle.models import KpiValue, KpiValueChange
from klantcultuur.huddle.tests.helpers import FRIDAY, MONDAY, team_board, text
from klantcultuur.orgs.roles import Role
from klantcultuur.testing import make_member


def post_value(client, team_kpi, value, day=FRIDAY, htmx=True, **extra):
    return client.post(
        reverse("huddle-value", args=[team_kpi.uuid]),
        {
            "day": day.isoformat(),
            "value": value,
            "board_day": MONDAY.isoformat(),
            "next": f"/huddle/{team_kpi.team.uuid}/?day={MONDAY.isoformat()}",
            **extra,
        },
        **({"HTTP_HX_REQUEST": "true"} if htmx else {}),
    )


def test_a_value_with_a_dutch_comma_is_saved_and_the_tile_comes_back(login, world):
    board = team_board(world)
    client = login(world.employee)
    response = post_value(client, board.wait, "7,5")
    tile = text(response.content.decode())
    assert response.status_code == 200
    assert tile.startswith("Wachttijd balie Bob Visser 7,5 min ✓ op doel (hoogstens 10,0 min)")
    assert "Opgeslagen." in tile and "Corrigeren" in tile
    stored = KpiValue.objects.get(kpi=board.wait.kpi, team=world.team)
    assert (stored.period_start, stored.value, stored.entered_by) == (
        FRIDAY,
        Decimal("7.5"),
        world.employee,
    )
    change = KpiValueChange.objects.get(value=stored)
    assert (change.old_value, change.new_value, change.changed_by) == (
        None,
        Decimal("7.5"),
        world.employee,
    )


def test_a_correction_keeps_the_history_and_the_board_shows_the_current_value(login, world):
    board = team_board(world)
    employee = login(world.employee)
    post_value(employee, board.wait, "7,5")
    manager = login(world.manager)
    post_value(manager, board.wait, "12")
    post_value(manager, board.wait, "12,0")  # the same value again is no correction
    stored = KpiValue.objects.get(kpi=board.wait.kpi, team=world.team)
    assert (stored.value, stored.corrections, stored.entered_by) == (
        Decimal("12"),
        1,
        world.manager,
    )
    history = list(stored.changes.values_list("old_value", "new_value", "changed_by"))
    assert history == [
        (None, Decimal("7.5"), world.employee.id),
        (Decimal("7.5"), Decimal("12"), world.manager.id),
    ]
    board_page = manager.get(
        reverse("huddle-board", args=[world.team.uuid]), {"day": MONDAY.isoformat()}
    )
    assert "12,0 min ✗ mist doel" in text(board_page.content.decode())
    page = text(
        manager.get(reverse("huddle-value-history", args=[board.wait.uuid])).content.decode()
    )
    assert "7,5 min ingevuld door Bob Visser" in page
    assert "gecorrigeerd van 7,5 min naar 12,0 min door Mila Jansen" in page


def test_without_javascript_the_form_posts_and_returns_to_the_board(login, world):
    board = team_board(world)
    client = login(world.employee)
    response = post_value(client, board.reach, "81", htmx=False)
    assert response.status_code == 302
    assert response["Location"] == f"/huddle/{world.team.uuid}/?day=2025-11-17"
    page = text(client.get(response["Location"]).content.decode())
    assert "Bereikbaarheid telefoon: 81% opgeslagen." in page


def test_what_is_not_a_number_is_refused_with_a_dutch_message(login, world):
    board = team_board(world)
    response = post_value(login(world.employee), board.reach, "zeventig")
    assert "Vul een getal in, bijvoorbeeld 7,5." in text(response.content.decode())
    assert not KpiValue.objects.exists()


def test_a_value_for_tomorrow_is_refused(login, world):
    board = team_board(world)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = post_value(login(world.employee), board.reach, "80", day=tomorrow)
    assert "Een waarde kan niet voor een dag in de toekomst zijn." in text(
        response.content.decode()
    )
    assert not KpiValue.objects.exists()


def test_a_weekly_value_belongs_to_the_monday_of_its_week(login, world):
    board = team_board(world)
    post_value(login(world.employee), board.lead_time, "4,8", day=FRIDAY)
    assert KpiValue.objects.get(kpi=board.lead_time.kpi).period_start == FRIDAY - timedelta(days=4)


def test_a_feedback_kpi_takes_no_values(login, world):
    board = team_board(world)
    response = post_value(login(world.employee), board.nps, "40", htmx=False)
    assert response.status_code == 302
    assert not KpiValue.objects.exists()


def test_an_employee_of_another_team_cannot_enter_values(login, world):
    board = team_board(world)
    colleague = make_member(world.org, "piet@linge.example", Role.EMPLOYEE, world.back_team)
    client = login(colleague)
    assert post_value(client, board.reach, "80").status_code == 403
    assert client.get(reverse("huddle-value", args=[board.reach.uuid])).status_code == 403
    assert not KpiValue.objects.exists()


def test_hr_reads_every_board_but_enters_values_only_for_its_own_team(login, world):
    board = team_board(world)
    client = login(world.hr)
    assert client.get(reverse("huddle-value", args=[board.reach.uuid])).status_code == 200
    assert post_value(client, board.reach, "80").status_code == 403


def test_the_value_page_on_a_phone_offers_the_numeric_keypad(login, world):
    board = team_board(world)
    body = login(world.employee).get(reverse("huddle-value", args=[board.reach.uuid])).content
    assert b'inputmode="decimal"' in body and b'type="date"' in body
