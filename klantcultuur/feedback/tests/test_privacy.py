"""Erasing one customer leaves nothing behind; the retention removes comments, keeps scores."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import (
    DailyTeamStats,
    DailyTopicStats,
    ErasureLog,
    Feedback,
    FeedbackImport,
    FeedbackSentence,
    FeedbackSettings,
    FollowUpCase,
    LabelCorrection,
)
from klantcultuur.feedback.services import imports
from klantcultuur.feedback.services.privacy import customer_erase, reference_hash, retention_apply
from klantcultuur.feedback.services.records import sentence_correct
from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.lib import storage
from klantcultuur.lib.jobs import JobStatus

SECRET_REF = "H-770031"


def tables_mentioning(text: str) -> list[tuple[str, str]]:
    """Every (table, column) of the database that holds the text somewhere."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            for column in connection.introspection.get_table_description(cursor, table):
                quoted_table, quoted_column = (
                    connection.ops.quote_name(table),
                    connection.ops.quote_name(column.name),
                )
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted_table} WHERE CAST({quoted_column} AS TEXT) LIKE %s",
                    [f"%{text}%"],
                )
                if cursor.fetchone()[0]:
                    found.append((table, column.name))
    return found


def files_mentioning(text: str) -> list[Path]:
    """Every stored file (uploads, reports) that holds the text."""
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def stored_bytes(name: str) -> bytes:
    with storage.open_binary(name) as handle:
        return handle.read()


def import_file(world, body: str, *, start: bool = True) -> FeedbackImport:
    """An import of a CSV with a date, a customer number, a score and a comment."""
    job = imports.import_create(
        organization=world.org,
        user=None,
        preset="generic",
        upload=SimpleUploadedFile("klanten.csv", body.encode()),
    )
    imports.import_configure(
        job=job,
        columns={
            "received_at": "Datum",
            "customer_ref": "Klantnummer",
            "score": "Cijfer",
            "reason": "Reden",
        },
        options={"metric": "nps"},
    )
    if start:
        imports.import_start(job=job)
    job.refresh_from_db()
    return job


@pytest.fixture
def customer(world, settings, tmp_path):
    """Two responses of one customer and a refused row of theirs in an import report, next to
    another customer's responses."""
    settings.MEDIA_ROOT = tmp_path / "media"
    now = timezone.now()
    ingest(
        world.org,
        item(
            received_at=now - timedelta(days=1),
            score=2,
            customer_ref=SECRET_REF,
            contact_consent=True,
            team_code="W-KC-1",
            reason="De monteur kwam niet opdagen. Niemand belde terug.",
        ),
        item(
            received_at=now - timedelta(days=40),
            score=9,
            customer_ref=SECRET_REF,
            team_code="W-KC-1",
            reason="Vriendelijk geholpen, maar wel lang moeten wachten.",
        ),
        item(
            received_at=now - timedelta(days=1),
            score=10,
            customer_ref="H-100001",
            team_code="W-KC-1",
            reason="Top service.",
        ),
    )
    report_file = b"Datum;Klantnummer;Cijfer\r\n01-01-2020;H-770031;11\r\n01-01-2020;H-100001;8\r\n"
    job = imports.import_create(
        organization=world.org,
        user=None,
        preset="generic",
        upload=SimpleUploadedFile("oud.csv", report_file),
    )
    imports.import_configure(
        job=job,
        columns={"received_at": "Datum", "customer_ref": "Klantnummer", "score": "Cijfer"},
        options={"metric": "nps"},
    )
    imports.import_start(job=job)
    job.refresh_from_db()
    return job


