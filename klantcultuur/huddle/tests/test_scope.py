"""Who sees and updates which board: one's own team, the units one leads, or by role."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.huddle.models import Huddle
from klantcultuur.huddle.tests.helpers import MONDAY, team_board
from klantcultuur.orgs.roles import Role
from klantcultuur.testing import make_member


def record(client, unit):
    return client.post(
        reverse("huddle-record", args=[unit.uuid]), {"day": MONDAY.isoformat(), "note": "Kort."}
    )


def board(client, unit):
    return client.get(reverse("huddle-board", args=[unit.uuid]), {"day": MONDAY.isoformat()})


def test_an_employee_sees_and_updates_their_own_teams_board_only(login, world):
    client = login(world.employee)
    assert board(client, world.team).status_code == 200
    assert record(client, world.team).status_code == 302
    assert Huddle.objects.get(unit=world.team).note == "Kort."
    assert board(client, world.back_team).status_code == 403
    assert record(client, world.back_team).status_code == 403
    assert board(client, world.department).status_code == 403
    assert board(client, world.other_team).status_code == 404


def test_the_dagstart_entry_takes_an_employee_to_their_team(login, world):
    response = login(world.employee).get(reverse("huddle-home"))
    assert response["Location"] == reverse("huddle-board", args=[world.team.uuid])


def test_a_manager_steers_the_teams_they_lead(login, world):
    world.back_team.manager = world.manager
    world.back_team.save(update_fields=["manager"])
    client = login(world.manager)
    assert record(client, world.back_team).status_code == 302
    assert board(client, world.department).status_code == 403
    page = client.get(reverse("huddle-home")).content.decode()
    assert "Klantcontactcentrum" in page and "Planning" in page


def test_hr_reads_every_board_but_updates_none_but_its_own(login, world):
    client = login(world.hr)
    assert board(client, world.team).status_code == 200
    assert board(client, world.department).status_code == 200
    assert record(client, world.team).status_code == 403
    assert not Huddle.objects.exists()


def test_the_board_role_and_the_cx_lead_take_part_in_every_dagstart(login, world):
    for role in (Role.BOARD, Role.CX_LEAD, Role.ADMIN):
        assert record(login(world.members[role]), world.back_team).status_code == 302
    assert Huddle.objects.filter(unit=world.back_team).count() == 1


def test_an_employee_without_a_team_sees_a_choice_without_boards(login, world):
    loner = make_member(world.org, "los@linge.example", Role.EMPLOYEE)
    page = login(loner).get(reverse("huddle-home")).content.decode()
    assert "Je hoort nog niet bij een team." in page


def test_only_steering_members_see_the_forms_on_the_board(login, world):
    team_board(world)
    own = board(login(world.employee), world.team).content.decode()
    assert 'name="value"' in own and "Dagstart opslaan" in own
    body = board(login(world.hr), world.team).content.decode()
    assert "Alleen het team zelf legt zijn dagstart vast." in body
    assert 'name="value"' not in body and "Dagstart opslaan" not in body
