"""File imports: the presets on real export layouts, Dutch habits, malformed input, idempotence."""

from __future__ import annotations

import csv
import gc
import io
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction
from django.utils import timezone
from openpyxl import Workbook

from klantcultuur.feedback import rollup
from klantcultuur.feedback.ids import uuid7_hex_batch
from klantcultuur.feedback.models import (
    Feedback,
    FeedbackImport,
    FeedbackSettings,
    FollowUpCase,
    Source,
)
from klantcultuur.feedback.services import imports
from klantcultuur.feedback.services.records import feedback_ingest
from klantcultuur.feedback.validation import RecordInput
from klantcultuur.lib import progress
from klantcultuur.lib.jobs import JobStatus
from klantcultuur.lib.tabular import TableError
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.testing import build_world

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def teams(world):
    """The Rivierduin team codes the sample exports use, in organisation A."""
    made = {}
    for code, name in [
        ("W-KC-A", "Klantcontactcentrum Team A"),
        ("W-KC-B", "Klantcontactcentrum Team B"),
        ("V-RO-N", "Monteurs Noord"),
        ("W-VH-T", "Woonruimtebemiddeling"),
        ("W-KC-BA", "Balie & Ontvangst"),
    ]:
        made[code] = OrgUnit.objects.create(
            organization=world.org, parent=world.department, name=name, code=code
        )
    return made


def upload(world, name: str, preset: str, content: bytes | None = None) -> FeedbackImport:
    content = (DATA / name).read_bytes() if content is None else content
    return imports.import_create(
        organization=world.org,
        user=world.cx_lead.user,
        preset=preset,
        upload=SimpleUploadedFile(name, content),
    )


def run(world, name: str, preset: str = "generic", content: bytes | None = None, **options):
    """Upload, take the guessed mapping, and run the import (inline in tests)."""
    job = upload(world, name, preset, content)
    inspection = imports.import_inspect(job)
    imports.import_configure(
        job=job,
        columns=inspection.guessed,
        options={"metric": inspection.metric_guess, "zone": inspection.zone or "", **options},
    )
    imports.import_start(job=job)
    job.refresh_from_db()
    return job


def report(job) -> list[list[str]]:
    return list(imports.import_report_rows(job))


def test_a_qualtrics_export_with_three_header_rows_is_read(world, teams):
    job = run(world, "qualtrics_export.csv", "qualtrics")
    assert job.status == JobStatus.DONE, job.error
    # The survey preview (line 7) and the unfinished response (line 9) are skipped, not refused.
    assert (job.rows_read, job.rows_stored, job.rows_refused, job.rows_skipped) == (5, 3, 0, 2)
    assert not Feedback.objects.filter(external_id__in=["R_3PrEvIeWtEsT0001", "R_5QwErTyUiOp7890"])
    stored = Feedback.objects.get(external_id="R_2kLmNoPqRsTuVw34")
    assert (stored.metric, stored.score, stored.customer_ref) == ("nps", 3, "K-10388")
    assert stored.reason.startswith("Drie keer gebeld") and "Niemand belt terug." in stored.reason
    assert stored.suggestion == "Gewoon doen wat jullie beloven."
    assert stored.contact_consent is True  # "Mogen wij contact met u opnemen?" - Ja
    # Recorded 09:14:34 in the survey's zone (third header row: Europe/Amsterdam).
    assert (
        timezone.localtime(
            Feedback.objects.get(external_id="R_1Fq3xYzAbCdEf12").received_at
        ).strftime("%d-%m-%Y %H:%M:%S")
        == "03-03-2025 09:14:34"
    )
    assert report(job)[1:] == []


def test_a_limesurvey_export_skips_unfinished_responses(world, teams):
    job = run(world, "limesurvey_export.csv", "limesurvey")
    assert (job.rows_stored, job.rows_refused, job.rows_skipped) == (3, 0, 1)
    assert report(job)[1:] == []  # skipped rows are no refusals
    english = Feedback.objects.get(external_id="4")
    assert (english.language, english.score, english.contact_consent) == ("en", 2, True)


