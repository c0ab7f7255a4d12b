"""Report pages, charts and exports: computed once, read through the anonymity gate only."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.models import Organization, Sector
from klantcultuur.scan import selectors
from klantcultuur.scan.charts import heat_colour
from klantcultuur.scan.models import WaveReport
from klantcultuur.scan.reporting.gate import ROOT_KEY
from klantcultuur.scan.reporting.pages import HEAT_STEPS
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave

SCAN = Path(__file__).resolve().parents[1]


def url(name, reported, *args):
    return reverse(name, args=[reported.wave.uuid, *args])


def test_the_report_is_computed_once_and_page_views_never_recompute(
    login, world, reported, monkeypatch
):
    report = WaveReport.objects.get(wave=reported.wave)
    assert report.status == JobStatus.DONE and report.n_respondents == 29

    def boom(*args, **kwargs):
        raise AssertionError("a page view recomputed the report")

    monkeypatch.setattr("klantcultuur.scan.services.reports.build_report", boom)
    monkeypatch.setattr("klantcultuur.scan.scoring.build_report", boom)
    client = login(world.cx_lead)
    for name in ("scan-report", "scan-heatmap", "scan-comparison", "scan-comments"):
        assert client.get(url(name, reported)).status_code == 200, name


def test_only_the_gate_and_the_computation_read_stored_report_figures():
    readers = set()
    for path in SCAN.rglob("*"):
        if (
            path.suffix in (".py", ".html")
            and "tests" not in path.parts
            and re.search(r"\.(data|decisions)\b|report\.comments", path.read_text())
        ):
            readers.add(path.relative_to(SCAN).as_posix())
    assert readers == {"reporting/gate.py", "services/reports.py"}


def test_the_organisation_page_shows_phase_gap_stance_and_leaders_in_dutch(
    login, world, reported, django_assert_max_num_queries
):
    client = login(world.cx_lead)
    with django_assert_max_num_queries(10):
        response = client.get(url("scan-report", reported))
    body = response.content.decode()
    assert "29 respondenten" in body and "Volwassenheidsfase" in body
    assert re.search(
        r'aria-current="step">\d\. (Negeren|Verkennen|Ontwikkelen|Verankeren|Transformeren)', body
    )
    assert "Leidinggevenden geven hun eigen voorbeeldgedrag gemiddeld een" in body
    assert "Trekkers" in body and "Vuistregel 20/60/20" in body
    # 24 employees: too few for the leaders-or-peers analysis, and the page says so.
    assert "Te weinig medewerkers met alle antwoorden voor deze analyse (minstens 66)." in body
    assert "Klantgedrevenheid Monitor (Blauw/CYS)" in body  # no sector peers: the Monitor
    assert "Sterke punten" in body and "Zwakke punten" in body
    assert 'style="' not in body and "<style" not in body  # CSP: no inline styles


def test_the_heatmap_marks_suppressed_cells_with_their_reason(
    login, world, reported, django_assert_max_num_queries
):
    client = login(world.cx_lead)
    with django_assert_max_num_queries(10):
        body = client.get(url("scan-heatmap", reported)).content.decode()
    rows = dict(
        re.findall(
            r'<th scope="row"[^>]*>(?:<a [^>]*>)?([^<]+)(?:</a>)?</th>(.*?)</tr>', body, re.S
        )
    )
    assert "Minder dan 5 respondenten" in rows["Planning"]  # 4 respondents
    assert "Verborgen om een kleinere groep te beschermen" in rows["Digitaal"]  # 29-12-5-8 = 4
    assert "heat-none" in rows["Digitaal"] and not re.search(r"\d,\d\d", rows["Digitaal"])
    assert re.search(r'class="heat-\d+">\d,\d\d<', rows["Klantcontactcentrum"])
    managers = client.get(url("scan-heatmap", reported) + "?group=manager").content.decode()
    assert "Leidinggevenden" in managers


def test_the_heatmap_colours_are_the_charts_colours():
    css = (SCAN / "static/scan/scan.css").read_text()
    for step in range(HEAT_STEPS + 1):
        colour = heat_colour(1 + 4 * step / HEAT_STEPS)
        assert f".heat-{step} {{ background: {colour.fill}; color: {colour.text}; }}" in css


def test_a_unit_page_shows_its_scales_change_and_open_answers_link(login, world, reported):
    body = login(world.cx_lead).get(url("scan-unit", reported, world.team.uuid)).content.decode()
    assert "<h1>Klantcontactcentrum</h1>" in body and "12 respondenten" in body
    assert "Gedragen klantvisie" in body and "+1,00" in body and ">echt<" in body
    assert "Lees de open antwoorden van deze eenheid" in body
    small = (
        login(world.cx_lead).get(url("scan-unit", reported, world.back_team.uuid)).content.decode()
    )
    assert "Minder dan 5 respondenten" in small and "Lees de open antwoorden" not in small


def test_a_manager_reads_the_organisation_and_the_units_they_lead_only(
    login, world, reported, django_assert_max_num_queries
):
    client = login(world.manager)  # leads the team Klantcontactcentrum
    with django_assert_max_num_queries(13):
        assert client.get(url("scan-report", reported)).status_code == 200
    heatmap = client.get(url("scan-heatmap", reported)).content.decode()
    assert "Klantcontactcentrum" in heatmap and "Woonstichting De Linge" in heatmap
    assert "Planning" not in heatmap and "Digitaal" not in heatmap
    assert client.get(url("scan-unit", reported, world.team.uuid)).status_code == 200
    assert client.get(url("scan-unit", reported, world.back_team.uuid)).status_code == 403
    export = client.get(url("scan-export-csv", reported)).content.decode("utf-8-sig")
    assert "Planning" not in export and "Klantcontactcentrum" in export


def test_employees_read_the_organisation_summary_once_the_wave_is_closed(login, world, reported):
    client = login(world.employee)
    assert client.get(url("scan-report", reported)).status_code == 403
    body = client.get(url("scan-summary", reported)).content.decode()
    assert "Uitkomsten van Cultuurscan 2026" in body and "Volwassenheidsfase" in body
    assert "Klantcontactcentrum" not in body  # no unit figures for employees
    index = client.get(reverse("scan-index")).content.decode()
    assert url("scan-summary", reported) in index
    running = make_wave(world.org, name="Loopt nog")
    assert client.get(reverse("scan-summary", args=[running.uuid])).status_code == 404


def test_the_comparison_names_the_real_changes(login, world, reported):
    body = login(world.cx_lead).get(url("scan-comparison", reported)).content.decode()
    assert "Vergeleken met Cultuurscan 2025" in body
    assert "Echte veranderingen in de organisatie" in body
    assert "<svg" in body and "echte verandering" in body


def test_open_answers_are_grouped_by_theme_only_for_groups_of_ten_or_more(login, world, reported):
    client = login(world.cx_lead)
    body = client.get(url("scan-comments", reported)).content.decode()
    assert "Werkdruk" in body and "Samenwerking" in body and "Regels en systemen" in body
    workload = re.search(r"<summary>Werkdruk \(12\)</summary>(.*?)</details>", body, re.S)[1]
    answers = re.findall(r"<li>(.*?)</li>", workload)
    assert answers == sorted(answers, key=str.casefold) and len(answers) == 12
    team = client.get(url("scan-comments", reported) + f"?unit={world.team.uuid}").content.decode()
    assert "Meer tijd voor de huurder" in team and "Minder regels" not in team
    small = client.get(
        url("scan-comments", reported) + f"?unit={reported.digital.uuid}"
    ).content.decode()
    assert "Minder dan 10 respondenten" in small and "Betere samenwerking" not in small


def test_exports_hold_aggregates_with_reasons_and_never_open_answers(login, world, reported):
    client = login(world.cx_lead)
    response = client.get(url("scan-export-csv", reported))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:7] == ["Eenheid", "Niveau", "Groep", "Soort", "Code", "Naam", "n"]
    assert any(r[0] == "Planning" and r[-1] == "Minder dan 5 respondenten" for r in rows)
    shown = [r for r in rows[1:] if r[6]]
    assert shown and all(int(r[6]) >= 5 for r in shown)
    assert "huurder (" not in text and "Minder regels" not in text
    workbook = load_workbook(io.BytesIO(client.get(url("scan-export-xlsx", reported)).content))
    cells = [c for row in workbook.active.iter_rows(values_only=True) for c in row if c]
    assert "Planning" in cells and not any("Minder regels" in str(c) for c in cells)


def test_charts_download_as_standalone_svg_without_inline_styles(login, world, reported):
    client = login(world.cx_lead)
    for name in ("radar", "gap", "stance", "leaders", "waves"):
        response = client.get(url("scan-chart", reported, name))
        assert response["Content-Type"] == "image/svg+xml; charset=utf-8", name
        root = ET.fromstring(response.content)
        assert root.tag.endswith("svg") and not any(e.get("style") for e in root.iter())
    assert client.get(url("scan-chart", reported, "pie")).status_code == 404


def test_raising_a_threshold_recomputes_the_reports_with_it(login, world, reported):
    world.org.min_group_size = 13
    world.org.save()
    report = WaveReport.objects.get(wave=reported.wave)
    assert (report.status, report.min_group) == (JobStatus.DONE, 13)
    gate, _report = selectors.report_gate(reported.wave, world.cx_lead)
    assert gate.scale(str(world.team.uuid), "VIS").message == "Minder dan 13 respondenten"


def test_a_report_made_with_other_thresholds_is_never_shown(login, world, reported):
    WaveReport.objects.filter(wave=reported.wave).update(min_group=4)
    body = login(world.cx_lead).get(url("scan-report", reported)).content.decode()
    assert "De anonimiteitsdrempels van jullie organisatie zijn veranderd" in body
    assert "Volwassenheidsfase" not in body


def test_a_running_wave_has_no_report_yet(login, world):
    wave = make_wave(world.org)
    body = login(world.board).get(reverse("scan-report", args=[wave.uuid])).content.decode()
    assert "De meting loopt nog." in body


def test_a_scale_that_too_few_answered_is_hidden_although_the_group_is_shown(world):
    wave = make_wave(world.org)
    add_responses(wave, world.team, 6)
    # Only three of the six answered the team-steering questions.
    for response in wave.responses.all()[:3]:
        response.answers = {k: v for k, v in response.answers.items() if not k.startswith("STU")}
        response.save(update_fields=["answers"])
    close_and_report(wave)
    gate, _report = selectors.report_gate(wave, world.cx_lead)
    team = str(world.team.uuid)
    assert gate.group(team).shown and gate.scale(team, "VIS").shown
    assert gate.scale(team, "STU").message == "Minder dan 5 antwoorden"
    assert not gate.phase(team).shown


@pytest.mark.parametrize("n_peers, source", [(5, "installation"), (4, "monitor")])
def test_the_sector_benchmark_needs_five_other_organisations(world, n_peers, source):
    for i in range(n_peers):
        peer = Organization.objects.create(
            name=f"Corporatie {i}", slug=f"peer-{i}", sector=Sector.HOUSING
        )
        wave = make_wave(peer, name="Scan")
        WaveReport.objects.create(
            wave=wave,
            status=JobStatus.DONE,
            summary={
                "organisation": peer.id,
                "sector": "housing",
                "n": 40,
                "phase": 2,
                "scale_means": {"VIS": 2.5 + i / 10, "LEI": 3.0, "HRM": 2.8, "STU": 2.9},
            },
        )
    wave = make_wave(world.org)
    add_responses(wave, world.team, 8)
    close_and_report(wave)
    gate, _report = selectors.report_gate(wave, world.cx_lead)
    assert gate.benchmark()["source"] == source
    if source == "installation":
        assert gate.benchmark()["n_organisations"] == 5
        assert gate.benchmark()["scale_mean"]["VIS"] == pytest.approx(2.7)


def test_the_root_of_every_report_is_the_organisation_for_every_reader(world, reported):
    for member in (world.cx_lead, world.board, world.hr, world.manager):
        gate, _report = selectors.report_gate(reported.wave, member)
        assert gate.can_see(ROOT_KEY)
    gate, _report = selectors.report_gate(reported.wave, world.employee, summary_only=True)
    assert gate.visible_keys() == [ROOT_KEY]


def test_the_group_hidden_to_protect_another_is_the_same_on_every_figure(world, reported):
    gate, _report = selectors.report_gate(reported.wave, world.cx_lead)
    team, digital = str(world.team.uuid), str(reported.digital.uuid)
    scales = [code for code in gate.scale_codes if code not in ("VBZ", "VBM")]
    assert all(gate.scale(team, code).shown for code in scales)
    assert {gate.scale(digital, code).reason for code in scales} == {"protects_smaller_group"}


def test_identical_open_answers_are_shown_once_with_how_often_they_were_given(login, world):
    wave = make_wave(world.org)
    add_responses(wave, world.team, 11)
    for response in wave.responses.all():
        response.comments = {"OPN4": "Meer tijd"}
        response.save(update_fields=["comments"])
    close_and_report(wave)
    body = login(world.cx_lead).get(reverse("scan-comments", args=[wave.uuid])).content.decode()
    assert "<summary>Werkdruk (11)</summary>" in body
    assert body.count("<li>Meer tijd") == 1 and "(11×)" in body
