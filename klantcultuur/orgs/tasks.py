"""Background work of the organisation app."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="orgs.run_people_import")
def run_people_import(job_id: int, actor_id: int | None = None) -> str:
    """Apply a confirmed people import (`actor_id`: the membership that started it); returns
    its final status."""
    from klantcultuur.orgs.services import people_import_run

    return people_import_run(job_id=job_id, actor_id=actor_id).status