def test_a_formbricks_export_routes_by_its_hidden_team_field(world, teams):
    job = run(world, "formbricks_export.csv", "formbricks")
    assert (job.rows_stored, job.rows_refused) == (3, 0)
    chat = Feedback.objects.get(external_id="cm7a1b2c3d4e5f6g7h8i9j0k")
    assert (chat.team, chat.score, chat.channel) == (teams["W-KC-A"], 10, "link")
    # An unknown team code is stored and waits in the unrouted queue.
    assert Feedback.objects.get(external_id="cm7c0000000000000000000a").team is None


def test_a_dutch_excel_csv_with_semicolons_windows_1252_and_decimal_commas(world, teams):
    job = run(world, "excel_nl.csv")
    assert (job.rows_stored, job.rows_refused) == (3, 2)
    fitter = Feedback.objects.get(customer_ref="H-11902")
    assert (fitter.score, fitter.team) == (8, teams["V-RO-N"])  # "8,0"
    assert "café-achtige" in fitter.reason
    assert Feedback.objects.get(customer_ref="H-11001").reason == "Heel prettig geholpen door Zoë!"
    assert timezone.localtime(fitter.received_at).strftime("%d-%m-%Y %H:%M") == "03-02-2025 14:05"
    lines = {int(r[0]): r[1] for r in report(job)[1:]}
    assert lines == {
        5: "Datum: “31-02-2025” is geen datum (gebruik bijvoorbeeld 15-03-2024 14:30).",
        6: "Score: 11 valt buiten de NPS-schaal (0–10).",
    }


def test_an_xlsx_file_is_read_like_a_csv(world, teams):
    book = Workbook()
    sheet = book.active
    sheet.append(["Datum", "Teamcode", "Cijfer", "Toelichting"])
    sheet.append([timezone.now().replace(tzinfo=None) - timedelta(days=3), "W-KC-A", 9, "Top!"])
    sheet.append(["12-01-2025 10:00", "W-KC-B", 4.0, "Lang gewacht."])
    buffer = io.BytesIO()
    book.save(buffer)
    job = run(world, "enquete.xlsx", content=buffer.getvalue())
    assert job.rows_stored == 2, report(job)
    assert Feedback.objects.get(team=teams["W-KC-B"]).score == 4


def test_importing_the_same_file_again_stores_nothing_twice(world, teams):
    first = run(world, "excel_nl.csv")
    second = run(world, "excel_nl.csv")
    assert (first.rows_stored, second.rows_stored, second.rows_duplicate) == (3, 0, 3)
    assert Feedback.objects.count() == 3
    again = run(world, "qualtrics_export.csv", "qualtrics")
    repeat = run(world, "qualtrics_export.csv", "qualtrics")
    assert (again.rows_stored, repeat.rows_stored, repeat.rows_duplicate) == (3, 0, 3)
    assert rollup.differences(world.org.id) == []


def test_a_duplicate_external_id_in_one_file_is_stored_once_and_reported_on_its_line(world, teams):
    content = (
        "Datum;Id;Cijfer\r\n01-03-2025 10:00;A-1;9\r\n01-03-2025 11:00;A-1;3\r\n"
        "01-03-2025 12:00;A-2;7\r\n01-03-2025 13:00;A-3;12\r\n"
    )
    job = run(world, "dubbel.csv", content=content.encode())
    assert (job.rows_stored, job.rows_duplicate, job.rows_refused) == (2, 0, 2)
    assert Feedback.objects.get(external_id="A-1").score == 9  # the first one wins
    # In line order, although the repeated id is only known once the file is stored.
    assert report(job)[1:] == [
        [
            "3",
            "Het id A-1 staat ook op een eerdere regel van dit bestand; alleen de eerste is "
            "bewaard.",
            "01-03-2025 11:00",
            "A-1",
            "3",
        ],
        ["5", "Score: 12 valt buiten de NPS-schaal (0–10).", "01-03-2025 13:00", "A-3", "12"],
    ]
    again = run(world, "dubbel.csv", content=content.encode())
    assert (again.rows_stored, again.rows_duplicate, again.rows_refused) == (0, 3, 1)


