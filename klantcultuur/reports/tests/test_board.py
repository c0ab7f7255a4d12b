"""The board report: who may open it, what it shows, and the PDF."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from klantcultuur.audit.models import Action, AuditEvent
from klantcultuur.feedback.metrics import nps
from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.orgs.roles import Role
from klantcultuur.reports.period import previous_month
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave


def _period() -> dict[str, str]:
    return previous_month(timezone.localdate()).query()


def _answers(world, n: int, *, score: int = 9, team=None):
    day = previous_month(timezone.localdate()).start + timedelta(days=3)
    moment = timezone.make_aware(datetime.combine(day, time(10)))
    ingest(
        world.org,
        *[
            item(
                received_at=moment + timedelta(minutes=i),
                metric="nps",
                score=score,
                team_id=(team or world.team).id,
                external_id=f"r{score}-{i}",
            )
            for i in range(n)
        ],
    )


def _text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("role", [Role.BOARD, Role.ADMIN, Role.CX_LEAD])
def test_board_admin_and_cx_lead_open_the_report(login, world, role):
    response = login(world.members[role]).get(reverse("reports-board"), _period())
    assert response.status_code == 200
    assert "Bestuursrapport Woonstichting De Linge" in response.content.decode()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.EMPLOYEE, Role.HR])
def test_other_roles_may_not(login, world, role):
    client = login(world.members[role])
    assert client.get(reverse("reports-board")).status_code == 403
    assert client.get(reverse("reports-pdf")).status_code == 403


def test_an_outsider_gets_404_for_a_unit_of_another_organisation(login, world):
    client = login(world.outsider)
    url = reverse("reports-board")
    assert client.get(url, {"unit": str(world.division.uuid)}).status_code == 404
    assert client.get(reverse("reports-pdf"), {"unit": str(world.division.uuid)}).status_code == 404
    # Their own organisation's report does not show organisation A's figures.
    _answers(world, 8)
    own = client.get(url, _period()).content.decode()
    assert world.org.name not in own
    assert "0 klantantwoorden" in own


def test_customer_figures_show_with_their_interval_only_from_the_threshold(login, world):
    client = login(world.board)
    _answers(world, 4)
    html = client.get(reverse("reports-board"), _period()).content.decode()
    assert "Minder dan 5 antwoorden" in html
    _answers(world, 6, score=3)
    html = client.get(reverse("reports-board"), _period()).content.decode()
    # 4 promoters and 6 detractors of 10: NPS -20, with its adjusted-Wald interval.
    nps_row = html.split('<th scope="row">NPS</th>')[1].split("</tr>")[0]
    expected = nps(4, 0, 6).rounded()
    assert ">-20<" in nps_row
    assert f"{expected.low:.0f} – {expected.high:.0f}" in nps_row
    assert "Minder dan" not in nps_row


def test_a_division_report_counts_only_its_own_units(login, world):
    client = login(world.board)
    _answers(world, 7, team=world.other_team)  # a team outside the division
    html = client.get(
        reverse("reports-board"), {"unit": str(world.division.uuid), **_period()}
    ).content.decode()
    assert f"Bestuursrapport {world.division.name}" in html
    assert "0 klantantwoorden" in html
    # The vision and the programme belong to the organisation's report.
    assert "Visie en veranderprogramma" not in html


def test_the_report_shows_the_scan_phase_components_gap_and_stance(login, world):
    today = timezone.localdate()
    wave = make_wave(
        world.org,
        name="Cultuurscan 2026",
        opens_on=today - timedelta(days=40),
        closes_on=today - timedelta(days=26),
    )
    add_responses(wave, world.team, 12, level=4)
    add_responses(wave, world.department, 5, role="manager", level=5)
    close_and_report(wave)
    html = login(world.board).get(reverse("reports-board")).content.decode()
    assert "Cultuurscan 2026" in html
    assert "Volwassenheidsfase" in html
    assert "trekt de kar" in html
    assert "Gedragen klantvisie" in html
    assert html.count("<svg") >= 3  # radar, gap or stance, and the trends and adoption


def test_the_report_is_in_english_when_asked(login, world):
    html = login(world.board).get(reverse("reports-board"), {"lang": "en"}).content.decode()
    assert "Board report Woonstichting De Linge" in html
    assert "Dagstart adoption" in html


def test_the_pdf_is_a_pdf_with_the_report_and_its_download_is_recorded(login, world):
    _answers(world, 8)
    response = login(world.cx_lead).get(reverse("reports-pdf"), _period())
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _text_of(response.content)
    assert "Bestuursrapport Woonstichting De Linge" in text
    assert "Gebruik van de dagstart" in text
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.organization_id == world.org.id
    assert event.actor_email == world.cx_lead.user.email


def test_the_pdf_in_english(login, world):
    response = login(world.board).get(reverse("reports-pdf"), {"lang": "en", **_period()})
    assert "Board report" in _text_of(response.content)


def test_malformed_parameters_fall_back_instead_of_failing(login, world):
    client = login(world.board)
    assert (
        client.get(
            reverse("reports-board"), {"start": "x", "end": "2026-99-01", "lang": "fr"}
        ).status_code
        == 200
    )
    assert client.get(reverse("reports-board"), {"unit": "not-a-uuid"}).status_code == 404


def test_the_home_page_offers_the_units_and_the_schedules(login, world):
    html = login(world.board).get(reverse("reports-home")).content.decode()
    assert world.division.name in html
    assert world.department.name in html
    assert world.team.name not in html.split('id="report-unit"')[1].split("</select>")[0]


def test_the_report_runs_the_same_queries_for_a_small_and_a_larger_organisation(login, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from klantcultuur.orgs.models import OrgUnit, UnitKind

    client = login(world.board)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("reports-board"), _period()).status_code == 200
        return len(captured)

    _answers(world, 6)
    small = queries()
    for n in range(12):
        team = OrgUnit.objects.create(
            organization=world.org,
            parent=world.department,
            name=f"Team {n}",
            code=f"T-{n}",
            kind=UnitKind.TEAM,
        )
        _answers(world, 3, team=team, score=n % 11)
    assert queries() == small
