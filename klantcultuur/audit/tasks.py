"""The daily retention purge (Celery beat, or cron with `manage.py audit_retention`)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="audit.apply_retention")
def apply_retention() -> int:
    from klantcultuur.audit.services import retention_purge

    return retention_purge()