def test_rows_without_id_with_the_same_content_are_all_stored_and_not_twice_on_reimport(
    world, teams
):
    # Day-only dates and no comments: different customers can give exactly the same answer.
    content = "Datum;Cijfer\r\n" + "01-03-2025;9\r\n" * 3 + "01-03-2025;6\r\n" + "02-03-2025;9\r\n"
    first = run(world, "zonder_id.csv", content=content.encode())
    assert (first.rows_stored, first.rows_duplicate) == (5, 0)
    again = run(world, "zonder_id.csv", content=content.encode())
    assert (again.rows_stored, again.rows_duplicate) == (0, 5)
    longer = run(world, "langer.csv", content=(content + "01-03-2025;9\r\n").encode())
    assert (longer.rows_stored, longer.rows_duplicate) == (1, 5)  # a fourth 9 that day is new
    assert Feedback.objects.filter(score=9, day="2025-03-01").count() == 4
    assert rollup.differences(world.org.id) == []


def test_duplicates_within_and_across_loader_chunks_are_stored_once(world, teams, monkeypatch):
    # Chunks of two rows: some duplicates fall in the same chunk, some in a later one.
    monkeypatch.setattr(imports.bulk._PostgresStore, "chunk", 2)
    monkeypatch.setattr(imports.bulk._SqliteStore, "chunk", 2)
    content = (
        "Datum;Id;Cijfer;Toelichting\r\n"
        "01-03-2025 10:00;A-1;9;Top\r\n"
        "01-03-2025 10:05;A-1;2;Later dubbel\r\n"  # same chunk as the first
        "01-03-2025 10:10;A-2;7;Prima\r\n"
        "01-03-2025 10:15;;8;Zonder id\r\n"
        "01-03-2025 10:15;;8;Zonder id\r\n"  # same content, no id: a second answer
        "01-03-2025 10:20;A-2;1;Dubbel in een later blok\r\n"
        "01-03-2025 10:25;A-3;6;Matig\r\n"
    )
    interval, threshold = sys.getswitchinterval(), gc.get_threshold()
    job = run(world, "blokken.csv", content=content.encode())
    # Quicker thread switches and fewer garbage collections only while loading.
    assert (sys.getswitchinterval(), gc.get_threshold()) == (interval, threshold)
    assert (job.rows_read, job.rows_stored, job.rows_duplicate, job.rows_refused) == (7, 5, 0, 2)
    assert [line[0] for line in report(job)[1:]] == ["3", "7"]
    assert sorted(Feedback.objects.values_list("external_id", "score")) == [
        ("", 8),
        ("", 8),
        ("A-1", 9),
        ("A-2", 7),
        ("A-3", 6),
    ]
    assert rollup.differences(world.org.id) == []


def _two_row_import_in_a_committed_world(prefix: str):
    """A mapped import of ids <prefix>-1 and <prefix>-2, for tests with other threads."""
    world = build_world()
    FeedbackSettings.for_organization(world.org)
    content = (
        f"Datum;Id;Cijfer\r\n01-03-2025 10:00;{prefix}-1;9\r\n01-03-2025 11:00;{prefix}-2;3\r\n"
    )
    job = upload(world, f"{prefix}.csv", "generic", content.encode())
    imports.import_configure(
        job=job,
        columns={"received_at": "Datum", "external_id": "Id", "score": "Cijfer"},
        options={"metric": "nps"},
    )
    return world, job


