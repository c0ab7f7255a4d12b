"""The daily job that announces scheduled board reports (Celery beat, or cron)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="reports.send_scheduled")
def send_scheduled() -> int:
    from klantcultuur.reports.services import send_due

    return send_due()
