"""Background entry points of the vision app; they call services."""

from __future__ import annotations

from celery import shared_task

from klantcultuur.vision.services.endorsements import reminders_send


@shared_task(name="vision.send_endorsement_reminders")
def send_endorsement_reminders(version_id: int) -> int:
    """E-mail the managers who have not answered the published version."""
    return reminders_send(version_id=version_id)
