"""Exports of feedback: the records an inbox shows, and its figures per period and unit.

Both use the same counters and formulas as the pages (`metrics`), so a spreadsheet made
from the export agrees with the screen. Text cells that a spreadsheet would run as a
formula (starting with =, +, - or @) are neutralised.
"""

from __future__ import annotations

import csv
import io
import queue
import tempfile
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.db.models import BigIntegerField, CharField, Func, QuerySet
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.feedback import metrics, rollup, selectors
from klantcultuur.feedback.metrics import ZERO, Counts, Estimate, Figures
from klantcultuur.feedback.models import Feedback, Source
from klantcultuur.feedback.periods import PeriodCounts, series
from klantcultuur.lib.spreadsheet import neutralise
from klantcultuur.lib.text import UNSAFE

RECORD_COLUMNS = (
    "day",
    "received_at",
    "team_id",
    "metric",
    "score",
    "reason",
    "suggestion",
    "n_compliments",
    "n_improvements",
    "topics",
    "channel",
    "touchpoint",
    "product",
    "location",
    "external_id",
    "customer_ref",
    "contact_consent",
    "is_internal",
    "source",
    "uuid",
)
# Records one query of the export aims at (a window of days), rows per fetch, and fetches
# read ahead of the writer on PostgreSQL.
WINDOW_ROWS = 20_000
CHUNK_ROWS = 2_000
READ_AHEAD_CHUNKS = 4
_DAY = timedelta(days=1)
_FORMULA_FIRST = "=+-@\t\r"
_CLOCK = [f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60)]


def record_header() -> list[str]:
    return [
        _("Date"),
        _("Time"),
        _("Team"),
        _("Metric"),
        _("Score"),
        _("Main reason for the score"),
        _("What would make it a 10"),
        _("Compliments"),
        _("Improvement points"),
        _("Topics"),
        _("Channel"),
        _("Touchpoint"),
        _("Product"),
        _("Location"),
        _("External id"),
        _("Customer reference"),
        _("May be contacted"),
        _("Internal customer"),
        _("Source"),
        _("Link"),
    ]


def plan_windows(
    day_counts: Iterable[tuple[date, int]], start: date, end: date, *, rows: int
) -> list[tuple[date, date]]:
    """Consecutive windows of days (first, last) from start to end, each holding about `rows`
    records by the roll-up's counts (a day with more is a window of its own). The first
    window is one day, so that the first rows leave at once."""
    counts = dict(day_counts)
    windows: list[tuple[date, date]] = []
    first, held = start, 0
    day = start
    while day <= end:
        held += counts.get(day, 0)
        if day == end or held + counts.get(day + _DAY, 0) > rows or not windows:
            windows.append((first, day))
            first, held = day + _DAY, 0
        day += _DAY
    return windows


def ordered_records(
    records: QuerySet[Feedback], *, organization_id: int, unit_ids, start: date, end: date
) -> Iterator[tuple]:
    """The export's columns of `records` (of the days start to end) in its order: by day,
    time and key.

    Read a window of days at a time (plan_windows, from the daily roll-up): each query sorts
    only its window, which the (organisation, day, team) index finds, so the first rows leave
    before the last are read (one query over twelve months sorts them all first) and memory
    stays flat. On PostgreSQL a thread reads the next rows while these are written out: the
    server sorts and sends while Python formats, on two cores.
    """
    columns = [
        EpochSeconds("received_at")
        if c == "received_at"
        else UuidText("uuid")
        if c == "uuid"
        else c
        for c in RECORD_COLUMNS
    ]
    query = records.order_by("day", "received_at", "uuid").values_list(*columns)
    daily = selectors.daily_counts(
        organization=organization_id, unit_ids=unit_ids, start=start, end=end
    )
    windows = plan_windows(
        ((day, counts.records) for day, counts in daily), start, end, rows=WINDOW_ROWS
    )
    queries = [query.filter(day__gte=first, day__lte=last) for first, last in windows]
    if connections[query.db].vendor != "postgresql":
        for window in queries:
            yield from window.iterator(chunk_size=CHUNK_ROWS)
        return
    # Outside a transaction Django declares the cursor WITH HOLD, and the server then builds
    # the whole result before the first row.
    with transaction.atomic(using=query.db):
        yield from _read_ahead(query.db, [w.query.sql_with_params() for w in queries])


