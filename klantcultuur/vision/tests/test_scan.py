"""The organisation's behaviours in the culture scan: chosen on the vision's page, asked of
managers about themselves and of employees about their manager, and the gap report computed
on them behind the scan's anonymity gate."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.scan import selectors as scan_selectors
from klantcultuur.scan.services.questionnaires import latest_copy, own_behaviours
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave
from klantcultuur.vision.models import Behaviour
from klantcultuur.vision.services.scan import MAX_IN_SCAN
from klantcultuur.vision.tests.helpers import behaviour, published


def _two(world):
    version = published(world)
    return version, [
        behaviour(world, version),
        behaviour(world, version, name="Afspraak bevestigen"),
    ]


def test_the_cx_lead_puts_behaviours_in_the_scan_with_the_employees_wording(world, login):
    _version, (call_back, confirm) = _two(world)
    lead = login(world.cx_lead)
    page = lead.get(reverse("vision-behaviours-scan")).content.decode()
    assert "Terugbellen binnen een werkdag" in page and "Ik zie mijn leidinggevende" in page
    response = lead.post(
        reverse("vision-behaviours-scan"),
        {
            "behaviour": [str(call_back.uuid)],
            f"seen-{call_back.uuid}": "Mijn leidinggevende belt huurders binnen een werkdag terug.",
            f"seen-{confirm.uuid}": "niet gekozen",
        },
    )
    assert response.status_code == 302
    (statement,) = own_behaviours(latest_copy(world.org))
    assert statement.key == str(call_back.uuid)
    assert statement.self_nl == call_back.sentence
    assert statement.seen_nl == "Mijn leidinggevende belt huurders binnen een werkdag terug."
    again = lead.get(reverse("vision-behaviours-scan")).content.decode()
    assert f'value="{call_back.uuid}" id="b-{call_back.uuid}" checked' in again


def test_at_most_twelve_behaviours_go_in_the_scan(world, login):
    version = published(world)
    many = [behaviour(world, version, name=f"Gedrag {n}") for n in range(MAX_IN_SCAN + 1)]
    response = login(world.cx_lead).post(
        reverse("vision-behaviours-scan"), {"behaviour": [str(b.uuid) for b in many]}
    )
    assert response.status_code == 200 and latest_copy(world.org) is None


def test_only_who_runs_the_scan_chooses(world, login):
    _two(world)
    for member in (world.manager, world.employee, world.board):
        assert login(member).get(reverse("vision-behaviours-scan")).status_code == 403


def test_the_gap_report_runs_on_the_organisations_own_behaviours(world, login):
    _version, (call_back, confirm) = _two(world)
    login(world.cx_lead).post(
        reverse("vision-behaviours-scan"),
        {"behaviour": [str(call_back.uuid), str(confirm.uuid)]},
    )
    wave = make_wave(world.org, version=latest_copy(world.org))
    add_responses(wave, world.team, 9, level=2)
    add_responses(wave, world.back_team, 6, level=3)
    add_responses(wave, world.department, 6, role="manager", level=5)
    close_and_report(wave)
    gate, _report = scan_selectors.report_gate(wave, world.cx_lead)
    rows = {row["behaviour"]: row for row in gate.gap("org")}
    own = rows[str(call_back.uuid)]
    # Managers think they always do it; their employees see it far less often.
    assert own["self"].n == 6 and own["seen"].n == 15
    assert own["self"].value["mean"] - own["seen"].value["mean"] > 1.5
    assert str(confirm.uuid) in rows and "B1" in rows  # next to the standard behaviours
    report = login(world.cx_lead).get(reverse("scan-report", args=[wave.uuid])).content.decode()
    assert "Ik zie mijn leidinggevende dit doen" in report  # in the gap chart's labels
    assert Behaviour.objects.filter(uuid=own["behaviour"]).exists()