@pytest.mark.django_db(transaction=True)
def test_an_import_racing_an_api_call_for_the_same_record_finishes_and_stores_it_once():
    world, job = _two_row_import_in_a_committed_world("C")
    holding, import_writes = threading.Event(), threading.Event()

    def api_call() -> None:
        # An API call stores C-2 and commits only once the import waits for it.
        try:
            with transaction.atomic():
                feedback_ingest(
                    organization=world.org,
                    source=Source.API,
                    items=[
                        RecordInput(
                            received_at=timezone.now() - timedelta(days=1),
                            metric="nps",
                            score=8,
                            external_id="C-2",
                        )
                    ],
                )
                holding.set()
                _until_the_import_waits(import_writes)
        finally:
            connections.close_all()

    other = threading.Thread(target=api_call)
    other.start()
    assert holding.wait(10)
    with _telling_when_it_writes(import_writes):
        imports.import_start(job=job)
    other.join(timeout=20)
    assert not other.is_alive()
    job.refresh_from_db()
    assert (job.status, job.rows_stored, job.rows_duplicate) == (JobStatus.DONE, 1, 1)
    assert sorted(Feedback.objects.values_list("external_id", "source")) == [
        ("C-1", Source.IMPORT),
        ("C-2", Source.API),
    ]
    assert rollup.differences(world.org.id) == []


@pytest.mark.django_db(transaction=True)
def test_an_import_waits_its_turn_behind_another_load_of_the_organisation_and_says_so(
    monkeypatch,
):
    world, job = _two_row_import_in_a_committed_world("T")
    postgres = connection.vendor == "postgresql"
    held, release, import_writes = threading.Event(), threading.Event(), threading.Event()
    said_waiting = threading.Event()
    report = progress.report

    def reporting(kind: str, code: object, **figures) -> None:
        report(kind, code, **figures)
        if figures.get("stage") == "waiting":
            said_waiting.set()

    monkeypatch.setattr(progress, "report", reporting)

    def other_load() -> None:
        # PostgreSQL: another bulk load holds the organisation's turn. SQLite: another
        # writer holds the database's single write lock.
        try:
            with transaction.atomic():
                if postgres:
                    with connection.cursor() as cursor:
                        imports.bulk.take_turn(cursor, world.org.id)
                else:
                    FeedbackSettings.objects.filter(organization=world.org).update(
                        case_due_hours=48
                    )
                held.set()
                release.wait(30)  # longer than the test waits for the import
        finally:
            connections.close_all()

    def start_import() -> None:
        try:
            with _telling_when_it_writes(import_writes):
                imports.import_start(job=job)
        finally:
            connections.close_all()

    holder = threading.Thread(target=other_load)
    holder.start()
    assert held.wait(10)
    runner = threading.Thread(target=start_import)
    runner.start()
    try:
        if postgres:
            assert said_waiting.wait(10)
            assert _stage(job) == "waiting"  # as the import's page reads it
            assert runner.is_alive() and Feedback.objects.count() == 0
        else:
            assert import_writes.wait(10)  # and waits for the write lock from here on
    finally:
        release.set()
        holder.join(timeout=20)
        runner.join(timeout=20)
    assert not runner.is_alive()
    job.refresh_from_db()
    assert (job.status, job.rows_stored) == (JobStatus.DONE, 2)
    assert _stage(job) == JobStatus.DONE


def _stage(job: FeedbackImport) -> str:
    return progress.read(imports.PROGRESS_KIND, job.uuid).stage


@contextmanager
def _telling_when_it_writes(writes: threading.Event) -> Iterator[None]:
    """Set `writes` when this thread's connection is about to write: on SQLite the point
    where it waits for another transaction's write lock."""

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip()[:6].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writes.set()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def _until_the_import_waits(import_writes: threading.Event) -> None:
    """Return once the import's insert waits for this transaction (SQLite: once it writes)."""
    if connection.vendor != "postgresql":
        assert import_writes.wait(10)
        return
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid) "
                "WHERE NOT granted AND query LIKE %s",
                ['INSERT INTO "feedback_feedback" %'],
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)


def test_an_empty_file_fails_with_a_clear_message(world):
    job = upload(world, "leeg.csv", "generic", b"")
    with pytest.raises(TableError, match=r"Het bestand is leeg\."):
        imports.import_inspect(job)


