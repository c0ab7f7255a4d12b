"""A throwaway PostgreSQL database with the project migrated into it, for one benchmark run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

# The settings every benchmark runs the app with: production mode, work in-process.
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "klantcultuur.settings",
    "DEBUG": "0",
    "SECURE_SSL_REDIRECT": "0",
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "testserver",
    "CELERY_BROKER_URL": "",
    "TASK_MODE": "inline",
    "LOG_LEVEL": "WARNING",
}


def admin_url(url: str) -> tuple[str, str]:
    """The server's maintenance database URL, and the database name of `url`."""
    parsed = urlparse(url)
    return parsed._replace(path="/postgres").geturl(), parsed.path.lstrip("/")


def recreate_database(url: str) -> None:
    import psycopg

    admin, name = admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    admin, name = admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def migrated_database(url: str, *, cache_url: str = "") -> Iterator[None]:
    """Django set up on a new, migrated database at `url`; dropped again afterwards."""
    recreate_database(url)
    os.environ.update(ENVIRONMENT, CACHE_URL=cache_url, DATABASE_URL=url)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(url)
