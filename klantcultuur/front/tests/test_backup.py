"""Backup and restore on PostgreSQL: a backup restored into a fresh database has every row
and every file of the moment it was taken, and a restore that differs says so and fails."""

from __future__ import annotations

import io
import json
import uuid
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from klantcultuur.feedback.models import Feedback
from klantcultuur.feedback.services import imports
from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.lib import storage
from klantcultuur.testing import build_world

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the backup is of PostgreSQL: the PostgreSQL run of the suite tests it")


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fresh_url():
    """The URL of a database that does not exist yet; dropped after the test."""
    import psycopg

    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    server = f"{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}"
    base = f"postgres://{quote(settings['USER'])}{password}@{server}"
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def installation():
    world = build_world()
    ingest(world.org, *(item(score=s, reason="Prima geholpen.") for s in range(11)))
    job = imports.import_create(
        organization=world.org,
        user=None,
        preset="generic",
        upload=SimpleUploadedFile("klanten.csv", b"Datum;Cijfer\r\n03-11-2026;9\r\n"),
    )
    return world, job


def test_a_backup_restores_into_a_fresh_database_with_every_row_and_file(tmp_path, fresh_url):
    _world, job = installation()
    out = io.StringIO()
    call_command("backup", str(tmp_path / "backup"), stdout=out)
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["tables"]["feedback_feedback"] == Feedback.objects.count() == 11
    assert [f["name"] for f in manifest["files"]] == [job.upload_name]

    # What happens after the backup is not in it.
    ingest(job.organization, item(score=3, reason="Na de back-up."))
    storage.delete(job.upload_name)

    out = io.StringIO()
    call_command(
        "restore", str(tmp_path / "backup"), database_url=fresh_url, files=True, stdout=out
    )
    assert "Restored and checked" in out.getvalue()
    import psycopg

    with psycopg.connect(fresh_url) as restored:
        rows = restored.execute("SELECT count(*) FROM feedback_feedback").fetchone()[0]
        users = restored.execute("SELECT count(*) FROM accounts_user").fetchone()[0]
    assert rows == 11 and users == manifest["tables"]["accounts_user"] > 0
    assert storage.read_text(job.upload_name) == "Datum;Cijfer\r\n03-11-2026;9\r\n"


def test_a_restore_that_differs_from_the_manifest_fails_and_names_the_table(tmp_path, fresh_url):
    installation()
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    manifest_file = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["tables"]["feedback_feedback"] += 1  # as if a row went missing in the dump
    manifest_file.write_text(json.dumps(manifest))

    errors = io.StringIO()
    with pytest.raises(CommandError, match="differs"):
        call_command("restore", str(tmp_path / "backup"), database_url=fresh_url, stderr=errors)
    assert "table feedback_feedback: 11 rows, the backup has 12" in errors.getvalue()


def test_a_damaged_file_in_the_backup_is_refused_before_anything_is_restored(tmp_path, fresh_url):
    _world, job = installation()
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    (tmp_path / "backup" / "files" / job.upload_name).write_text("iets anders")
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "backup"), database_url=fresh_url, stderr=errors)
    assert "damaged in the backup" in errors.getvalue()


def test_a_restore_refuses_a_database_that_is_not_empty(tmp_path):
    installation()
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    settings = connection.settings_dict
    own = f"postgres://{settings['USER']}@{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}/{settings['NAME']}"
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"), database_url=own)
