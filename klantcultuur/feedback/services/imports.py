"""File imports: upload, map columns, preview, load in one transaction, report refused rows.

The run streams the file once, a block of rows at a time: each block is converted
(`importing.rows`), its refused rows go to the report file at once, its accepted rows
stream into the bulk loader. Rows, roll-ups and
follow-up cases are written in one transaction, so a failed or interrupted import leaves
no partial batch. Comments are read afterwards by `import_analyse` (a follow-up task that
can run again safely): the analyser reads some thousands of comments a second, which would
otherwise cap the import at that speed; until it is done the record counts and scores are
already complete and only the compliment and improvement counts are still growing.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import heapq
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klantcultuur.feedback import analysis, bulk, rollup
from klantcultuur.feedback.importing import presets
from klantcultuur.feedback.importing.rows import (
    ROW_FIELDS,
    Block,
    MaybeSeen,
    RowConverter,
)
from klantcultuur.feedback.metrics import DETRACTOR_MAX
from klantcultuur.feedback.models import (
    Feedback,
    FeedbackImport,
    FeedbackSettings,
    FollowUpCase,
    ImportMapping,
    Source,
    Touchpoint,
)
from klantcultuur.feedback.services.records import remember_channels, router_for
from klantcultuur.feedback.validation import FIELD_LABELS
from klantcultuur.lib import progress, storage
from klantcultuur.lib.jobs import JobStatus, job_queue, job_run
from klantcultuur.lib.spreadsheet import neutralise
from klantcultuur.lib.tabular import (
    DEFAULT_LIMITS,
    MIB,
    Table,
    TableError,
    cell_text,
    check_xlsx,
    open_table,
)
from klantcultuur.orgs.models import Organization

PROGRESS_KIND = "feedback-import"
_EXTERNAL_ID, _UUID = ROW_FIELDS.index("external_id"), ROW_FIELDS.index("uuid")
ANALYSIS_KIND = "feedback-import-analysis"
PREVIEW_ROWS = 20
ANALYSIS_CHUNK = 2000
# An import that shows no progress for this long was interrupted (its transaction is gone).
STALLED_AFTER = timedelta(hours=2)


# --- Upload and mapping -----------------------------------------------------------------
def import_create(
    *, organization: Organization, user, upload: UploadedFile, preset: str
) -> FeedbackImport:
    """Store an uploaded file in the storage of private files (streamed, never in memory)."""
    job = FeedbackImport(
        organization=organization,
        created_by=user,
        filename=(upload.name or "")[:255],
        preset=preset,
    )
    job.size = storage.save(job.upload_name, upload)
    job.save()
    return job


def _spec(job: FeedbackImport) -> presets.PresetSpec:
    return presets.PRESETS.get(job.preset, presets.PRESETS["generic"])


# The rows kept from the file when it is first read: the preview and the guesses use
# them, so the mapping page never reads the file again.
SAMPLE_ROWS = 50
_LAYOUT_ROWS = 4


def _plain(value: Any) -> Any:
    """A cell as JSON can keep it (spreadsheet dates as ISO text)."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date | dt_time):
        return value.isoformat()
    return str(value)


def _limits():
    """The file reading limits, the size as large as the upload form accepts."""
    return dataclasses.replace(DEFAULT_LIMITS, max_bytes=settings.MAX_UPLOAD_MB * MIB)


def _read_file(job: FeedbackImport) -> dict:
    """Read the head of the upload once: its layout, header rows and first rows."""
    head = open_table(storage.open_binary(job.upload_name), filename=job.filename, limits=_limits())
    try:
        first = [head.headers]
        for _line, cells in head.rows:
            first.append([cell_text(c) for c in cells])
            if len(first) >= _LAYOUT_ROWS:
                break
    finally:
        head.close()
    layout = presets.detect_layout(job.preset, first)
    table = _open_at(job, layout)
    try:
        sample = [
            [line, [_plain(c) for c in cells]] for line, cells in islice(table.rows, SAMPLE_ROWS)
        ]
        return {
            "version": 1,
            "layout": [layout.header_row, layout.extra_rows, layout.legacy],
            "headers": table.headers,
            "raw_headers": table.raw_headers,
            "extra": table.extra,
            "sample": sample,
            "encoding": table.encoding,
            "delimiter": table.delimiter,
            "warnings": table.warnings,
        }
    finally:
        table.close()


