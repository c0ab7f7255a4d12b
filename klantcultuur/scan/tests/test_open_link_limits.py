"""An open link cannot be stuffed to read one respondent's answers.

The attack: a team of six, one real answer, and nine complete answers sent through the
team's open link from a browser that drops its cookies each time. The team must then be
flagged on the wave page and left out of every report figure (its answers are not counted
in the units above either, or subtracting would give them back).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from klantcultuur.orgs.models import OrgUnit, UnitKind
from klantcultuur.orgs.roles import Role
from klantcultuur.scan import selectors, services
from klantcultuur.scan.models import OpenLink, Response, Wave
from klantcultuur.scan.reporting.gate import ROOT_KEY
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave
from klantcultuur.testing import make_member


@pytest.fixture
def team_of_six(world):
    for i in range(4):
        make_member(world.org, f"collega{i}@linge.example", Role.EMPLOYEE, world.team)
    wave = make_wave(world.org, launched=False)
    services.wave_launch(wave=wave)
    add_responses(wave, world.back_team, 12, level=3)  # genuine answers elsewhere
    link = services.open_link_create(wave=wave, unit=world.team, actor=None)
    return Wave.objects.get(pk=wave.pk), link


def answer(browser: Client, link: OpenLink, *, level: str = "2", comment: str = ""):
    url = reverse("scan-open", args=[link.token])
    browser.post(url, {"page": 0, "action": "next", "role": "employee"})
    browser.post(url, {"page": 1, "action": "next", "VIS1": level, "VIS2": level})
    if comment:
        browser.post(url, {"page": 99, "action": "save", "OPN4": comment})
    return browser.post(url, {"page": 99, "action": "submit"})


def test_stuffing_an_open_link_flags_the_team_and_keeps_it_out_of_every_report(
    login, world, team_of_six
):
    wave, link = team_of_six
    answer(Client(), link, level="1", comment="Mijn leidinggevende luistert niet")  # real
    for _ in range(9):
        answer(Client(), link, level="5", comment="Alles prima")  # a fresh browser each time
    # The link takes no more answers than the team has people; the rest are refused, counted.
    assert Response.objects.filter(wave=wave).count() == 12 + 6
    link.refresh_from_db()
    assert (link.submitted, link.refused) == (6, 4)

    page = login(world.cx_lead).get(reverse("scan-wave", args=[wave.uuid])).content.decode()
    assert "Meer antwoorden dan mensen" in page
    assert "4 geweigerd" in page

    close_and_report(wave)
    team = str(world.team.uuid)
    for viewer in (world.cx_lead, world.manager):
        gate, _report = selectors.report_gate(wave, viewer)
        figure = gate.group(team)
        assert not figure.shown and figure.reason == "too_many_answers"
        assert not gate.scale(team, gate.scale_codes[0])
        assert not gate.comments(team)
    gate, _report = selectors.report_gate(wave, world.cx_lead)
    # The units above hold only the genuine answers: nothing left to subtract.
    for key in (ROOT_KEY, str(world.division.uuid), str(world.department.uuid)):
        assert gate.group(key).n == 12, key
    unit_page = reverse("scan-unit", args=[wave.uuid, world.team.uuid])
    body = login(world.manager).get(unit_page).content.decode()
    assert "Meer antwoorden dan mensen" in body


def test_one_browser_answers_once_per_link(world, team_of_six):
    _wave, link = team_of_six
    browser = Client()
    first = answer(browser, link)
    assert first.status_code == 200
    again = answer(browser, link)
    assert again.status_code == 409
    assert "al ingevuld" in again.content.decode()
    link.refresh_from_db()
    assert (link.submitted, link.refused) == (1, 0)
    assert browser.get(reverse("scan-open", args=[link.token])).status_code == 200


def test_a_team_that_fits_its_size_is_not_flagged(world, team_of_six):
    wave, link = team_of_six
    for _ in range(6):
        answer(Client(), link)
    link.refresh_from_db()
    assert (link.submitted, link.refused) == (6, 0)
    assert not selectors.overfull_unit_ids(wave)
    close_and_report(wave)
    gate, _report = selectors.report_gate(wave, world.cx_lead)
    assert gate.group(str(world.team.uuid)).n == 6


def test_a_stated_size_lets_a_unit_without_registered_people_answer(login, world):
    desk = OrgUnit.objects.create(
        organization=world.org,
        parent=world.department,
        name="Balie",
        code="W-KC-9",
        kind=UnitKind.TEAM,
    )
    wave = make_wave(world.org)
    client = login(world.cx_lead)
    client.post(
        reverse("scan-link-create", args=[wave.uuid]), {"unit": desk.id, "max_answers": "3"}
    )
    link = OpenLink.objects.get(wave=wave)
    assert link.max_answers == 3
    for _ in range(3):
        answer(Client(), link)
    refused = answer(Client(), link)
    assert refused.status_code == 409
    link.refresh_from_db()
    assert (link.submitted, link.refused) == (3, 1)
    assert selectors.overfull_unit_ids(wave) == {desk.id}
    page = client.get(reverse("scan-wave", args=[wave.uuid])).content.decode()
    assert "hoogstens 3" in page


def test_a_replaced_link_starts_no_new_allowance(world, team_of_six):
    """Resetting = switching the link off and making a new one: the old address stops, and
    the answers already given still count for the team."""
    wave, link = team_of_six
    for _ in range(6):
        answer(Client(), link)
    services.open_link_set_active(link=link, active=False)
    new = services.open_link_create(wave=wave, unit=world.team, actor=None)
    assert new.token != link.token
    assert Client().get(reverse("scan-open", args=[link.token])).status_code == 410
    answer(Client(), new)
    new.refresh_from_db()
    assert (new.submitted, new.refused) == (0, 1)
    assert selectors.overfull_unit_ids(wave) == {world.team.id}
