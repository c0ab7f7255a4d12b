"""Background work of customer feedback (run through lib.tasks.enqueue)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="feedback.run_import")
def run_feedback_import(job_id: int) -> str:
    """Load a queued feedback import; returns its final status."""
    from klantcultuur.feedback.services.imports import import_run

    return import_run(job_id=job_id).status


@shared_task(name="feedback.analyse_import")
def run_import_analysis(job_id: int) -> int:
    """Read the comments of an import's records (safe to run again); returns how many."""
    from klantcultuur.feedback.services.imports import import_analyse

    return import_analyse(job_id=job_id)


@shared_task(name="feedback.apply_retention")
def apply_retention() -> int:
    """Daily (Celery beat): clear comments past each organisation's retention, and customers'
    e-mail addresses of cases closed longer ago than it keeps them; returns how many."""
    from klantcultuur.feedback.services.privacy import retention_apply_all
    from klantcultuur.feedback.services.replies import contact_addresses_clear

    return sum(retention_apply_all().values()) + contact_addresses_clear()


@shared_task(name="feedback.announce_overdue")
def announce_overdue() -> int:
    """Every quarter of an hour (Celery beat): tell teams about customers who wait too long."""
    from klantcultuur.feedback.services.cases import cases_overdue_announce

    return cases_overdue_announce()


@shared_task(name="feedback.follow_up_answers")
def follow_up_answers(organization_id: int) -> int:
    """Read new form answers of an organisation, open their cases (safe to run again)."""
    from klantcultuur.feedback.services.records import answers_follow_up

    return answers_follow_up(organization_id=organization_id)


@shared_task(name="feedback.follow_up_all")
def follow_up_all() -> int:
    """Every ten minutes (Celery beat): answers whose follow-up task was lost."""
    from klantcultuur.feedback.services.records import answers_follow_up_all

    return answers_follow_up_all()
