"""Background entry points of the programme app; they call services."""

from __future__ import annotations

from celery import shared_task

from klantcultuur.programme.services.ambassadors import messages_send


@shared_task(name="programme.send_ambassador_message")
def send_ambassador_message(message_id: int) -> int:
    """E-mail a CX lead's message to every confirmed ambassador."""
    return messages_send(message_id=message_id)