def test_erasing_a_customer_leaves_nothing_of_them_behind(world, customer):
    record = Feedback.objects.get(customer_ref=SECRET_REF, score=9)
    sentence_correct(
        record=record, field=1, position=0, label="improvement", user=world.cx_lead.user
    )
    assert LabelCorrection.objects.count() == 1
    assert any(SECRET_REF in row for row in imports.import_report_rows(customer))
    log = customer_erase(organization=world.org, reference=SECRET_REF, actor=world.cx_lead.user)

    assert (log.records, log.cases) == (2, 1)
    assert log.sentences >= 3
    assert not Feedback.objects.filter(customer_ref=SECRET_REF).exists()
    assert not FeedbackSentence.objects.filter(text__icontains="niet opdagen").exists()
    assert not FollowUpCase.objects.exists()
    assert not LabelCorrection.objects.exists()  # made from the customer's sentence
    assert rollup.differences(world.org.id) == []
    # The import's refused-rows report no longer mentions the customer; the upload is gone.
    rows = list(
        csv.reader(storage.open_text(customer.report_name, encoding="utf-8-sig"), delimiter=";")
    )
    assert rows == [["Regel", "Reden", "Datum", "Klantnummer", "Cijfer"]]
    assert not storage.exists(customer.upload_name)
    assert tables_mentioning(SECRET_REF) == []
    assert files_mentioning(SECRET_REF) == []
    # The audit entry keeps who, when, how much, and only a fingerprint of the reference.
    assert log.reference_hash == reference_hash(world.org, SECRET_REF) != SECRET_REF
    assert log.erased_by == world.cx_lead.user


def test_other_customers_keep_their_feedback(world, customer):
    customer_erase(organization=world.org, reference=SECRET_REF, actor=None)
    assert Feedback.objects.filter(customer_ref="H-100001").count() == 2


def test_the_privacy_page_erases_and_shows_the_audit_entry(login, world, customer):
    client = login(world.cx_lead)
    response = client.post(reverse("feedback-privacy"), {"reference": SECRET_REF, "confirm": "on"})
    assert response.status_code == 302
    page = client.get(reverse("feedback-privacy")).content.decode()
    assert "Gewist: 2 reacties, 1 terugbelverzoeken" in page
    assert SECRET_REF not in page
    assert ErasureLog.objects.get().records == 2


def test_a_reference_that_matches_nothing_gets_a_warning_instead_of_a_success(
    login, world, customer
):
    client = login(world.cx_lead)
    client.post(reverse("feedback-privacy"), {"reference": SECRET_REF.lower(), "confirm": "on"})
    page = client.get(reverse("feedback-privacy")).content.decode()
    assert "Geen reacties hebben deze klantreferentie." in page
    assert "Gewist:" not in page
    assert Feedback.objects.filter(customer_ref=SECRET_REF).count() == 2


def test_erasing_needs_the_permission(login, world, customer):
    response = login(world.manager).post(
        reverse("feedback-privacy"), {"reference": SECRET_REF, "confirm": "on"}
    )
    assert response.status_code == 403
    assert Feedback.objects.filter(customer_ref=SECRET_REF).count() == 2


def test_retention_removes_old_comments_and_keeps_the_scores(world, customer):
    config = FeedbackSettings.for_organization(world.org)
    config.retention_days = 30
    config.save()
    before = rollup.stored_counts(world.org.id)
    cleared = retention_apply(organization=world.org)
    assert cleared == 1
    old = Feedback.objects.get(customer_ref=SECRET_REF, score=9)
    assert (old.reason, old.suggestion, old.n_compliments, old.n_improvements, old.topics) == (
        "",
        "",
        0,
        0,
        "",
    )
    assert not FeedbackSentence.objects.filter(feedback=old).exists()
    recent = Feedback.objects.get(customer_ref=SECRET_REF, score=2)
    assert recent.reason  # younger than the retention period
    after = rollup.stored_counts(world.org.id)
    assert sum(c.records for c in after.values()) == sum(c.records for c in before.values())
    assert sum(c.nps_promoters for c in after.values()) == sum(
        c.nps_promoters for c in before.values()
    )
    assert rollup.differences(world.org.id) == []
    assert retention_apply(organization=world.org) == 0  # nothing left to clear


