"""Scale-out: two Celery workers in processes of their own share the imports and the scan
reports through Redis, PostgreSQL and the object store, without losing or doubling work.

The workers know nothing of this process but what a worker on another machine knows: the
database URL, the broker, and the bucket the import files lie in. Each task is also sent a
second time, as a broker does after a worker stopped before acknowledging it: the work is
still done once.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import Feedback, FeedbackImport
from klantcultuur.feedback.services import imports
from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.models import Organization, OrgUnit, Sector
from klantcultuur.scan import services as scan
from klantcultuur.scan.models import WaveReport
from klantcultuur.scan.tests.helpers import add_responses, make_wave
from klantcultuur.testing import build_world, require_service, service_reachable

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parent.parent
BROKER = "redis://127.0.0.1:6379/0"
ROWS = 150
IMPORTS_PER_ORGANISATION = 2
RESPONDENTS = 12


@pytest.fixture
def queue(settings):
    """A queue of this test's own on the Redis broker; this process sends its tasks there."""
    if connection.vendor != "postgresql":
        pytest.skip("workers in other processes share PostgreSQL: the PostgreSQL run tests it")
    require_service("Redis on 127.0.0.1:6379", service_reachable("127.0.0.1", 6379))
    from klantcultuur.celery import app

    name = f"klantcultuur-test-{uuid.uuid4().hex[:12]}"
    old = app.conf.broker_url, app.conf.task_default_queue, app.conf.broker_transport_options
    app.conf.broker_url, app.conf.task_default_queue = BROKER, name
    app.conf.broker_transport_options = {}  # the workers use no key prefix
    _forget_connections(app)  # an earlier test's pool may point at another broker
    settings.TASK_MODE = "celery"
    yield name
    app.conf.broker_url, app.conf.task_default_queue, app.conf.broker_transport_options = old
    _forget_connections(app)


def _forget_connections(app) -> None:
    """Drop the app's cached broker connections, so the next task opens one to the broker
    configured now (Celery keeps the pool it made first, whatever `broker_url` says later)."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


def database_url() -> str:
    found = connection.settings_dict
    password = f":{quote(found['PASSWORD'])}" if found.get("PASSWORD") else ""
    host = f"{found.get('HOST') or '127.0.0.1'}:{found.get('PORT') or 5432}"
    return f"postgres://{quote(found['USER'])}{password}@{host}/{found['NAME']}"


def start_worker(name: str, queue: str, bucket: dict, log: Path, var_dir: Path):
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER,
        "CELERY_QUEUE": queue,
        "CACHE_URL": BROKER,
        "TASK_MODE": "celery",
        "DEBUG": "0",
        "SECRET_KEY": "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "VAR_DIR": str(var_dir),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "INFO",
        "S3_BUCKET": bucket["bucket_name"],
        "S3_ENDPOINT_URL": bucket["endpoint_url"],
        "S3_REGION": bucket["region_name"],
        "S3_ACCESS_KEY_ID": bucket["access_key"],
        "S3_SECRET_ACCESS_KEY": bucket["secret_key"],
    }
    command = [
        sys.executable, "-m", "celery", "-A", "klantcultuur", "worker",
        "--hostname", f"{name}@%h", "--queues", queue, "--pool", "solo",
        "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    handle = log.open("w")
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=handle, stderr=handle)


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {seconds:.0f} s")
        time.sleep(0.5)


def received(log: Path) -> list[str]:
    """The task ids a worker received, per its log."""
    return re.findall(r"Task [\w.]+\[([0-9a-f-]+)\] received", log.read_text())


def csv_file(prefix: str) -> bytes:
    lines = ["Id;Datum;Cijfer;Toelichting"]
    lines += [
        f"{prefix}-{i};03-11-2026;{i % 11};Antwoord {i} over de monteur." for i in range(ROWS)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def test_two_workers_share_imports_and_reports_without_loss_or_double_work(
    queue, s3_storage, settings, tmp_path
):
    world = build_world()
    third = Organization.objects.create(name="Gemeente Oosterweel", slug="ow", sector=Sector.OTHER)
    organisations = [world.org, world.other_org, third]
    jobs: list[FeedbackImport] = []
    for org in organisations:
        for n in range(IMPORTS_PER_ORGANISATION):
            job = imports.import_create(
                organization=org,
                user=None,
                preset="generic",
                upload=SimpleUploadedFile("klanten.csv", csv_file(f"{org.slug}-{n}")),
            )
            inspection = imports.import_inspect(job)
            imports.import_configure(
                job=job,
                columns={**inspection.guessed, "external_id": "Id"},
                options={"metric": "nps"},
            )
            jobs.append(job)
    waves = []
    for org in organisations[:2]:
        team = OrgUnit.objects.filter(organization=org).first()
        wave = make_wave(org)
        add_responses(wave, team, RESPONDENTS)
        waves.append(wave)

    bucket = settings.STORAGES["default"]["OPTIONS"]
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers = [
        start_worker(f"worker{i + 1}", queue, bucket, log, tmp_path) for i, log in enumerate(logs)
    ]
    try:
        wait_for(
            lambda: all(" ready." in log.read_text() for log in logs), 120, "both workers ready"
        )
        from klantcultuur.feedback.tasks import run_feedback_import
        from klantcultuur.scan.tasks import compute_report

        for job in jobs:
            imports.import_start(job=job)  # queued, sent to the broker
            run_feedback_import.delay(job.id)  # ... and delivered a second time
        for wave in waves:
            scan.wave_close(wave=wave)  # the report is queued
            compute_report.delay(wave.id)

        def finished() -> bool:
            imported = FeedbackImport.objects.filter(status=JobStatus.DONE).count()
            reported = WaveReport.objects.filter(status=JobStatus.DONE).count()
            unread = Feedback.objects.filter(analysed=False).exists()
            return imported == len(jobs) and reported == len(waves) and not unread

        wait_for(finished, 300, "every import, its comments and every report")
        # Let duplicate messages still in flight reach a worker and do nothing.
        messages = 2 * len(jobs) + len(jobs) + 2 * len(waves)  # + one reading per import
        wait_for(lambda: sum(len(received(log)) for log in logs) >= messages, 60, "all messages")
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)

    per_worker = [received(log) for log in logs]
    assert all(per_worker), "each worker took part of the work"
    assert not set(per_worker[0]) & set(per_worker[1]), "no message reached both workers"
    for job in jobs:
        job.refresh_from_db()
        assert (job.status, job.rows_stored, job.rows_duplicate) == (JobStatus.DONE, ROWS, 0)
    for org in organisations:
        stored = Feedback.objects.filter(organization=org)
        assert stored.count() == IMPORTS_PER_ORGANISATION * ROWS
        assert stored.values("external_id").distinct().count() == stored.count()
        assert rollup.differences(org.id) == []
    for wave in waves:
        report = WaveReport.objects.get(wave=wave)
        assert (report.status, report.n_respondents) == (JobStatus.DONE, RESPONDENTS)
