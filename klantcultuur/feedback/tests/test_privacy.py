"""Erasing one customer leaves nothing behind; the retention removes comments, keeps scores."""

from __future__ import annotations

import csv
from datetime import timedelta

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
    FeedbackSentence,
    FeedbackSettings,
    FollowUpCase,
    LabelCorrection,
)
from klantcultuur.feedback.services import imports
from klantcultuur.feedback.services.privacy import customer_erase, reference_hash, retention_apply
from klantcultuur.feedback.services.records import sentence_correct
from klantcultuur.feedback.tests.factories import ingest, item

SECRET_REF = "H-770031"


@pytest.fixture
def customer(world, settings, tmp_path):
    """Two responses of one customer and a refused row of theirs in an import report, next to
    another customer's responses."""
    settings.MEDIA_ROOT = tmp_path / "media"
    now = timezone.now()
    ingest(
        world.org,
        item(received_at=now - timedelta(days=1), score=2, customer_ref=SECRET_REF, contact_consent=True,
             team_code="W-KC-1", reason="De monteur kwam niet opdagen. Niemand belde terug."),
        item(received_at=now - timedelta(days=40), score=9, customer_ref=SECRET_REF, team_code="W-KC-1",
             reason="Vriendelijk geholpen, maar wel lang moeten wachten."),
        item(received_at=now - timedelta(days=1), score=10, customer_ref="H-100001", team_code="W-KC-1",
             reason="Top service."),
    )  # fmt: skip
    report_file = b"Datum;Klantnummer;Cijfer\r\n01-01-2020;H-770031;11\r\n01-01-2020;H-100001;8\r\n"
    job = imports.import_create(organization=world.org, user=None, preset="generic",
                                upload=SimpleUploadedFile("oud.csv", report_file))  # fmt: skip
    imports.import_configure(job=job, columns={"received_at": "Datum", "customer_ref": "Klantnummer",
                                               "score": "Cijfer"}, options={"metric": "nps"})  # fmt: skip
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
    rows = list(csv.reader(customer.report_path.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows == [["Regel", "Reden", "Datum", "Klantnummer", "Cijfer"]]
    assert not customer.path.exists()
    # No trace in any table: search every text column for the reference.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            for column in columns:
                quoted_table, quoted_column = (
                    connection.ops.quote_name(table),
                    connection.ops.quote_name(column),
                )
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted_table} WHERE CAST({quoted_column} AS TEXT) LIKE %s",
                    [f"%{SECRET_REF}%"],
                )  # fmt: skip
                assert cursor.fetchone()[0] == 0, (table, column)
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
        "", "", 0, 0, "",
    )  # fmt: skip
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