def _read_ahead(alias: str, statements: list[tuple[str, tuple]]) -> Iterator[tuple]:
    """The rows of the statements, fetched by a thread through server-side cursors on this
    connection (inside the caller's transaction) a few chunks ahead of the reader."""
    connection = connections[alias]
    connection.ensure_connection()
    raw = connection.connection
    chunks: queue.Queue = queue.Queue(maxsize=READ_AHEAD_CHUNKS)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def fetch() -> None:
        try:
            for sql, params in statements:
                with raw.cursor(name="klantcultuur_export") as cursor:
                    cursor.execute(sql, params)
                    while rows := cursor.fetchmany(CHUNK_ROWS):
                        if not put(rows):
                            return
            put(None)
        except BaseException as error:  # handed to the reader, raised there
            put(error)

    reader = threading.Thread(target=fetch, name="export-read-ahead", daemon=True)
    reader.start()
    try:
        while (rows := chunks.get()) is not None:
            if isinstance(rows, BaseException):
                raise rows
            yield from rows
    finally:
        stop.set()  # a reader that stops early (a download broken off) ends the thread
        reader.join()


class EpochSeconds(Func):
    """Whole seconds since 1970 (UTC) of a moment: an integer is read far quicker than a
    timestamp, and it is all the export's clock needs."""

    output_field = BigIntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        template = "CAST(strftime('%%%%s', %(expressions)s) AS integer)"
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "FLOOR(EXTRACT(EPOCH FROM %(expressions)s))::bigint"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class UuidText(Func):
    """A UUID as its usual text (with dashes), read as text rather than made into an object."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        # SQLite keeps a UUIDField as 32 hex digits.
        parts = [(1, 8), (9, 4), (13, 4), (17, 4), (21, 12)]
        template = " || '-' || ".join(f"substr(%(expressions)s, {a}, {n})" for a, n in parts)
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "%(expressions)s::text"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class LocalClock:
    """ "HH:MM" in the current time zone of a moment given in whole seconds since 1970, as
    timezone.localtime() gives it, without converting every moment: the offset is looked up
    once per UTC day and kept when it is the same at 0, 6, 12, 18 and 24 hours (the zone's
    changes are months apart); on a day it changes, per hour, and in the hour it changes,
    per moment."""

    def __init__(self) -> None:
        self.zone = timezone.get_current_timezone()
        self.low = self.high = 0
        self.offset = 0

    def _offset(self, second: int) -> int:
        offset = datetime.fromtimestamp(second, self.zone).utcoffset()
        return int(offset.total_seconds()) if offset is not None else 0

    def _span(self, second: int) -> None:
        for size, checks in ((86_400, 4), (3_600, 1)):
            low = second - second % size
            offsets = {self._offset(low + size * i // checks) for i in range(checks)}
            offsets.add(self._offset(low + size - 1))
            if len(offsets) == 1:
                self.low, self.high, self.offset = low, low + size, offsets.pop()
                return
        self.low, self.high, self.offset = second, second + 1, self._offset(second)

    def __call__(self, second: int) -> str:
        if not self.low <= second < self.high:
            self._span(second)
        return _CLOCK[(second + self.offset) // 60 % 1440]


def _safe(value: str) -> str:
    """neutralise() for text, quicker for the usual text that needs nothing."""
    if value and (value[0] in _FORMULA_FIRST or UNSAFE.search(value)):
        return neutralise(value)
    return value


class RecordExport:
    """The rows of the records export: raw cells for XLSX, or CSV text written as it is read.

    Both read the records' columns (no model instances) through ordered_records; the CSV
    writes each cell as `_cell` would, with what repeats (days, team names, topics, labels)
    worked out once.
    """

    def __init__(
        self,
        records: QuerySet[Feedback],
        *,
        organization_id: int,
        unit_ids: Iterable[int] | None,
        start: date,
        end: date,
        topic_names: dict[str, str],
        show_internal_comments: bool,
    ) -> None:
        self.records, self.start, self.end = records, start, end
        self.unit_ids = None if unit_ids is None else list(unit_ids)
        self.organization_id = organization_id
        self.topic_names = topic_names
        self.show_internal = show_internal_comments

    def _lookups(self):
        from klantcultuur.orgs.models import OrgUnit

        units = dict(
            OrgUnit.objects.filter(organization_id=self.organization_id).values_list("id", "name")
        )
        sources = {value: str(label) for value, label in Source.choices}
        zero = str(uuid.UUID(int=0))
        link = settings.SITE_URL + reverse("feedback-record", args=[zero])
        head, _zero, tail = link.rpartition(zero)
        return units, sources, head, tail

    def _ordered(self) -> Iterator[tuple]:
        return ordered_records(
            self.records,
            organization_id=self.organization_id,
            unit_ids=self.unit_ids,
            start=self.start,
            end=self.end,
        )

    def _topics(self, slugs: str) -> str:
        return ", ".join(self.topic_names.get(t, t) for t in slugs.split())

    def rows(self) -> Iterator[list[Any]]:
        """One row per record (header first), the cells as they are."""
        yield record_header()
        units, sources, head, tail = self._lookups()
        yes, no = _("yes"), _("no")
        clock = LocalClock()
        for (
            day,
            received_at,
            team_id,
            metric,
            score,
            reason,
            suggestion,
            compliments,
            improvements,
            topics,
            channel,
            touchpoint,
            product,
            location,
            external_id,
            customer_ref,
            consent,
            internal,
            source,
            key,
        ) in self._ordered():
            hide = internal and not self.show_internal
            yield [
                day,
                clock(received_at),
                units.get(team_id, "") if team_id is not None else "",
                metric.upper(),
                score,
                "" if hide else reason,
                "" if hide else suggestion,
                compliments,
                improvements,
                self._topics(topics),
                channel,
                touchpoint,
                product,
                location,
                external_id,
                customer_ref,
                yes if consent else no,
                yes if internal else no,
                sources.get(source, source),
                f"{head}{key}{tail}",
            ]

    def csv(self) -> Iterator[str]:
        """The rows as stream_csv writes them, in chunks of about 64 kB."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        write = writer.writerow
        yield "\ufeff"
        write([_cell(v) for v in record_header()])
        units, sources, head, tail = self._lookups()
        head, tail = _safe(head), _safe(tail)
        team_cells = {i: _safe(name) for i, name in units.items()}
        team_cells[None] = ""
        source_cells = {value: _safe(label) for value, label in sources.items()}
        metric_cells: dict[str, str] = {}
        topic_cells: dict[str, str] = {}
        day_cells: dict[date, str] = {}
        yes, no = _safe(_("yes")), _safe(_("no"))
        clock = LocalClock()
        show_internal = self.show_internal
        for (
            day,
            received_at,
            team_id,
            metric,
            score,
            reason,
            suggestion,
            compliments,
            improvements,
            topics,
            channel,
            touchpoint,
            product,
            location,
            external_id,
            customer_ref,
            consent,
            internal,
            source,
            key,
        ) in self._ordered():
            day_cell = day_cells.get(day)
            if day_cell is None:
                day_cell = day_cells[day] = day.strftime("%d-%m-%Y")
            team_cell = team_cells.get(team_id)
            if team_cell is None:
                team_cell = ""
            metric_cell = metric_cells.get(metric)
            if metric_cell is None:
                metric_cell = metric_cells[metric] = _safe(metric.upper())
            topic_cell = topic_cells.get(topics)
            if topic_cell is None:
                topic_cell = topic_cells[topics] = _safe(self._topics(topics))
            source_cell = source_cells.get(source)
            if source_cell is None:
                source_cell = _safe(source)
            hide = internal and not show_internal
            write(
                (
                    day_cell,
                    clock(received_at),
                    team_cell,
                    metric_cell,
                    "" if score is None else score,
                    "" if hide else _safe(reason),
                    "" if hide else _safe(suggestion),
                    compliments,
                    improvements,
                    topic_cell,
                    _safe(channel),
                    _safe(touchpoint),
                    _safe(product),
                    _safe(location),
                    _safe(external_id),
                    _safe(customer_ref),
                    yes if consent else no,
                    yes if internal else no,
                    source_cell,
                    f"{head}{key}{tail}",
                )
            )
            if buffer.tell() > 65_536:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()


