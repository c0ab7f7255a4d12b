"""Scheduled work of the start page (found by Celery's autodiscovery)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="front.send_digests")
def send_digests() -> int:
    """Working mornings at 7:30 (Celery beat): the opt-in daily e-mails."""
    from klantcultuur.front.digest import digests_send

    return digests_send()