def _kept(job: FeedbackImport) -> dict:
    """What the first reading of the file kept (reads the file the first time only)."""
    text = storage.read_text(job.inspection_name)
    if text is not None:
        with contextlib.suppress(ValueError):
            return json.loads(text)
    kept = _read_file(job)
    storage.save_text(job.inspection_name, json.dumps(kept, ensure_ascii=False))
    return kept


class _Table:
    """A table opened at its layout: the final headers, the extra header rows read."""

    def __init__(self, table: Table, headers: list[str], extra: list[list[str]]) -> None:
        self._table = table
        self.raw_headers = table.headers
        self.headers = headers
        self.extra = extra
        self.rows = table.rows
        self.encoding = table.encoding
        self.delimiter = table.delimiter
        self.warnings = table.warnings

    def close(self) -> None:
        self._table.close()


def _open_at(job: FeedbackImport, layout: presets.Layout) -> _Table:
    table = open_table(
        storage.open_binary(job.upload_name),
        filename=job.filename,
        header_row=layout.header_row,
        limits=_limits(),
    )
    try:
        extra = [
            [cell_text(c) for c in cells] for _line, cells in islice(table.rows, layout.extra_rows)
        ]
    except BaseException:
        table.close()
        raise
    headers = presets.final_headers(job.preset, table.headers, extra)
    return _Table(table, headers, extra)


def _open(job: FeedbackImport) -> _Table:
    """The file at the layout found when it was first read, for the run."""
    if job.preset not in presets.LAYOUT_PRESETS:  # one header row: nothing to look up
        return _open_at(job, presets.Layout())
    header_row, extra_rows, legacy = _kept(job)["layout"]
    return _open_at(job, presets.Layout(header_row, extra_rows, legacy))


@dataclass
class Inspection:
    headers: list[str]
    labels: list[str]  # header with question text, for the mapping screen
    guessed: dict[str, str]
    metric_guess: str
    zone: str | None  # Qualtrics' time zone of the date column
    encoding: str | None
    delimiter: str | None
    notes: list[str]  # what the guess left open, and why
    warnings: list[str]  # about the file (mixed encodings)
    legacy: bool = False
    date_order: str = "dmy"  # "mdy": dates written month first (3/15/2024)


def import_inspect(job: FeedbackImport) -> Inspection:
    """The file's columns and a guess of the mapping (raises TableError for a bad file).

    The file is read the first time only; later calls use what that reading kept.
    """
    kept = _kept(job)
    headers, extra = kept["headers"], kept["extra"]
    layout = presets.Layout(*kept["layout"])
    questions = presets.questions_row(job.preset, layout, extra)
    columns = [
        [cell_text(cells[i]) if i < len(cells) else "" for _line, cells in kept["sample"]]
        for i in range(len(headers))
    ]
    guess = presets.guess_columns(
        job.preset, headers, questions, columns, labels={k: str(v) for k, v in FIELD_LABELS.items()}
    )
    guessed = guess.columns
    zone = None
    if job.preset == "qualtrics" and len(extra) > 1 and "received_at" in guessed:
        zone = presets.qualtrics_zone(extra[1], headers.index(guessed["received_at"]))
    if job.preset == "typeform" and "received_at" in guessed:
        zone = "UTC"  # "Submit Date (UTC)"
    date_order = "dmy"
    if "received_at" in guessed:
        dates = columns[headers.index(guessed["received_at"])]
        date_order = presets.date_order(job.preset, dates)
    metric = "nps"
    if "score" in guessed:
        index = headers.index(guessed["score"])
        question = questions[index] if questions and index < len(questions) else ""
        metric = presets.guess_metric(headers[index], question)
    return Inspection(
        headers,
        presets.header_labels(headers, questions),
        guessed,
        metric,
        zone,
        kept["encoding"],
        kept["delimiter"],
        guess.notes,
        kept["warnings"],
        layout.legacy,
        date_order,
    )


