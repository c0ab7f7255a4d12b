"""Run background work through Celery when configured, in-process otherwise.

`enqueue(task, *args)` is the only way views start background work. With
`TASK_MODE=celery` the task goes to a worker over the broker once the current
transaction commits; with `thread` (the embedded default) the same task function runs
in a single background thread of this process, so the page can show progress; with
`inline` (tests) it runs at once.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections, transaction

log = logging.getLogger(__name__)
# One worker: jobs run one after another, which SQLite's single writer needs anyway.
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="klantcultuur-task")


def _run_in_thread(task: Any, args: tuple[Any, ...]) -> None:
    close_old_connections()
    try:
        task.run(*args)
    except Exception:
        log.exception("Background task %s failed", task.name)
    finally:
        connections.close_all()


def _submit(task: Any, args: tuple[Any, ...]) -> None:
    try:
        _executor.submit(_run_in_thread, task, args)
    except RuntimeError:
        # This process is stopping (gunicorn replaces a worker now and then): what the task
        # would do waits for the periodic job that catches up (retries, follow-ups).
        log.warning("Background task %s not started: the process is stopping", task.name)


def enqueue(task: Any, *args: Any) -> None:
    """Start a Celery task (a @shared_task) in the configured way."""
    mode = settings.TASK_MODE
    if mode == "inline":
        task.run(*args)
    elif mode == "thread":
        transaction.on_commit(lambda: _submit(task, args))
    else:
        transaction.on_commit(lambda: task.delay(*args))
