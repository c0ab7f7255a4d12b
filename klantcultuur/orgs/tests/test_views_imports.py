"""The import pages: upload, preview, confirm, progress, report download."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.models import Membership, PeopleImport

CSV = "E-mailadres;Voornaam;Achternaam;Afdelingscode\r\nlies.smit@linge.example;Lies;Smit;W-KC-1\r\n=cmd|' /C calc'!A0;X;Y;W-KC-1\r\n"


def upload(client, content: bytes = CSV.encode()):
    return client.post(
        reverse("orgs-import"), {"file": SimpleUploadedFile("hr.csv", content, "text/csv")}
    )


def test_upload_shows_a_preview_and_changes_nothing(login, world):
    client = login(world.hr)
    response = upload(client)
    job = PeopleImport.objects.get()
    assert response["Location"] == reverse("orgs-import-detail", args=[job.uuid])
    page = client.get(response["Location"]).content.decode()
    assert "Voorbeeld" in page and "lies.smit@linge.example" in page
    assert not Membership.objects.filter(user__email="lies.smit@linge.example").exists()


def test_confirming_runs_the_import_and_the_report_can_be_downloaded(login, world):
    client = login(world.hr)
    upload(client)
    job = PeopleImport.objects.get()
    client.post(reverse("orgs-import-start", args=[job.uuid]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Membership.objects.filter(
        user__email="lies.smit@linge.example", unit=world.team
    ).exists()
    page = client.get(reverse("orgs-import-detail", args=[job.uuid])).content.decode()
    assert "Resultaat" in page
    report = client.get(reverse("orgs-import-report", args=[job.uuid]))
    text = report.content.decode("utf-8-sig")
    assert report["Content-Type"].startswith("text/csv")
    assert "lies.smit@linge.example;aangemaakt" in text
    assert ";'=cmd|" in text  # a formula in the file is neutralised in the report
    assert "geweigerd" in text


def test_starting_twice_imports_once(login, world):
    client = login(world.hr)
    upload(client)
    job = PeopleImport.objects.get()
    client.post(reverse("orgs-import-start", args=[job.uuid]))
    client.post(reverse("orgs-import-start", args=[job.uuid]))
    assert Membership.objects.filter(user__email="lies.smit@linge.example").count() == 1


def test_an_empty_upload_is_refused_at_the_form(login, world):
    response = upload(login(world.hr), b"")
    assert response.status_code == 200
    assert PeopleImport.objects.count() == 0


def test_an_unreadable_file_shows_the_error_in_the_preview(login, world):
    client = login(world.hr)
    response = upload(client, b"voornaam;achternaam\r\nAnna;Smit\r\n")
    page = client.get(response["Location"]).content.decode()
    assert "Verplichte kolommen ontbreken" in page


def test_a_file_above_10_mb_is_refused_at_upload(login, world):
    client = login(world.hr)
    response = upload(client, b"a" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 200
    assert PeopleImport.objects.count() == 0


def test_the_progress_partial_tells_htmx_to_reload_when_done(login, world):
    client = login(world.hr)
    upload(client)
    job = PeopleImport.objects.get()
    client.post(reverse("orgs-import-start", args=[job.uuid]))
    response = client.get(reverse("orgs-import-progress", args=[job.uuid]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