def import_configure(
    *,
    job: FeedbackImport,
    columns: dict[str, str],
    options: dict,
    save_as: str = "",
    user=None,
) -> FeedbackImport:
    """Keep the chosen mapping (and save it under a name for the next file)."""
    job.columns = {k: v for k, v in columns.items() if v}
    job.options = options
    job.save(update_fields=["columns", "options"])
    if save_as:
        ImportMapping.objects.update_or_create(
            organization=job.organization,
            name=save_as[:100],
            defaults={
                "preset": job.preset,
                "columns": job.columns,
                "options": options,
                "created_by": user,
            },
        )
    return job


def missing_columns(job: FeedbackImport, headers: list[str]) -> list[str]:
    """Mapped columns the file does not have (a saved mapping used on another file)."""
    return [header for header in job.columns.values() if header not in headers]


def _defaults(job: FeedbackImport) -> dict:
    options = job.options or {}
    defaults = {
        k: options[k] for k in ("metric", "channel", "touchpoint", "language") if options.get(k)
    }
    defaults.update(_spec(job).defaults)
    if options.get("is_internal"):
        defaults["is_internal"] = True
    if options.get("touchpoint_uuid"):
        touchpoint = Touchpoint.objects.filter(
            organization=job.organization, uuid=options["touchpoint_uuid"]
        ).first()
        if touchpoint:
            defaults.setdefault("touchpoint", touchpoint.name)
            if touchpoint.team_id:
                defaults["team_id"] = touchpoint.team_id
    return defaults


def _zone(job: FeedbackImport) -> ZoneInfo:
    name = (job.options or {}).get("zone") or settings.TIME_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def _converter(job: FeedbackImport, headers: list[str], now) -> RowConverter:
    return RowConverter(
        headers=headers,
        columns=job.columns,
        defaults=_defaults(job),
        router=router_for(job.organization),
        zone=_zone(job),
        local_zone=ZoneInfo(settings.TIME_ZONE),
        now=now,
        preset=job.preset,
        month_first=(job.options or {}).get("date_order") == "mdy",
    )


PREVIEW_FIELDS = ("received_at", "metric", "score", "reason", "suggestion", "channel",
                  "touchpoint", "product", "location", "team_code", "external_id",
                  "customer_ref", "contact_consent", "is_internal", "language")  # fmt: skip


@dataclass
class PreviewRow:
    line: int
    values: dict[str, Any]
    errors: list[str]
    team_id: int | None
    skipped: bool = False  # not a customer's answer: a test, a preview, unfinished


@dataclass
class Preview:
    rows: list[PreviewRow]
    fields: list[str]  # the mapped fields, in the order of the form
    read: int  # rows of the file's first rows looked at
    stored: int
    skipped: int
    refused: int
    more: bool  # the file has more rows than the preview looked at


def _checked_converter(job: FeedbackImport, headers: list[str], now):
    """The row converter for this file, or TableError when mapped columns are missing."""
    missing = missing_columns(job, headers)
    if missing:
        raise TableError(
            _("These columns are not in the file: %(columns)s.")
            % {"columns": ", ".join(f"“{c}”" for c in missing)}
        )
    return _converter(job, headers, now)


