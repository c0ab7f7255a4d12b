"""HR adds documents per process (paste or upload) and reads them against the vision."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from klantcultuur.hrm.models import HrDocument
from klantcultuur.hrm.tests.files import docx_bytes, pdf_bytes
from klantcultuur.hrm.tests.helpers import vision_with_behaviour

pytestmark = pytest.mark.django_db

PROFILE = [
    "Functieprofiel klantadviseur",
    "Je belt klanten binnen een werkdag terug, ook als je het antwoord nog niet hebt.",
    "Je hebt een afgeronde mbo-opleiding op niveau 4.",
]


def _upload(client, name, data, process="job_profiles"):
    return client.post(
        reverse("hrm-home"),
        {"process": process, "title": "", "file": SimpleUploadedFile(name, data)},
    )


def test_an_uploaded_docx_shows_which_promises_appear_and_which_are_missing(world, login):
    vision_with_behaviour(world)
    client = login(world.hr)
    response = _upload(client, "Functieprofiel.docx", docx_bytes(*PROFILE))
    document = HrDocument.objects.get()
    assert response.status_code == 302
    assert document.kind == "docx" and document.promises_total == 5
    assert document.promises_present == 1
    page = client.get(reverse("hrm-document", args=[document.uuid])).content.decode()
    assert "Je belt klanten binnen een werkdag terug" in page
    assert page.count("ontbreekt") == 4


def test_pasted_text_is_read_as_well(world, login):
    vision_with_behaviour(world)
    login(world.hr).post(
        reverse("hrm-home"),
        {"process": "vacancies", "title": "Vacature", "text": "\n".join(PROFILE)},
    )
    assert HrDocument.objects.get().kind == "text"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("beveiligd.pdf", pdf_bytes("Geheim", password="hr2026"), "beveiligd met een wachtwoord"),
        ("kapot.docx", b"PK\x03\x04 geen docx", "kon niet worden gelezen"),
        ("groot.pdf", b"%PDF" + b"0" * (50 * 1024 * 1024), "groter dan 10 MB"),
    ],
)
def test_an_unreadable_file_gives_a_clear_error_and_stores_nothing(
    world, login, name, data, message
):
    vision_with_behaviour(world)
    response = _upload(login(world.hr), name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HrDocument.objects.exists()


def test_hr_rates_and_sets_an_action_with_owner_and_due_date(world, login):
    vision_with_behaviour(world)
    client = login(world.hr)
    _upload(client, "profiel.pdf", pdf_bytes("Je belt klanten binnen een werkdag terug."))
    document = HrDocument.objects.get()
    client.post(
        reverse("hrm-document", args=[document.uuid]),
        {
            "rating": "2",
            "note": "Beloftes ontbreken",
            "action": "Profiel herschrijven",
            "owner": world.hr.id,
            "due": "2027-02-01",
        },
    )
    document.refresh_from_db()
    assert document.rating == 2 and document.action_owner == world.hr
    assert str(document.action_due) == "2027-02-01"


def test_the_board_reads_but_does_not_add_documents(world, login):
    client = login(world.board)
    assert client.get(reverse("hrm-home")).status_code == 200
    client.post(reverse("hrm-home"), {"process": "reward", "text": "Beloning"})
    assert not HrDocument.objects.exists()