def test_the_retention_command_runs_for_every_organisation(world, customer, capsys):
    from django.core.management import call_command

    FeedbackSettings.objects.filter(organization=world.org).update(retention_days=30)
    call_command("feedback_retention")
    assert "1" in capsys.readouterr().out
    assert DailyTopicStats.objects.filter(organization=world.org).exists()
    assert DailyTeamStats.objects.filter(organization=world.org).exists()


def test_the_daily_retention_task_clears_old_comments_and_keeps_the_scores(world, customer):
    from klantcultuur.feedback.tasks import apply_retention

    FeedbackSettings.objects.filter(organization=world.org).update(retention_days=30)
    assert apply_retention.run() == 1
    old = Feedback.objects.get(customer_ref=SECRET_REF, score=9)
    assert (old.reason, old.score) == ("", 9)
    assert not FeedbackSentence.objects.filter(feedback=old).exists()
    assert Feedback.objects.get(customer_ref=SECRET_REF, score=2).reason
    assert rollup.differences(world.org.id) == []
    assert apply_retention.run() == 0


def test_erasing_finds_a_reference_the_report_neutralised_against_formulas(world, customer):
    # A phone number starts with "+": the report wrote it as "'+31612345678".
    job = import_file(
        world,
        "Datum;Klantnummer;Cijfer;Reden\r\n"
        "01-03-2025;+31612345678;99;Bel me terug\r\n"
        "01-03-2025;H-100001;99;Anders\r\n",
    )
    assert job.rows_refused == 2
    customer_erase(organization=world.org, reference="+31612345678", actor=None)
    assert files_mentioning("+31612345678") == []
    assert [row[3] for row in imports.import_report_rows(job)] == ["Klantnummer", "H-100001"]


def test_erasing_removes_the_customer_from_uploads_of_imports_that_did_not_run(
    login, world, customer
):
    body = f"Datum;Klantnummer;Cijfer;Reden\r\n01-03-2025;{SECRET_REF};7;Prima\r\n"
    never_started = import_file(world, body, start=False)
    queued = import_file(world, body, start=False)
    FeedbackImport.objects.filter(pk=queued.pk).update(status=JobStatus.QUEUED)
    failed = imports.import_create(
        organization=world.org,
        user=None,
        preset="generic",
        upload=SimpleUploadedFile("kapot.csv", body.encode()),
    )
    imports.import_configure(
        job=failed,
        columns={"received_at": "Datum", "score": "Bestaat niet"},
        options={"metric": "nps"},
    )
    imports.import_start(job=failed)
    failed.refresh_from_db()
    assert failed.status == JobStatus.FAILED
    others = import_file(world, body.replace(SECRET_REF, "H-100001"), start=False)

    customer_erase(organization=world.org, reference=SECRET_REF, actor=None)

    assert files_mentioning(SECRET_REF) == []
    assert tables_mentioning(SECRET_REF) == []
    assert storage.exists(others.upload_name)  # another customer's upload waits for its mapping
    queued.refresh_from_db()
    assert queued.status == JobStatus.FAILED  # a worker must not pick it up
    client = login(world.cx_lead)
    for job in (never_started, queued, failed):
        response = client.get(reverse("feedback-import", args=[job.uuid]))
        assert "Het bestand is er niet meer." in response.content.decode()


def test_erasing_leaves_the_files_of_a_running_import_alone(world, customer):
    # The worker streams the upload and writes the report through open files right now.
    FeedbackImport.objects.filter(pk=customer.pk).update(status=JobStatus.RUNNING)
    upload, report = stored_bytes(customer.upload_name), stored_bytes(customer.report_name)
    customer_erase(organization=world.org, reference=SECRET_REF, actor=None)
    assert stored_bytes(customer.upload_name) == upload
    assert stored_bytes(customer.report_name) == report


