"""The programme overview per organisation and per unit."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from klantcultuur.programme.models import StepTemplate
from klantcultuur.programme.services import steps as services
from klantcultuur.scan.selectors import report_gate
from klantcultuur.scan.tests.conftest import reported  # noqa: F401 (fixture)


def _take(world, unit, *, done=False):
    services.catalogue_ensure(organization=world.org)
    step = services.step_take(
        organization=world.org,
        by=world.cx_lead,
        owner=world.manager,
        unit=unit,
        template=StepTemplate.objects.filter(organization=world.org).first(),
        due_on=date(2030, 3, 1),
    )
    if done:
        services.step_update(step=step, owner=world.manager, due_on=step.due_on, status="done")
    return step


def test_the_overview_shows_phase_trend_holding_back_and_steps_per_unit(
    login,
    world,
    reported,  # noqa: F811
):
    _take(world, world.team)
    _take(world, world.team, done=True)
    gate, _ = report_gate(reported.wave, world.cx_lead)
    phase = gate.phase(str(world.team.uuid)).value
    body = login(world.cx_lead).get(reverse("programme-home")).content.decode()
    assert "Veranderprogramma" in body and "<svg" in body
    assert "Cultuurscan 2025" in body and "Cultuurscan 2026" in body  # both waves in the chart
    row = body.split(f'href="{reverse("programme-unit", args=[world.team.uuid])}"')[1].split(
        "</tr>"
    )[0]
    assert f"<td>{phase['number']}</td>" in row
    assert "omhoog" in row  # the team improved from level 3 to level 4 between the waves
    assert f"component={phase['holding_back']}" in row
    assert '<td class="num">1</td><td class="num">1</td>' in row  # one open, one done


def test_the_unit_overview_is_scoped_to_the_unit_and_its_steps(
    login,
    world,
    reported,  # noqa: F811
):
    mine = _take(world, world.team)
    other = _take(world, world.back_team)
    body = (
        login(world.manager).get(reverse("programme-unit", args=[world.team.uuid])).content.decode()
    )
    assert "Programma van Klantcontactcentrum" in body
    assert reverse("programme-step", args=[mine.uuid]) in body
    assert reverse("programme-step", args=[other.uuid]) not in body


def test_a_manager_cannot_open_the_overview_of_a_unit_they_do_not_lead(login, world):
    response = login(world.manager).get(reverse("programme-unit", args=[world.division.uuid]))
    assert response.status_code == 403


def test_without_a_scan_report_the_overview_says_so(login, world):
    body = login(world.board).get(reverse("programme-home")).content.decode()
    assert "Nog geen scanrapport" in body
