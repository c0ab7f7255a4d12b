"""Exports of feedback: the records an inbox shows, and its figures per period and unit.

Both use the same counters and formulas as the pages (`metrics`), so a spreadsheet made
from the export agrees with the screen. Text cells that a spreadsheet would run as a
formula (starting with =, +, - or @) are neutralised.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.feedback import metrics, rollup, selectors
from klantcultuur.feedback.metrics import ZERO, Counts, Estimate, Figures
from klantcultuur.feedback.periods import PeriodCounts, series
from klantcultuur.lib.spreadsheet import neutralise


def record_rows(
    records, topic_names: dict[str, str], *, show_internal_comments: bool
) -> Iterator[list[Any]]:
    """One row per record (header first), streamed from the database in chunks."""
    yield [
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
    yes, no = _("yes"), _("no")
    base = settings.SITE_URL
    for record in records.iterator(chunk_size=2000):
        hide = record.is_internal and not show_internal_comments
        moment = timezone.localtime(record.received_at)
        yield [
            record.day,
            moment.strftime("%H:%M"),
            record.team.name if record.team else "",
            record.metric.upper(),
            record.score,
            "" if hide else record.reason,
            "" if hide else record.suggestion,
            record.n_compliments,
            record.n_improvements,
            ", ".join(topic_names.get(t, t) for t in record.topic_slugs),
            record.channel,
            record.touchpoint,
            record.product,
            record.location,
            record.external_id,
            record.customer_ref,
            yes if record.contact_consent else no,
            yes if record.is_internal else no,
            record.get_source_display(),
            base + reverse("feedback-record", args=[record.uuid]),
        ]


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
