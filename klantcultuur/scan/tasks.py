"""Background work of the culture scan."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="scan.compute_report")
def compute_report(wave_id: int) -> str:
    """Compute and store a wave's report; returns its status."""
    from klantcultuur.scan.services import report_compute

    return report_compute(wave_id=wave_id).status
