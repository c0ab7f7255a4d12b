"""Background sending (through lib.tasks.enqueue) and the scheduled retry."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="notify.deliver")
def deliver(delivery_id: int) -> str:
    from klantcultuur.notify.services import delivery_send

    found = delivery_send(delivery_id=delivery_id)
    return found.status if found else "done"


@shared_task(name="notify.retry_due")
def retry_due() -> int:
    """Every few minutes (Celery beat or cron): messages whose next try has come."""
    from klantcultuur.notify.services import retry_due as run

    return run()
