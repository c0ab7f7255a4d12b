"""The import's mapping page: the file read once, limits and warnings shown in Dutch."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from klantcultuur.feedback.models import FeedbackImport
from klantcultuur.feedback.services import imports
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
