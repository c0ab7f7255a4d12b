"""Import files in an S3-compatible object store (S3_BUCKET): upload, mapping, run, report
and erasure read and write the bucket, never the local disk, so a worker on another machine
finds every file. Against a real S3 server started for the test (moto's server mode)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from klantcultuur.feedback.models import Feedback, FeedbackImport
from klantcultuur.feedback.services import imports
from klantcultuur.feedback.services.privacy import customer_erase
from klantcultuur.lib.jobs import JobStatus

FILE = (
    "Datum;Klantnummer;Cijfer;Toelichting\r\n"
    "03-11-2026;K-1001;9;Heel vriendelijk geholpen.\r\n"
    "03-11-2026;K-1002;4;Ik moest drie keer bellen.\r\n"
    "04-11-2026;K-1003;77;Dit cijfer bestaat niet.\r\n"
)


@pytest.fixture(autouse=True)
def _no_local_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def keys(client, bucket) -> set[str]:
    listing = client.list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def body(client, bucket, key) -> str:
    return client.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8-sig")


def upload(world) -> FeedbackImport:
    return imports.import_create(
        organization=world.org,
        user=world.cx_lead.user,
        preset="generic",
        upload=SimpleUploadedFile("klanten.csv", FILE.encode()),
    )


def test_an_import_keeps_its_upload_and_report_in_the_bucket_and_nothing_on_disk(
    world, s3_storage, _no_local_media
):
    client, bucket = s3_storage
    job = upload(world)
    assert keys(client, bucket) == {job.upload_name}
    assert body(client, bucket, job.upload_name) == FILE
    assert job.size == len(FILE.encode())

    inspection = imports.import_inspect(job)  # read from the bucket, its first rows kept there
    assert inspection.headers == ["Datum", "Klantnummer", "Cijfer", "Toelichting"]
    assert job.inspection_name in keys(client, bucket)
    imports.import_configure(
        job=job,
        columns={**inspection.guessed, "customer_ref": "Klantnummer"},
        options={"metric": "nps"},
    )
    assert [row.values.get("score") for row in imports.import_preview(job).rows[:2]] == [9, 4]
    imports.import_start(job=job)  # inline in tests: the worker's code, reading the bucket
    job.refresh_from_db()

    assert job.status == JobStatus.DONE, job.error
    assert (job.rows_stored, job.rows_refused) == (2, 1)
    assert Feedback.objects.filter(batch=job).count() == 2
    # The preview's rows are dropped after the run; the report of refused rows is stored.
    assert keys(client, bucket) == {job.upload_name, job.report_name}
    refused = list(csv.reader(io.StringIO(body(client, bucket, job.report_name)), delimiter=";"))
    assert refused[1][0] == "4" and refused[1][3] == "K-1003"
    assert not _no_local_media.exists()  # nothing went to the local disk


def test_the_report_download_and_the_import_page_read_the_bucket(world, s3_storage, login):
    client, bucket = s3_storage
    job = upload(world)
    inspection = imports.import_inspect(job)
    imports.import_configure(job=job, columns=inspection.guessed, options={"metric": "nps"})
    imports.import_start(job=job)
    browser = login(world.cx_lead)

    download = browser.get(reverse("feedback-import-report", args=[job.uuid]))
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert download.status_code == 200
    assert "Dit cijfer bestaat niet." in text

    client.delete_object(Bucket=bucket, Key=job.report_name)  # gone, as after retention
    page = browser.get(reverse("feedback-import", args=[job.uuid])).content.decode()
    assert "K-1003" not in page
    assert browser.get(reverse("feedback-import-report", args=[job.uuid])).status_code != 500


def test_erasing_a_customer_removes_them_from_the_files_in_the_bucket(world, s3_storage):
    client, bucket = s3_storage
    done = upload(world)
    inspection = imports.import_inspect(done)
    imports.import_configure(
        job=done,
        columns={**inspection.guessed, "customer_ref": "Klantnummer"},
        options={"metric": "nps"},
    )
    imports.import_start(job=done)
    waiting = upload(world)  # mapped later: its upload mentions the customer
    untouched = imports.import_create(
        organization=world.org,
        user=None,
        preset="generic",
        upload=SimpleUploadedFile("ander.csv", b"Datum;Klantnummer\r\n03-11-2026;K-2000\r\n"),
    )

    customer_erase(organization=world.org, reference="K-1003", actor=None)

    done.refresh_from_db()
    stored = keys(client, bucket)
    assert done.upload_name not in stored  # a finished import needs its upload no more
    assert waiting.upload_name not in stored
    assert untouched.upload_name in stored
    assert "K-1003" not in body(client, bucket, done.report_name)
    assert all("K-1003" not in body(client, bucket, key) for key in stored)