def test_retention_deletes_the_import_files_that_hold_expired_comments(login, world, customer):
    config = FeedbackSettings.for_organization(world.org)
    config.retention_days = 30
    config.save()
    old = (timezone.now() - timedelta(days=400)).strftime("%d-%m-%Y")
    recent = (timezone.now() - timedelta(days=2)).strftime("%d-%m-%Y")
    expired = import_file(
        world,
        f"Datum;Klantnummer;Cijfer;Reden\r\n"
        f"{old};K1;9;Geheim verhaal over de buurman\r\n"
        f"{old};K2;77;Nog geheimer verhaal\r\n",
    )
    fresh = import_file(
        world,
        f"Datum;Klantnummer;Cijfer;Reden\r\n"
        f"{recent};K3;9;Vers commentaar\r\n"
        f"{recent};K4;77;Vers geweigerd\r\n",
    )
    abandoned = import_file(
        world, f"Datum;Klantnummer;Cijfer;Reden\r\n{recent};K5;9;Nooit ingelezen\r\n", start=False
    )
    running = import_file(
        world,
        f"Datum;Klantnummer;Cijfer;Reden\r\n{recent};K6;9;Wordt nu ingelezen\r\n",
        start=False,
    )
    long_ago = timezone.now() - timedelta(days=31)
    FeedbackImport.objects.filter(pk__in=[abandoned.pk, running.pk]).update(created_at=long_ago)
    FeedbackImport.objects.filter(pk=running.pk).update(status=JobStatus.RUNNING)

    retention_apply(organization=world.org)

    for text in ("Geheim verhaal", "Nog geheimer", "Nooit ingelezen"):
        assert files_mentioning(text) == [], text
    assert not storage.exists(expired.upload_name)
    assert not storage.exists(expired.report_name)
    assert [row[5] for row in imports.import_report_rows(fresh)] == ["Reden", "Vers geweigerd"]
    assert storage.exists(running.upload_name)
    # The pages of an import whose files are gone still open.
    client = login(world.cx_lead)
    for job in (expired, abandoned):
        assert client.get(reverse("feedback-import", args=[job.uuid])).status_code == 200
    page = client.get(reverse("feedback-import", args=[expired.uuid])).content.decode()
    assert "De geweigerde regels worden niet meer bewaard." in page
    assert reverse("feedback-import-report", args=[expired.uuid]) not in page
    download = client.get(reverse("feedback-import-report", args=[expired.uuid]), follow=True)
    assert download.redirect_chain[0][0] == reverse("feedback-import", args=[expired.uuid])
    assert "De geweigerde regels worden niet meer bewaard." in download.content.decode()


def test_retention_removes_label_corrections_of_expired_comments(world, customer):
    old = Feedback.objects.get(customer_ref=SECRET_REF, score=9)
    recent = Feedback.objects.get(customer_ref="H-100001", score=10)
    sentence_correct(record=old, field=1, position=0, label="improvement", user=None)
    sentence_correct(record=recent, field=1, position=0, label="improvement", user=None)
    FeedbackSettings.objects.filter(organization=world.org).update(retention_days=30)
    version = FeedbackSettings.for_organization(world.org).analyser_version

    retention_apply(organization=world.org)

    # The corrected sentence was a customer's comment: it goes when the comment expires.
    assert list(LabelCorrection.objects.values_list("text", flat=True)) == ["Top service."]
    assert tables_mentioning("lang moeten wachten") == []
    assert FeedbackSettings.for_organization(world.org).analyser_version > version


def test_erasing_keeps_a_correction_of_a_sentence_another_customer_also_wrote(world, customer):
    ingest(
        world.org,
        item(score=3, customer_ref="H-100002", team_code="W-KC-1", reason="Niemand belde terug."),
    )
    record = Feedback.objects.get(customer_ref=SECRET_REF, score=2)
    sentence = record.sentences.get(text="Niemand belde terug.")
    sentence_correct(
        record=record, field=sentence.field, position=sentence.position, label="neutral"
    )
    customer_erase(organization=world.org, reference=SECRET_REF, actor=None)
    # The text is the other customer's comment as much; nothing in it points to the erased one.
    assert list(LabelCorrection.objects.values_list("text", flat=True)) == ["Niemand belde terug."]