def import_preview(job: FeedbackImport, limit: int = PREVIEW_ROWS) -> Preview:
    """The first rows as they would be stored, from the rows kept at the first reading
    (raises TableError for a bad file or mapping)."""
    kept = _kept(job)
    converter = _checked_converter(job, kept["headers"], timezone.now())
    rows: list[PreviewRow] = []
    counts = {"stored": 0, "skipped": 0, "refused": 0}
    for line, cells in kept["sample"]:
        block, refusals = converter.convert_block([(line, cells)])
        if refusals:
            refusal = refusals[0]
            counts["skipped" if refusal.skipped else "refused"] += 1
            if len(rows) < limit:
                rows.append(PreviewRow(line, {}, refusal.errors, None, refusal.skipped))
            continue
        counts["stored"] += 1
        row = dict(zip(ROW_FIELDS, next(block.rows()), strict=True))
        if len(rows) < limit:
            rows.append(PreviewRow(line, {k: row[k] for k in PREVIEW_FIELDS}, [], row["team_id"]))
    fields = [name for name in PREVIEW_FIELDS if name in job.columns or name == "received_at"]
    return Preview(
        rows,
        fields,
        len(kept["sample"]),
        counts["stored"],
        counts["skipped"],
        counts["refused"],
        len(kept["sample"]) >= SAMPLE_ROWS,
    )


# --- Running ----------------------------------------------------------------------------
def import_start(*, job: FeedbackImport) -> None:
    """Queue a mapped import."""
    from klantcultuur.feedback.tasks import run_feedback_import

    if job.status not in (JobStatus.MAPPING, JobStatus.FAILED):
        return
    job_queue(job, run_feedback_import, job.id, progress_kind=PROGRESS_KIND, progress_code=job.uuid)


def _estimate_rows(job: FeedbackImport) -> int:
    """Rows in the file, for the progress bar (lines for CSV, the sheet size for XLSX)."""
    with storage.open_binary(job.upload_name) as handle:
        head = handle.read(4)
        handle.seek(0)
        if head.startswith(b"PK"):
            from openpyxl import load_workbook

            try:
                check_xlsx(handle)  # openpyxl loads every shared string first
                sheet = load_workbook(handle, read_only=True).worksheets[0]
                return max(0, (sheet.max_row or 0) - 1)
            except Exception:
                return 0
        lines = 0
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
        return lines


def import_run(*, job_id: int, now=None, read_comments: bool = True) -> FeedbackImport:
    """Load a queued import in one transaction (the background task's body).

    Then queues the reading of its comments (`read_comments=False` leaves that to a later
    `import_analyse`, as the benchmark does to time the import alone).
    """
    job = FeedbackImport.objects.select_related("organization", "created_by").get(id=job_id)
    if job.status != JobStatus.QUEUED:
        return job

    def work() -> None:
        counts = _load(job, now or timezone.now())
        (
            job.rows_read,
            job.rows_stored,
            job.rows_duplicate,
            job.rows_refused,
            job.rows_skipped,
            job.cases_created,
        ) = counts

    language = job.created_by.language if job.created_by else settings.LANGUAGE_CODE
    with translation.override(language or settings.LANGUAGE_CODE):
        job_run(
            job,
            work,
            progress_kind=PROGRESS_KIND,
            progress_code=job.uuid,
            expected=(TableError,),
            failure=_("The import failed; nothing was stored."),
            fields=[
                "rows_read",
                "rows_stored",
                "rows_duplicate",
                "rows_refused",
                "rows_skipped",
                "cases_created",
            ],
        )
    if job.status == JobStatus.DONE:  # the first rows kept for the preview are not needed now
        storage.delete(job.inspection_name)
    if job.status == JobStatus.DONE and job.rows_stored and read_comments:
        from klantcultuur.feedback.tasks import run_import_analysis
        from klantcultuur.lib.tasks import enqueue

        enqueue(run_import_analysis, job.id)
    return job