def summary_rows(*, organization, scope, flt, period) -> Iterator[list[Any]]:
    """Figures per period for the scope as a whole and per unit one level down (the units of
    the dashboard's rows), customers and colleagues apart, hidden as the pages hide them."""
    yield [
        _("Period from"),
        _("Period to"),
        _("Unit"),
        _("Responses"),
        _("NPS"),
        _("NPS 95% low"),
        _("NPS 95% high"),
        _("Promoters"),
        _("Passives"),
        _("Detractors"),
        _("CSAT % (4 or 5)"),
        _("CSAT answers"),
        _("CES mean"),
        _("CES % (5 to 7)"),
        _("CES answers"),
        _("Compliments"),
        _("Improvement points"),
        _("Customers"),
    ]
    min_n = organization.min_group_size
    units = selectors.breakdown_units(scope)
    in_scope = None if scope.unit_ids is None else set(scope.unit_ids)
    parts = {
        u.id: [i for i in scope.tree.subtree_ids(u.id) if in_scope is None or i in in_scope]
        for u in units
    }
    if scope.unit is not None:
        label = scope.unit.name
    else:
        label = organization.name if scope.sees_all else _("My teams")
    wholes = {
        k: _series(organization, scope.unit_ids, replace(flt, internal=k), period)
        for k in metrics.kinds_asked(flt.internal)
    }
    for internal in metrics.kinds_shown({k: _total(whole) for k, whole in wholes.items()}):
        kind_flt = replace(flt, internal=internal)
        kind = _("Colleagues (internal)") if internal else _("Customers")
        whole = wholes[internal]
        below = {u: _series(organization, ids, kind_flt, period) for u, ids in parts.items()}
        # Per period, the units as the page hides them beside the whole (one rule: metrics).
        shown = [
            metrics.breakdown(bucket.counts, {u: b[i].counts for u, b in below.items()}, min_n)
            for i, bucket in enumerate(whole)
        ]
        for bucket in whole:
            yield [bucket.start, bucket.end, label, *figures(Figures(bucket.counts, min_n)), kind]
        for unit in units:
            for i, bucket in enumerate(below[unit.id]):
                yield [bucket.start, bucket.end, unit.name, *figures(shown[i][unit.id]), kind]


