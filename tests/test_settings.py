"""Production settings: refuse to start without a secret, pass the deploy check, send a CSP;
the daily jobs are scheduled tasks of the Celery app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "a-long-and-random-production-secret-kV8r2Wq9Lz3Xp7Ty5Nb1Mc6Hd4Fg0Js",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "klantcultuur.example.nl",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Only what a production host would have: none of the test run's conveniences.
    leave_out = {*PRODUCTION, "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leave_out}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_deploy_check_passes_without_warnings_in_production_mode():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_responses_carry_a_csp_without_third_party_origins(client, world, login):
    response = login(world.employee).get(reverse("front-home"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    for value in directives.values():
        for source in value.split():
            assert source in {"'self'", "'none'", "data:"}, source


def test_pages_use_no_inline_scripts_or_styles(client, world, login):
    body = login(world.admin).get(reverse("orgs-tree")).content.decode()
    assert "<script>" not in body.replace(" ", "")
    assert "style=" not in body
    assert "<style" not in body


def test_every_daily_job_names_a_task_of_the_celery_app_and_has_a_schedule(settings):
    from celery.schedules import crontab

    from klantcultuur.celery import app

    app.loader.import_default_modules()  # what a worker does at start: find each app's tasks
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE
    assert set(settings.CELERY_BEAT_SCHEDULE) == {
        "close_scan_waves",
        "feedback_retention",
        "send_scan_reminders",
        "feedback_overdue",
        "feedback_follow_up",
        "notify_retry",
        "daily_digests",
        "audit_retention",
        "board_reports",
    }
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name
        assert isinstance(entry["schedule"], crontab), name
