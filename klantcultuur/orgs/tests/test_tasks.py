"""The people import runs in-process without a broker and on a real Celery worker with Redis."""

from __future__ import annotations

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from klantcultuur import celery_app
from klantcultuur.lib import tasks
from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs import services
from klantcultuur.orgs.models import Membership, PeopleImport
from klantcultuur.testing import build_world, require_service, service_reachable

CSV = b"E-mailadres;Voornaam;Achternaam;Afdelingscode\r\nwim.worker@linge.example;Wim;Worker;W-KC-1\r\n"
REDIS_URL = "redis://127.0.0.1:6379/15"


def make_job():
    world = build_world()
    job = services.people_import_create(
        organization=world.org, user=world.admin.user, filename="hr.csv", content=CSV
    )
    return world, job


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_task_runs_in_a_background_thread(settings):
    settings.TASK_MODE = "thread"
    _world, job = make_job()
    services.people_import_start(job=job)  # outside a transaction: on_commit runs at once
    tasks._executor.submit(lambda: None).result(timeout=30)  # wait for the queue to drain
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Membership.objects.filter(user__email="wim.worker@linge.example").exists()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_with_a_broker_a_real_celery_worker_runs_the_import(settings):
    require_service("Redis on 127.0.0.1:6379", service_reachable("127.0.0.1", 6379))
    settings.TASK_MODE = "celery"
    # A key prefix of its own, so parallel test runs on one Redis never take each other's tasks.
    prefix = f"test-{uuid.uuid4().hex}-"
    conf = celery_app.conf
    old = conf.broker_url, conf.task_always_eager, conf.broker_transport_options
    conf.update(
        broker_url=REDIS_URL,
        task_always_eager=False,
        broker_transport_options={"global_keyprefix": prefix},
    )
    _world, job = make_job()
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            services.people_import_start(job=job)
            for _ in range(300):
                job.refresh_from_db()
                if job.is_finished:
                    break
                time.sleep(0.1)
    finally:
        # Later tests (the scale-out test's workers) use no key prefix.
        conf.broker_url, conf.task_always_eager, conf.broker_transport_options = old
    assert job.status == JobStatus.DONE, job.status
    assert Membership.objects.filter(user__email="wim.worker@linge.example").exists()
    assert PeopleImport.objects.get(pk=job.pk).summary["created"] == 1