def _series(organization, unit_ids, flt, period) -> list[PeriodCounts]:
    if flt.needs_records:
        records = selectors.records_query(organization=organization, unit_ids=unit_ids, flt=flt)
        daily = [(row["day"], Counts.from_mapping(row)) for row in rollup.grouped(records, "day")]
    else:
        daily = selectors.daily_counts(
            organization=organization,
            unit_ids=unit_ids,
            start=flt.start,
            end=flt.end,
            internal=flt.internal,
        )
    return series(daily, flt.start, flt.end, period.grain)


def _total(buckets: list[PeriodCounts]) -> Counts:
    return sum((b.counts for b in buckets), ZERO)


def figures(shown: Figures) -> list[Any]:
    """The figures of a row of the summary: empty where there are no answers, and where the
    pages hide them (a hidden group, a metric below the threshold or complementary hidden)."""
    counts = shown.counts
    if shown.row_hidden:
        return [None] * 14  # the page: "too few answers to show"
    nps, csat, ces = shown.nps, shown.csat, shown.ces_high
    split: list[int | None] = [counts.nps_promoters, counts.nps_passives, counts.nps_detractors]
    if nps is None and counts.nps_n:
        split = [None] * 3  # it would give the hidden NPS away
    return [
        counts.records,
        *_estimate(nps),
        *split,
        *_estimate(csat)[:1],
        counts.csat_n,
        _round(shown.ces_mean, 2),
        *_estimate(ces)[:1],
        counts.ces_n,
        counts.compliments,
        counts.improvements,
    ]


def _estimate(estimate: Estimate | None) -> list[float | None]:
    if estimate is None:
        return [None] * 3
    return [_round(estimate.value), _round(estimate.low), _round(estimate.high)]


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return neutralise(value)


def stream_csv(rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """Semicolon-separated UTF-8 with BOM and decimal commas, as Dutch Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    yield "\ufeff"
    for count, row in enumerate(rows, start=1):
        writer.writerow([_cell(v) for v in row])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_download(rows: Iterable[Sequence[Any]], filename: str, *, max_rows: int) -> FileResponse:
    """An XLSX workbook written to a temporary file (write-only, so memory stays flat)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Klantstem")
    for count, row in enumerate(rows):
        if count > max_rows:
            sheet.append([_("The export stops here: use CSV for more rows.")])
            break
        sheet.append([neutralise(v) if v is not None else None for v in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
