"""An escalation goes up one tier at a time and comes back with an answer."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.huddle.models import Escalation, EscalationState
from klantcultuur.huddle.tests.helpers import MONDAY, section, team_board, text
from klantcultuur.orgs.roles import Role
from klantcultuur.testing import make_member


def department_manager(world):
    manager = make_member(
        world.org,
        "dana@linge.example",
        Role.MANAGER,
        world.department,
        first_name="Dana",
        last_name="de Wit",
    )
    world.department.manager = manager
    world.department.save(update_fields=["manager"])
    return manager


def raise_one(client, world, text_="De telefooncentrale biedt geen terugbeloptie."):
    return client.post(
        reverse("huddle-escalate", args=[world.team.uuid]),
        {
            "day": MONDAY.isoformat(),
            "text": text_,
            "next": f"/huddle/{world.team.uuid}/?day={MONDAY.isoformat()}",
        },
    )


def test_a_team_escalates_and_the_answer_comes_back_on_its_board(login, world):
    team_board(world)
    dana = department_manager(world)
    employee = login(world.employee)
    response = raise_one(employee, world)
    assert response.status_code == 302
    escalation = Escalation.objects.get()
    assert (escalation.from_unit, escalation.to_unit, escalation.raised_by) == (
        world.team,
        world.department,
        world.employee,
    )
    team_url = reverse("huddle-board", args=[world.team.uuid])
    own = text(
        section(employee.get(team_url, {"day": "2025-11-17"}).content.decode(), "escalations-title")
    )
    assert "De telefooncentrale biedt geen terugbeloptie. Open naar Klantcontact, 17 nov" in own

    manager = login(dana)
    board = manager.get(
        reverse("huddle-board", args=[world.department.uuid]), {"day": "2025-11-17"}
    ).content.decode()
    received = text(section(board, "received-title"))
    assert (
        "De telefooncentrale biedt geen terugbeloptie. Open van Klantcontactcentrum (Bob Visser)"
        in received
    )
    manager.post(
        reverse("huddle-escalation-answer", args=[escalation.uuid]),
        {"answer": "ICT zet de terugbeloptie volgende week aan."},
    )
    escalation.refresh_from_db()
    assert (escalation.state, escalation.answered_by) == (EscalationState.ANSWERED, dana)

    own = text(
        section(employee.get(team_url, {"day": "2025-11-17"}).content.decode(), "escalations-title")
    )
    assert "Beantwoord" in own
    assert "Antwoord van Dana de Wit: ICT zet de terugbeloptie volgende week aan." in own
    employee.post(reverse("huddle-escalation-close", args=[escalation.uuid]))
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.CLOSED


def test_an_escalation_passes_up_to_the_division_and_then_the_organisation(login, world):
    dana = department_manager(world)
    raise_one(login(world.employee), world)
    escalation = Escalation.objects.get()
    login(dana).post(reverse("huddle-escalation-pass", args=[escalation.uuid]))
    escalation.refresh_from_db()
    assert (escalation.to_unit, escalation.passed_on_by) == (world.division, dana)
    director = login(world.board)  # the board role steers every tier
    director.post(reverse("huddle-escalation-pass", args=[escalation.uuid]))
    escalation.refresh_from_db()
    assert escalation.to_unit is None
    org_board = text(director.get(reverse("huddle-org")).content.decode())
    assert (
        "Geëscaleerd naar de organisatie 1 De telefooncentrale biedt geen terugbeloptie."
        in org_board
    )
    director.post(
        reverse("huddle-escalation-answer", args=[escalation.uuid]),
        {"answer": "Budget is vrijgemaakt."},
    )
    page = (
        login(world.employee)
        .get(reverse("huddle-board", args=[world.team.uuid]), {"day": "2025-11-17"})
        .content.decode()
    )
    assert "Antwoord van Dirk Bakker: Budget is vrijgemaakt." in text(page)


def test_only_the_receiving_tier_answers(login, world):
    department_manager(world)
    employee = login(world.employee)
    raise_one(employee, world)
    escalation = Escalation.objects.get()
    url = reverse("huddle-escalation-answer", args=[escalation.uuid])
    assert employee.post(url, {"answer": "Zelf geregeld"}).status_code == 403
    assert login(world.manager).post(url, {"answer": "?"}).status_code == 403  # leads the team only
    assert login(world.hr).post(url, {"answer": "?"}).status_code == 403
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.OPEN


def test_an_empty_escalation_is_refused(login, world):
    raise_one(login(world.employee), world, text_="   ")
    assert not Escalation.objects.exists()
