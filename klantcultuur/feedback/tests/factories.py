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


def some_feedback(world, count: int = 30):
    """Mixed feedback for the team over the last days, a few unrouted."""
    now = timezone.now()
    comments = [
        "Vriendelijk geholpen, maar wel lang moeten wachten.",
        "Top service!",
        "De monteur kwam niet opdagen.",
        "",
        "Snel geholpen aan de telefoon.",
    ]
    items = [
        item(
            received_at=now - timedelta(days=n % 20, hours=1),
            score=n % 11,
            reason=comments[n % len(comments)],
            team_code="W-KC-1" if n % 7 else "",
            channel="telefoon" if n % 2 else "e-mail",
            customer_ref=f"H-{n}",
        )
        for n in range(count)
    ]
    items += [
        item(
            received_at=now - timedelta(days=2), metric="csat", score=4 + n % 2, team_code="W-KC-1"
        )
        for n in range(6)
    ]
    ingest(world.org, *items)


def numbers(html: str) -> str:
    return " ".join(html.split())