def _load(job: FeedbackImport, now) -> tuple[int, int, int, int, int, int]:
    total = _estimate_rows(job)
    table = _open(job)
    read = refused = skipped = 0
    try:
        converter = _checked_converter(job, table.headers, now)
        tally = rollup.Tally(job.organization_id)
        with contextlib.ExitStack() as stack:
            # Refused rows, each kind in line order: found while reading, and ids found
            # repeated once the file is stored. The report merges them by line at the end.
            early, late = (
                stack.enter_context(tempfile.TemporaryFile("w+", newline="")) for _kind in range(2)
            )
            refuse_early, refuse_late = csv.writer(early).writerow, csv.writer(late).writerow

            def refuse(write, line: int, reason: str, cells) -> None:
                nonlocal refused
                refused += 1
                write([line, reason, *(neutralise(cell_text(c)[:1000]) for c in cells)])

            # Rows whose id may have come earlier in the file, on disk: line, id, key, cells.
            maybe_seen = MaybeSeen()
            suspects = stack.enter_context(tempfile.TemporaryFile("w+", newline=""))
            suspect = csv.writer(suspects).writerow

            def blocks() -> Iterator[Block]:
                nonlocal read, skipped
                size = bulk.chunk_size()
                while numbered := list(islice(table.rows, size)):
                    read += len(numbered)
                    block, refusals = converter.convert_block(numbered)
                    for refusal in refusals:
                        if refusal.skipped:  # a test, preview or unfinished: not refused
                            skipped += 1
                            continue
                        refuse(refuse_early, refusal.line, " ".join(refusal.errors), refusal.cells)
                    external_ids, keys = block.columns[_EXTERNAL_ID], block.columns[_UUID]
                    for j in maybe_seen.repeated(external_ids):
                        suspect(
                            [
                                block.lines[j],
                                external_ids[j],
                                keys[j],
                                *map(cell_text, block.cells[j]),
                            ]
                        )
                    tally.add_block(block)
                    yield block

            def tick(done: int) -> None:
                progress.report(
                    PROGRESS_KIND, job.uuid, done=read, total=max(total, read), stage="reading"
                )

            def waiting() -> None:
                progress.report(PROGRESS_KIND, job.uuid, done=0, total=total, stage="waiting")

            with transaction.atomic():
                batch = bulk.Batch(job.organization_id, job.id, Source.IMPORT, now)
                result = bulk.load_feedback(blocks(), batch=batch, tick=tick, on_wait=waiting)
                progress.report(PROGRESS_KIND, job.uuid, done=read, total=read, stage="storing")
                suspects.seek(0)
                repeated = 0
                for line, external_id, cells in _repeated_in_file(job, csv.reader(suspects)):
                    repeated += 1
                    refuse(
                        refuse_late,
                        line,
                        _(
                            "The id %(id)s is also on an earlier line of this "
                            "file; only the first was stored."
                        )
                        % {"id": external_id},
                        cells,
                    )
                _write_report(job, table.headers, early, late)
                job.records_from, job.records_to = converter.first_uuid, converter.last_uuid
                job.save(update_fields=["records_from", "records_to"])
                if result.duplicates:
                    rollup.add_records(job.stored_records())  # what was really stored
                else:
                    rollup.apply(tally.deltas())  # every row was new: its counts are exact
                cases = _create_cases(job, now)
                remember_channels(job.organization, converter.channels)
    finally:
        table.close()
    return read, result.inserted, result.duplicates - repeated, refused, skipped, cases


def _write_report(job: FeedbackImport, headers: list[str], *parts) -> None:
    """The refused-rows report: a header, then the rows of `parts` (temporary CSV files, each
    in line order) merged by line number, as the file has them."""
    for part in parts:
        part.seek(0)
    rows = heapq.merge(*(csv.reader(part) for part in parts), key=lambda row: int(row[0]))
    with storage.text_writer(job.report_name, encoding="utf-8-sig") as handle:
        report = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        report.writerow([_("Line"), _("Reason"), *map(neutralise, headers)])
        report.writerows(rows)


