"""The scan's demo data: deterministic, idempotent, and meaningful on every report page."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.models import Membership, OrgUnit
from klantcultuur.scan import selectors
from klantcultuur.scan.models import Invitation, Response, Wave, WaveReport
from klantcultuur.scan.reporting.gate import ROOT_KEY

pytestmark = pytest.mark.slow  # loads the demo


def snapshot() -> dict:
    def digest(value) -> str:
        return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()

    return {
        "waves": sorted(Wave.objects.values_list("uuid", "name", "opens_on", "closes_on")),
        "invitations": sorted(Invitation.objects.values_list("uuid", "role", "answered_on")),
        "responses": sorted(
            (str(r.id), r.unit_id is None, r.role, digest(r.answers), digest(r.comments))
            for r in Response.objects.all()
        ),
        "reports": sorted(
            (str(r.wave.uuid), digest(r.data), digest(r.decisions))
            for r in WaveReport.objects.select_related("wave")
        ),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo")
    waves = {w.name: w for w in Wave.objects.select_related("organization", "questionnaire")}
    return waves


def gate_of(wave, role="cx_lead"):
    member = Membership.objects.get(
        organization=wave.organization, role=role, user__email__startswith="thomas"
    )
    gate, _report = selectors.report_gate(wave, member)
    return gate


def key(code: str) -> str:
    return str(OrgUnit.objects.get(code=code).uuid)


def test_loading_the_demo_twice_gives_the_same_waves_responses_and_reports(demo):
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


def test_the_demo_has_two_reported_waves_a_year_apart_with_believable_patterns(demo):
    first, second = demo["Cultuurscan 2025"], demo["Cultuurscan 2026"]
    assert (second.opens_on - first.opens_on).days in range(360, 370)
    assert first.report.status == second.report.status == JobStatus.DONE
    assert 200 <= first.report.n_respondents < second.report.n_respondents <= 287
    assert demo["Pulsmeting Klantcontact"].accepts_answers
    assert second.questionnaire.custom_items  # the organisation's own copy
    gate = gate_of(second)
    # Managers rate their own example higher than their teams do.
    own = gate.scale(ROOT_KEY, "VBZ", "manager").value["mean"]
    seen = gate.scale(ROOT_KEY, "VBM", "employee").value["mean"]
    assert own - seen > 0.8
    # The back office (Bedrijfsvoering) is weaker on team steering.
    assert (
        gate.scale(key("W"), "STU").value["mean"] - gate.scale(key("B"), "STU").value["mean"] > 0.5
    )
    # Wijkbeheer is full of pullers.
    assert gate.stance(key("W-WB")).value[0] > 0.5 > gate.stance(ROOT_KEY).value[0]
    # Real change between the waves; leaders or peers can be shown for the organisation.
    assert gate.comparison(ROOT_KEY, "VIS").value["real"]
    assert gate.comparison(key("W-KC"), "STU").value["change"] > 0.5
    assert gate.leaders_peers(ROOT_KEY).shown
    # Some teams are too small, so suppression shows, while the organisation's answers show.
    assert {"too_few", None} <= {gate.group(k).reason for k in gate.visible_keys()}
    assert any(not gate.comments(k) for k in gate.visible_keys())
    assert gate.comments(ROOT_KEY).shown


MARKERS = {
    "scan-report": ["Volwassenheidsfase", "Trekkers", "Leiders"],
    "scan-heatmap": ['<td class="heat-'],
    "scan-comparison": ["Echte veranderingen in de organisatie"],
    "scan-comments": ["Werkdruk", "Samenwerking"],
    "scan-summary": ["Volwassenheidsfase", "Sterke punten"],
}


def test_every_report_page_shows_figures_for_every_role_that_reads_them(demo, client):
    wave = demo["Cultuurscan 2026"]
    logins = {
        "thomas.degraaf": ["scan-report", "scan-heatmap", "scan-comparison", "scan-comments"],
        "marieke.vandenberg": ["scan-report", "scan-heatmap", "scan-comparison"],
        "jeroen.bos": ["scan-report", "scan-heatmap"],
        "fatima.elamrani": ["scan-summary"],
    }
    for name, pages in logins.items():
        client.force_login(
            Membership.objects.get(
                user__email=f"{name}@rivierduin-demo.nl", organization=wave.organization
            ).user
        )
        for page in pages:
            body = client.get(reverse(page, args=[wave.uuid])).content.decode()
            for marker in MARKERS[page]:
                assert marker in body, (name, page, marker)
    team = OrgUnit.objects.get(code="W-KC-A")
    client.force_login(Membership.objects.get(user__email="jeroen.bos@rivierduin-demo.nl").user)
    body = client.get(reverse("scan-unit", args=[wave.uuid, team.uuid])).content.decode()
    assert "Klantcontactcentrum Team A" in body and "Gedragen klantvisie" in body
