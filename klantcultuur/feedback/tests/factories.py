"""Small helpers to make feedback records in tests (through the real services)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from klantcultuur.feedback.services.records import feedback_ingest
from klantcultuur.feedback.validation import RecordInput


def item(**values) -> RecordInput:
    """A valid record: an NPS 8 of an hour ago unless told otherwise."""
    values.setdefault("received_at", timezone.now() - timedelta(hours=1))
    values.setdefault("metric", "nps")
    values.setdefault("score", 8)
    return RecordInput(**values)


def ingest(organization, *items: RecordInput, source: str = "api"):
    return feedback_ingest(organization=organization, items=list(items), source=source)
