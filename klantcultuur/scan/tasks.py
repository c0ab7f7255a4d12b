"""Background work of the culture scan."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="scan.compute_report")
def compute_report(wave_id: int) -> str:
    """Compute and store a wave's report; returns its status."""
    from klantcultuur.scan.services import report_compute

    return report_compute(wave_id=wave_id).status


@shared_task(name="scan.send_reminders")
def send_reminders() -> dict[str, int]:
    """Daily (Celery beat): e-mail the invitations and reminders open waves owe today."""
    from klantcultuur.scan.services import waves_send_due

    return waves_send_due()


@shared_task(name="scan.close_waves")
def close_waves() -> int:
    """Daily (Celery beat): close waves past their closing date; returns how many."""
    from klantcultuur.scan.services import waves_close_due

    return waves_close_due()