def test_a_file_in_an_unreadable_encoding_is_refused(world):
    # 0x81 and 0x8D are undefined in Windows-1252 and invalid in UTF-8.
    job = upload(world, "vreemd.csv", "generic", b"Datum;Cijfer\r\n01-03-2025;8\x81\x8d\r\n")
    with pytest.raises(TableError, match="tekenset"):
        imports.import_inspect(job)


def test_a_saved_mapping_on_a_file_without_its_columns_fails_and_stores_nothing(world, teams):
    job = upload(world, "ander.csv", "generic", b"Datum;Waardering\r\n01-03-2025;8\r\n")
    imports.import_configure(
        job=job, columns={"received_at": "Datum", "score": "Cijfer"}, options={"metric": "nps"}
    )
    imports.import_start(job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Deze kolommen staan niet in het bestand: “Cijfer”."
    assert Feedback.objects.count() == 0


def test_a_five_megabyte_cell_refuses_its_row_and_keeps_the_others(world, teams):
    huge = "x" * (5 * 1024 * 1024)
    content = f"Datum;Cijfer;Toelichting\r\n01-03-2025;8;{huge}\r\n02-03-2025;9;Prima\r\n".encode()
    job = run(world, "groot.csv", content=content)
    assert (job.rows_stored, job.rows_refused) == (1, 1)
    line, reason = report(job)[1][:2]
    assert line == "2"
    assert reason == (
        "Belangrijkste reden voor de score: Belangrijkste reden voor de score is te lang "
        "(5.242.880 tekens, hoogstens 10.000)."
    )
    assert len(report(job)[1][2]) <= 1000  # the report keeps a readable excerpt


def test_formulas_in_refused_rows_are_neutralised_in_the_report(world):
    content = b'Datum;Cijfer;Toelichting\r\ngisteren;8;=HYPERLINK("http://x")\r\n'
    job = run(world, "formule.csv", content=content)
    assert report(job)[1][4] == '\'=HYPERLINK("http://x")'


def test_a_failure_halfway_leaves_no_partial_batch(world, teams, monkeypatch):
    rows = "".join(f"0{1 + i % 9}-03-2025 10:00;W-KC-A;{i % 11}\r\n" for i in range(300))
    content = ("Datum;Teamcode;Cijfer\r\n" + rows).encode()
    # Blocks of 100 rows: the third fails after two were stored.
    monkeypatch.setattr(imports.bulk._PostgresStore, "chunk", 100)
    monkeypatch.setattr(imports.bulk._SqliteStore, "chunk", 100)
    original = imports.RowConverter.convert_block
    calls = {"n": 0}

    def failing(self, numbered):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return original(self, numbered)

    monkeypatch.setattr(imports.RowConverter, "convert_block", failing)
    interval, threshold = sys.getswitchinterval(), gc.get_threshold()
    job = run(world, "half.csv", content=content)
    assert (sys.getswitchinterval(), gc.get_threshold()) == (interval, threshold)
    assert job.status == JobStatus.FAILED
    assert job.error == "De import is mislukt; er is niets opgeslagen."
    assert Feedback.objects.count() == 0
    assert rollup.stored_counts(world.org.id) == {}


def test_an_interrupted_import_is_recovered_and_can_run_again(world, teams, monkeypatch):
    content = b"Datum;Teamcode;Cijfer\r\n01-03-2025;W-KC-A;9\r\n02-03-2025;W-KC-A;6\r\n"
    job = upload(world, "stop.csv", "generic", content)
    imports.import_configure(
        job=job,
        columns={"received_at": "Datum", "team_code": "Teamcode", "score": "Cijfer"},
        options={"metric": "nps"},
    )

    def killed(*args, **kwargs):
        raise SystemExit("worker killed")  # not an Exception: the run cannot record it

    monkeypatch.setattr(imports.bulk, "load_feedback", killed)
    with pytest.raises(SystemExit):
        imports.import_start(job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and Feedback.objects.count() == 0
    monkeypatch.undo()
    assert imports.import_recover(job=job, now=job.started_at + timedelta(hours=3))
    imports.import_start(job=job)
    job.refresh_from_db()
    assert (job.status, job.rows_stored) == (JobStatus.DONE, 2)


def test_recent_consenting_detractors_become_cases_for_their_team(world, teams):
    recent = (timezone.localtime() - timedelta(days=2)).strftime("%d-%m-%Y %H:%M")
    old = (timezone.localtime() - timedelta(days=200)).strftime("%d-%m-%Y %H:%M")
    content = (
        "Datum;Teamcode;Cijfer;Toelichting;Toestemming\r\n"
        f"{recent};W-KC-A;3;Niemand belde terug.;ja\r\n"
        f"{recent};W-KC-A;4;Slecht.;nee\r\n"
        f"{old};W-KC-A;2;Lang geleden.;ja\r\n"
        f"{recent};W-KC-B;9;Top.;ja\r\n"
    ).encode()
    job = run(world, "cases.csv", content=content)
    assert job.cases_created == 1
    case = FollowUpCase.objects.get()
    assert case.team == teams["W-KC-A"]
    assert case.due_at == case.feedback.received_at + timedelta(hours=48)


def test_the_import_reads_the_comments_afterwards_and_the_roll_up_agrees(world, teams):
    job = run(world, "qualtrics_export.csv", "qualtrics")
    assert Feedback.objects.filter(batch=job, analysed=False).count() == 0
    detractor = Feedback.objects.get(external_id="R_2kLmNoPqRsTuVw34")
    assert detractor.n_improvements >= 1
    assert rollup.differences(world.org.id) == []
    # Running the follow-up again changes nothing.
    assert imports.import_analyse(job_id=job.id) == 0
    assert rollup.differences(world.org.id) == []


def test_the_report_has_a_header_and_one_line_per_refused_row(world, teams):
    job = run(world, "excel_nl.csv")
    rows = report(job)
    assert rows[0][:2] == ["Regel", "Reden"]
    assert len(rows) == 1 + job.rows_refused
    assert next(csv.reader([";".join(rows[0])], delimiter=";"))[2] == "Datum"


def test_tabs_line_breaks_and_backslashes_in_comments_are_stored_as_written(world, teams):
    comment = 'Eerste regel\nTweede\tregel met C:\\map en "aanhalingstekens"\r\nDerde'
    content = (
        "Datum;Cijfer;Toelichting\r\n01-03-2025;6;" + '"' + comment.replace('"', '""') + '"\r\n'
    )
    # "\\N" is how COPY writes an empty value: as a comment it stays the text.
    content += "02-03-2025;;\\N\r\n"
    job = run(world, "tekens.csv", content=content.encode())
    assert job.rows_stored == 2, report(job)
    assert sorted(Feedback.objects.values_list("reason", "score")) == [
        (comment.strip(), 6),
        ("\\N", None),
    ]


def test_the_reasons_are_written_in_the_language_of_whoever_uploaded_the_file(world, teams):
    world.cx_lead.user.language = "en"
    world.cx_lead.user.save()
    content = "Datum;Id;Cijfer\r\n31-02-2026 10:00;E-1;9\r\n01-03-2025 10:00;E-2;12\r\n"
    job = run(world, "engels.csv", content=content.encode())
    reasons = [row[1] for row in report(job)[1:]]
    assert reasons == [
        "Date: “31-02-2026 10:00” is not a date (use for example 15-03-2024 14:30).",
        "Score: 12 is outside the NPS scale (0–10).",
    ]


@pytest.mark.django_db(transaction=True)
def test_an_organisations_first_import_leaves_duplicates_to_the_unique_index():
    """The statistics have only seen another organisation: still no search row by row.

    A `NOT EXISTS` probe was planned through (organization, day, team) here, which read all
    of the organisation's records stored so far for every row of the file: minutes for a
    hundred thousand rows instead of seconds.
    """
    world = build_world()
    _load_records(world.other_org, world.other_team, range(100_000))
    batch = imports.bulk.Batch(world.org.id, None, Source.IMPORT, timezone.now())
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with imports.bulk._PostgresStore(batch) as store:
                plans = [_plan(sql, params) for sql, params in store.inserts]
        else:
            sql = imports.bulk._SqliteStore(batch).sql
            plans = [_plan(sql, [None] * sql.count("%s"))]
    for plan in plans:
        # The records are only written, never searched: the unique index decides what is a
        # duplicate (PostgreSQL: "Conflict Arbiter Indexes").
        searches = [
            line
            for line in plan.splitlines()
            if re.search(r"\bfeedback_feedback\b", line) and not line.startswith("Insert on")
        ]
        assert searches == [], plan


def _plan(sql: str, params: list) -> str:
    explain = "EXPLAIN" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    with connection.cursor() as cursor:
        cursor.execute(f"{explain} {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_after_a_large_import_its_ids_are_looked_up_one_by_one_in_the_unique_index():
    """Once stored, the organisation's records are known to the planner.

    Without that, PostgreSQL planned the look-up of the file's repeated ids for an
    organisation of a handful of records and read all of its index entries per query:
    16 s of a million-row import.
    """
    world = build_world()
    _load_records(world.other_org, world.other_team, range(100_000))
    job = FeedbackImport.objects.create(organization=world.org, filename="groot.csv")
    with transaction.atomic():
        _load_records(world.org, world.team, range(imports.bulk.ANALYSE_AFTER), job=job)
        plan = imports.stored_keys(job, {f"R_{i:08d}" for i in range(0, 10_000, 100)}).explain()
    if connection.vendor == "postgresql":
        assert re.search(r"Index Cond: .*organization_id.*external_id", plan), plan
    else:
        assert "feedback_external_id_unique (organization_id=? AND external_id=?)" in plan, repr(
            plan
        )


def test_a_block_meeting_ids_the_organisation_has_stores_only_its_new_rows(world):
    # Blocks of three: the first holds two stored ids and a new one. (PostgreSQL COPYs it
    # straight into the table, which fails; it and the rest go through the staging table.)
    _load_records(world.org, world.team, range(3))
    result = _load_records(world.org, world.team, range(1, 6), block=3)
    assert (result.offered, result.inserted) == (5, 3)
    ids = Feedback.objects.filter(organization=world.org).values_list("external_id", flat=True)
    assert sorted(ids) == [f"R_{i:08d}" for i in range(6)]


@pytest.mark.parametrize(
    ("numbers", "block"),
    [
        ([3, 4, 0, 5, 6, 7], 2),  # the stored id in the second block of the first COPY
        ([3, 4, 5, 6, 0, 7], 1),  # the first COPY (four blocks) stored, the second meets it
    ],
)
def test_an_id_the_organisation_has_undoes_only_its_own_copy(world, numbers, block):
    _load_records(world.org, world.team, range(3))
    result = _load_records(world.org, world.team, numbers, block=block)
    assert (result.offered, result.inserted) == (6, 5)
    ids = Feedback.objects.filter(organization=world.org).values_list("external_id", flat=True)
    assert sorted(ids) == [f"R_{i:08d}" for i in range(8)]


def _load_records(organization, team, numbers, job=None, block=None):
    """NPS records with ids R_<n> for the `numbers` through the bulk loader, as an import
    stores them (in blocks of `block` rows)."""
    moment = timezone.now() - timedelta(days=30)
    keys = iter(uuid7_hex_batch(len(numbers)))
    rows = (
        (
            next(keys),
            team.id,
            moment,
            moment.date(),
            "nps",
            i % 11,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            f"R_{i:08d}",
            "",
            "",
            False,
            False,
            "nl",
        )
        for i in numbers
    )
    batch = imports.bulk.Batch(organization.id, job.id if job else None, Source.IMPORT, moment)
    with transaction.atomic():
        return imports.bulk.load_feedback(imports.bulk.blocks_of(rows, block), batch=batch)