def stored_keys(job: FeedbackImport, external_ids: set[str]):
    """(external id, key) of the records this import stored with one of these ids."""
    return (
        Feedback.objects.with_external_id(job.organization_id, *external_ids)
        .filter(batch_id=job.id)
        .values_list("external_id", "uuid")
    )


def _repeated_in_file(job: FeedbackImport, suspects: Iterator[list[str]]) -> Iterator[tuple]:
    """(line, id, cells) of the suspects whose id this import stored from another line.

    An id the organisation had before the import is not among them: it was already there.
    """
    # A hundred ids at a time: PostgreSQL looks each up in the unique index. For a few
    # hundred it scans the whole table instead (measured: 2 ms against 150 ms a query).
    while part := list(islice(suspects, 100)):
        stored = dict(stored_keys(job, {external_id for _line, external_id, *_rest in part}))
        for line, external_id, key, *cells in part:
            if external_id in stored and stored[external_id].hex != key:
                yield int(line), external_id, cells


def _create_cases(job: FeedbackImport, now) -> int:
    """Follow-up cases for the batch's consenting detractors that are recent enough."""
    config = FeedbackSettings.for_organization(job.organization)
    detractor = None
    from django.db.models import Q

    for metric, limit in DETRACTOR_MAX.items():
        condition = Q(metric=metric, score__lte=limit)
        detractor = condition if detractor is None else detractor | condition
    candidates = (
        job.stored_records()
        .filter(
            contact_consent=True, received_at__gte=now - timedelta(days=config.case_max_age_days)
        )
        .filter(detractor)
        .values_list("pk", "team_id", "received_at")
    )
    due = timedelta(hours=config.case_due_hours)
    created = 0
    batch: list[FollowUpCase] = []
    for feedback_id, team_id, received_at in candidates.iterator(chunk_size=5000):
        batch.append(
            FollowUpCase(
                organization_id=job.organization_id,
                feedback_id=feedback_id,
                team_id=team_id,
                due_at=received_at + due,
            )
        )
        if len(batch) >= 5000:
            created += len(FollowUpCase.objects.bulk_create(batch))
            batch = []
    created += len(FollowUpCase.objects.bulk_create(batch))
    return created


def import_recover(*, job: FeedbackImport, now=None) -> bool:
    """Mark an import that stopped without finishing (its worker died) as failed."""
    now = now or timezone.now()
    if job.status != JobStatus.RUNNING or not job.started_at:
        return False
    if job.started_at > now - STALLED_AFTER:
        return False
    job.status, job.finished_at = JobStatus.FAILED, now
    job.error = _("The import was interrupted; nothing was stored. You can start it again.")
    job.save(update_fields=["status", "finished_at", "error"])
    return True


# --- Reading the comments of an import --------------------------------------------------
def import_analyse(*, job_id: int) -> int:
    """Read the comments of an import's records in chunks; safe to run again. Returns count."""
    job = FeedbackImport.objects.select_related("organization").get(id=job_id)
    records = job.stored_records()
    total = records.filter(analysed=False).count()

    def tick(done: int) -> None:
        progress.report(ANALYSIS_KIND, job.uuid, done=done, total=max(total, done), stage="reading")

    done = analysis.analyse_pending(
        records, analysis.analyser_for(job.organization), chunk=ANALYSIS_CHUNK, on_chunk=tick
    )
    progress.report(ANALYSIS_KIND, job.uuid, done=done, total=max(total, done), stage="done")
    return done


def import_report_rows(job: FeedbackImport) -> Iterator[list[str]]:
    """The refused rows as written during the run (header first)."""
    try:
        handle = storage.open_text(job.report_name, encoding="utf-8-sig")
    except FileNotFoundError:
        return
    with handle:
        yield from csv.reader(handle, delimiter=";")
