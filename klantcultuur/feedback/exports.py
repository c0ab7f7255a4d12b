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
from typing import Any

from django.conf import settings
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.feedback import rollup, selectors
from klantcultuur.feedback.metrics import Counts
from klantcultuur.feedback.periods import series
from klantcultuur.lib.spreadsheet import neutralise


def record_rows(
    records, topic_names: dict[str, str], *, show_internal_comments: bool
) -> Iterator[list[Any]]:
    """One row per record (header first), streamed from the database in chunks."""
    yield [_("Date"), _("Time"), _("Team"), _("Metric"), _("Score"),
           _("Main reason for the score"), _("What would make it a 10"), _("Compliments"),
           _("Improvement points"), _("Topics"), _("Channel"), _("Touchpoint"), _("Product"),
           _("Location"), _("External id"), _("Customer reference"), _("May be contacted"),
           _("Internal customer"), _("Source"), _("Link")]  # fmt: skip
    yes, no = _("yes"), _("no")
    base = settings.SITE_URL
    for record in records.iterator(chunk_size=2000):
        hide = record.is_internal and not show_internal_comments
        moment = timezone.localtime(record.received_at)
        yield [
            record.day, moment.strftime("%H:%M"), record.team.name if record.team else "",
            record.metric.upper(), record.score,
            "" if hide else record.reason, "" if hide else record.suggestion,
            record.n_compliments, record.n_improvements,
            ", ".join(topic_names.get(t, t) for t in record.topic_slugs), record.channel,
            record.touchpoint, record.product, record.location, record.external_id,
            record.customer_ref, yes if record.contact_consent else no,
            yes if record.is_internal else no, record.get_source_display(),
            base + reverse("feedback-record", args=[record.uuid]),
        ]  # fmt: skip


def summary_rows(*, organization, scope, flt, period) -> Iterator[list[Any]]:
    """Figures per period for the scope as a whole and per unit one level down."""
    yield [_("Period from"), _("Period to"), _("Unit"), _("Responses"), _("NPS"),
           _("NPS 95% low"), _("NPS 95% high"), _("Promoters"), _("Passives"), _("Detractors"),
           _("CSAT % (4 or 5)"), _("CSAT answers"), _("CES mean"), _("CES % (5 to 7)"),
           _("CES answers"), _("Compliments"), _("Improvement points")]  # fmt: skip
    grain = period.grain
    groups: list[tuple[str, list[int] | None]] = [
        (scope.unit.name if scope.unit else organization.name, scope.unit_ids)
    ]
    from klantcultuur.orgs.models import OrgUnit

    if scope.unit is not None:
        children = [c for c in scope.tree.children.get(scope.unit.id, [])]
        names = OrgUnit.objects.in_bulk(children)
        groups += [(names[c].name, scope.tree.subtree_ids(c)) for c in children if c in names]
    for name, unit_ids in groups:
        daily = _daily(organization, unit_ids, flt)
        for bucket in series(daily, flt.start, flt.end, grain):
            yield [bucket.start, bucket.end, name, *figures(bucket.counts)]


def _daily(organization, unit_ids, flt) -> list:
    if not flt.needs_records:
        return selectors.daily_counts(
            organization=organization, unit_ids=unit_ids, start=flt.start, end=flt.end,
            internal=flt.internal,
        )  # fmt: skip
    records = selectors.records_query(organization=organization, unit_ids=unit_ids, flt=flt)
    return [(row["day"], Counts.from_mapping(row)) for row in rollup.grouped(records, "day")]


def figures(counts: Counts) -> list[Any]:
    """The figures of a row of the summary (None where there are no answers)."""
    nps, csat, ces = counts.nps(), counts.csat(), counts.ces_high_share()

    def r(value, digits=1):
        return None if value is None else round(value, digits)

    return [counts.records, r(nps.value), r(nps.low), r(nps.high), counts.nps_promoters,
            counts.nps_passives, counts.nps_detractors, r(csat.value), counts.csat_n,
            r(counts.ces_mean(), 2), r(ces.value), counts.ces_n, counts.compliments,
            counts.improvements]  # fmt: skip


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
        handle, as_attachment=True, filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip
