"""The records export as it was before it was streamed window by window: model instances read
in one ordered query, every cell through `_cell`. Kept as the reference the streamed export is
compared with, row by row (test_export_stream.py, bench/feedback_export.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback.exports import record_header


def reference_query(records):
    """The records as the export read them: with their team, in one ordered query."""
    return records.select_related("team").order_by("day", "received_at", "uuid")


def reference_rows(
    records, topic_names: dict[str, str], *, show_internal_comments: bool
) -> Iterator[list[Any]]:
    """One row per record (header first), streamed from the database in chunks."""
    yield record_header()
    from django.utils.translation import gettext as _

    yes, no = _("yes"), _("no")
    base = settings.SITE_URL
    for record in reference_query(records).iterator(chunk_size=2000):
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
