"""The life cycle of background work that a person starts and watches: imports, reports.

One status (`JobStatus`), one set of fields (`BackgroundJob`: status, error, started and
finished), one way to queue (`job_queue`) and to run (`job_run`) such a job, and one
polling answer for its progress partial (`progress_response`). The work itself and what it
stores stay with the app that owns the job; how far it is lives in the cache
(`klantcultuur.lib.progress`), so a page can poll it while the work writes in one
transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseClientRefresh

from klantcultuur.lib import progress
from klantcultuur.lib.tasks import enqueue

log = logging.getLogger(__name__)


class JobStatus(models.TextChoices):
    # Before it is queued a job waits for the person who started it: to confirm the
    # preview (people import) or to choose the columns (feedback import).
    PREVIEW = "preview", _("Waiting for confirmation")
    MAPPING = "mapping", _("Choose the columns")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BackgroundJob(models.Model):
    """The fields every background job has; a model may give `status` another default."""

    status = models.CharField(max_length=20, choices=JobStatus.choices)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def is_busy(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)


def job_queue(
    job: BackgroundJob,
    task: Any,
    *args: Any,
    progress_kind: str,
    progress_code: object,
    total: int = 0,
    fields: Iterable[str] = (),
) -> None:
    """Mark the job queued (its last error cleared) and start `task(*args)` in the background."""
    job.status, job.error = JobStatus.QUEUED, ""
    job.save(update_fields=["status", "error", *fields])
    progress.report(progress_kind, progress_code, done=0, total=total, stage="queued")
    enqueue(task, *args)


def job_run(
    job: BackgroundJob,
    work: Callable[[], object],
    *,
    progress_kind: str,
    progress_code: object,
    failure: str | Callable[[Exception], str],
    expected: tuple[type[Exception], ...] = (),
    fields: Iterable[str] = (),
    steps: int = 1,
) -> BackgroundJob:
    """Run `work` as the job's body: running from now, then done, or failed with an error.

    An `expected` exception fails the job with its own message (a file it cannot read,
    say); any other is logged and fails it with `failure` (a text, or made from the
    exception). `work` sets what it computed on the job; `fields` names what it sets, saved
    with the status. The progress ends at `steps` of `steps`, with the status as its stage.

    The job is claimed first, from the status the caller read, in one UPDATE: when a
    message is delivered twice (a worker that stopped before acknowledging it, two workers
    on other machines), only one of them runs the work; the other returns the job as is.
    """
    started = timezone.now()
    claimed = (
        type(job)
        ._default_manager.filter(pk=job.pk, status=job.status)
        .update(status=JobStatus.RUNNING, started_at=started)
    )
    if not claimed:
        log.info("%s %s was claimed by another worker", type(job).__name__, progress_code)
        job.refresh_from_db()
        return job
    job.status, job.started_at = JobStatus.RUNNING, started
    status, error = JobStatus.DONE, ""
    try:
        work()
    except expected as exc:
        status, error = JobStatus.FAILED, str(exc)
    except Exception as exc:
        log.exception("%s %s failed", type(job).__name__, progress_code)
        status, error = JobStatus.FAILED, failure if isinstance(failure, str) else failure(exc)
    job.status, job.error, job.finished_at = status, str(error), timezone.now()
    job.save(update_fields=["status", "error", "finished_at", *fields])
    progress.report(progress_kind, progress_code, done=steps, total=steps, stage=status)
    return job


def progress_response(
    request: HttpRequest, template: str, context: dict[str, Any], *, finished: bool
) -> HttpResponse:
    """The progress partial a page polls; once the job is `finished`, an htmx poll reloads
    the whole page instead, where the result replaces the progress bar."""
    if finished and getattr(request, "htmx", False):
        return HttpResponseClientRefresh()
    return render(request, template, context)
