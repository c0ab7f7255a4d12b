"""The import pages (views/imports.py): upload, the file read once, mapping, preview, progress
and result, limits and warnings shown in Dutch."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from klantcultuur.feedback.models import (
    FeedbackImport,
    ImportMapping,
)
from klantcultuur.feedback.services import imports
from klantcultuur.lib import progress
from klantcultuur.lib.tests import hostile


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def uploaded(client, name: str, content: bytes, preset: str = "generic") -> str:
    response = client.post(
        reverse("feedback-imports"),
        {
            "file": SimpleUploadedFile(name, content),
            "preset": preset,
        },
    )
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


GOOD = "Datum;Cijfer;Toelichting\r\n01-03-2025;9;Top geholpen\r\n02-03-2025;4;Lang gewacht\r\n"


def test_the_file_is_read_once_and_the_mapping_page_uses_what_it_kept(login, world, monkeypatch):
    client = login(world.cx_lead)
    page = uploaded(client, "enquete.csv", GOOD.encode())
    assert client.get(page).status_code == 200  # the first visit reads the file
    reads = []
    original = imports.open_table
    monkeypatch.setattr(imports, "open_table", lambda *a, **k: reads.append(1) or original(*a, **k))
    form = {
        "col_received_at": "Datum",
        "col_score": "Cijfer",
        "col_reason": "Toelichting",
        "metric": "nps",
        "action": "preview",
    }
    client.post(page, form)
    for _visit in range(3):
        response = client.get(page)
        assert [r.values["score"] for r in response.context["preview"].rows] == [9, 4]
    assert reads == []  # neither the mapping nor the preview read the file again


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("bom.xlsx", lambda: hostile.shared_strings_bomb(300), "pakt uit tot veel meer"),
        ("breed.csv", hostile.million_column_csv, "meer dan 2.000 kolommen"),
        ("regel.csv", lambda: hostile.long_first_line_csv(17), "De eerste regel van het bestand"),
    ],
)
def test_a_hostile_file_gets_a_clear_dutch_message_not_an_error(login, world, name, make, message):
    client = login(world.cx_lead)
    page = uploaded(client, name, make())
    for _visit in range(2):
        response = client.get(page)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert FeedbackImport.objects.get().status == "mapping"


def test_a_file_mixing_encodings_is_read_right_and_says_so(login, world):
    client = login(world.cx_lead)
    content = (
        b"Datum;Cijfer;Toelichting\r\n"
        + "01-03-2025;9;Geholpen door Zoë\r\n".encode()
        + "02-03-2025;8;Café-achtige sfeer\r\n".encode("cp1252")
    )
    page = uploaded(client, "geplakt.csv", content)
    body = client.get(page).content.decode()
    assert "mengt twee tekencoderingen" in body
    client.post(
        page,
        {
            "col_received_at": "Datum",
            "col_score": "Cijfer",
            "col_reason": "Toelichting",
            "metric": "nps",
            "action": "preview",
        },
    )
    rows = client.get(page).context["preview"].rows
    assert [r.values["reason"] for r in rows] == ["Geholpen door Zoë", "Café-achtige sfeer"]


def test_an_empty_preview_says_why_and_what_to_do(login, world):
    client = login(world.cx_lead)
    page = uploaded(client, "leeg.csv", b"Datum;Cijfer\r\n")
    client.post(
        page,
        {"col_received_at": "Datum", "col_score": "Cijfer", "metric": "nps", "action": "preview"},
    )
    response = client.get(page)
    body = response.content.decode()
    assert "geen rijen onder de kop" in body
    assert 'value="start"' not in body  # nothing to start


def test_the_preview_shows_every_mapped_field_and_counts_skipped_rows(login, world):
    client = login(world.cx_lead)
    content = (
        b'"id","submitdate","startlanguage","NPS","REDEN","TIEN","CONTACT"\r\n'
        b'"1","2025-02-10 10:22:41","nl","7","Duurde lang","Sneller opnemen","Y"\r\n'
        b'"2","","nl","","","",""\r\n'
    )
    page = uploaded(client, "lime.csv", content, preset="limesurvey")
    client.post(
        page,
        {
            "col_received_at": "submitdate",
            "col_external_id": "id",
            "col_score": "NPS",
            "col_reason": "REDEN",
            "col_suggestion": "TIEN",
            "col_contact_consent": "CONTACT",
            "metric": "nps",
            "action": "preview",
        },
    )
    response = client.get(page)
    preview = response.context["preview"]
    assert (preview.stored, preview.skipped, preview.refused) == (1, 1, 0)
    body = response.content.decode()
    for label in ("Wat zou er een 10 van maken", "Contact toegestaan", "Team"):
        assert label in body, label
    assert "Sneller opnemen" in body and "overgeslagen" in body


def test_the_import_pages_take_a_file_from_upload_to_result(login, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(world.cx_lead)
    content = "Datum;Teamcode;Cijfer;Toelichting\r\n01-03-2025;W-KC-1;9;Top\r\n02-03-2025;W-KC-1;=1+1;x\r\n"
    response = client.post(
        reverse("feedback-imports"),
        {
            "file": SimpleUploadedFile("enquete.csv", content.encode("cp1252")),
            "preset": "generic",
        },
    )
    job = FeedbackImport.objects.get()
    assert response["Location"] == reverse("feedback-import", args=[job.uuid])
    mapping = client.get(response["Location"])
    assert mapping.context["form"]["col_score"].value() == "Cijfer"
    form = {
        f"col_{k}": v
        for k, v in {
            "received_at": "Datum",
            "team_code": "Teamcode",
            "score": "Cijfer",
            "reason": "Toelichting",
        }.items()
    }
    form.update(metric="nps", save_as="Onze enquête", action="preview")
    preview = client.get(client.post(response["Location"], form)["Location"])
    assert [r.errors == [] for r in preview.context["preview"].rows] == [True, False]
    client.post(response["Location"], {**form, "action": "start"})
    job.refresh_from_db()
    assert (job.status, job.rows_stored, job.rows_refused) == ("done", 1, 1)
    result = client.get(response["Location"]).content.decode()
    assert "opgeslagen" in result and "geweigerd" in result
    report = client.get(reverse("feedback-import-report", args=[job.uuid]))
    text = b"".join(report.streaming_content).decode("utf-8-sig")
    assert ";'=1+1;" in text  # the formula in the refused row is neutralised
    assert ImportMapping.objects.get().columns["score"] == "Cijfer"


def test_a_saved_column_choice_maps_the_next_file_at_upload(login, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    mapping = ImportMapping.objects.create(
        organization=world.org,
        name="Maandexport",
        preset="generic",
        columns={"received_at": "Datum", "score": "Cijfer"},
        options={"metric": "csat"},
    )
    client = login(world.cx_lead)
    client.post(
        reverse("feedback-imports"),
        {
            "file": SimpleUploadedFile("maart.csv", b"Datum;Cijfer\r\n01-03-2025;4\r\n"),
            "preset": "generic",
            "mapping": str(mapping.uuid),
        },
    )
    job = FeedbackImport.objects.get()
    assert (job.columns, job.options) == (mapping.columns, mapping.options)
    page = client.get(reverse("feedback-import", args=[job.uuid]))
    assert [row.errors for row in page.context["preview"].rows] == [[]]


def test_the_progress_bar_asks_for_a_reload_when_the_import_is_done(login, world):
    job = FeedbackImport.objects.create(organization=world.org, filename="x.csv", status="done")
    client = login(world.cx_lead)
    response = client.get(
        reverse("feedback-import-progress", args=[job.uuid]) + "?running=1", HTTP_HX_REQUEST="true"
    )
    assert response["HX-Refresh"] == "true"


def test_an_import_waiting_for_another_import_of_the_organisation_says_so(login, world):
    job = FeedbackImport.objects.create(organization=world.org, filename="x.csv", status="running")
    client = login(world.cx_lead)
    url = reverse("feedback-import-progress", args=[job.uuid])
    progress.report(imports.PROGRESS_KIND, job.uuid, done=0, total=900, stage="waiting")
    waiting = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "De import wacht op zijn beurt." in waiting
    assert "Er loopt nog een andere import voor deze organisatie." in waiting
    assert "regels gelezen" not in waiting
    progress.report(imports.PROGRESS_KIND, job.uuid, done=450, total=900, stage="reading")
    reading = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "50% · 450 regels gelezen" in reading
    assert "andere import" not in reading


def test_the_recent_imports_list_shows_which_import_waits_its_turn_and_how_far_one_runs(
    login, world
):
    waiting = FeedbackImport.objects.create(
        organization=world.org, filename="wacht.csv", status="running"
    )
    running = FeedbackImport.objects.create(
        organization=world.org, filename="loopt.csv", status="running"
    )
    FeedbackImport.objects.create(organization=world.org, filename="klaar.csv", status="done")
    progress.report(imports.PROGRESS_KIND, waiting.uuid, done=0, total=900, stage="waiting")
    progress.report(imports.PROGRESS_KIND, running.uuid, done=300, total=900, stage="reading")
    page = login(world.cx_lead).get(reverse("feedback-imports")).content.decode()
    rows = {
        name: page[page.index(name) :].split("</tr>")[0]
        for name in ("wacht.csv", "loopt.csv", "klaar.csv")
    }
    assert "Wacht op zijn beurt" in rows["wacht.csv"]
    assert "Bezig · 33%" in rows["loopt.csv"]
    assert "Klaar" in rows["klaar.csv"]
    assert "Wacht" not in rows["loopt.csv"] + rows["klaar.csv"]
