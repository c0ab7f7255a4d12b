"""Back up and restore the whole installation: the PostgreSQL database and the stored files.

A backup is a directory: `database.dump` (pg_dump's custom format), `files/` (every private
file of the storage: the local disk or the object store) and `manifest.json`, which holds
the number of rows of every table, counted in the very snapshot that pg_dump writes (an
exported snapshot: answers arriving during the backup are in both or in neither), and the
name, size and SHA-256 of every file. A restore goes into a new, empty database and checks
the rows of every table and every file against the manifest; only then is it a backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.apps import apps
from django.db import connection
from django.utils import timezone

from klantcultuur.lib import storage

FORMAT = 1
DUMP = "database.dump"
MANIFEST = "manifest.json"
FILES = "files"


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why."""


@dataclass
class Check:
    """What a restore found: tables and files that differ from the manifest."""

    tables: int = 0
    rows: int = 0
    files: int = 0
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def tables() -> list[str]:
    """Every table of the project's models (many-to-many tables included), sorted."""
    names = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return sorted(names)


def _count(cursor: Any, names: list[str]) -> dict[str, int]:
    found = {}
    for name in names:
        cursor.execute(f'SELECT count(*) FROM "{name}"')
        found[name] = cursor.fetchone()[0]
    return found


def _libpq_environment(settings: dict[str, Any]) -> dict[str, str]:
    """The connection of Django's settings as libpq variables (pg_dump, pg_restore)."""
    environment = {**os.environ}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings.get(key):
            environment[variable] = str(settings[key])
    return environment


def _walk(directory: str = "") -> Iterator[str]:
    """Every file name of the storage of private files."""
    try:
        folders, names = storage.files().listdir(directory)
    except FileNotFoundError:  # the local disk before the first upload
        return
    for name in names:
        yield f"{directory}/{name}" if directory else name
    for folder in folders:
        yield from _walk(f"{directory}/{folder}" if directory else folder)


def _sha256(handle: Any) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def backup(target: Path, *, with_files: bool = True) -> dict[str, Any]:
    """Write a backup into the empty or new directory `target`; returns the manifest."""
    if connection.vendor != "postgresql":
        raise BackupError(
            "The backup command works on PostgreSQL. With SQLite, stop the app and copy "
            "VAR_DIR (the database file and media/)."
        )
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty.")
    target.mkdir(parents=True, exist_ok=True)
    import psycopg

    settings = connection.settings_dict
    environment = _libpq_environment(settings)
    with psycopg.connect(
        dbname=settings["NAME"],
        host=settings.get("HOST") or None,
        port=settings.get("PORT") or None,
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        autocommit=True,  # the transaction below is begun by hand, with its isolation level
    ) as snapshot_connection:
        snapshot_connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        exported = snapshot_connection.execute("SELECT pg_export_snapshot()").fetchone()
        assert exported is not None
        snapshot = exported[0]
        counts = _count(snapshot_connection.cursor(), tables())
        # pg_dump reads the same snapshot while this transaction stays open.
        done = subprocess.run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target / DUMP}"],
            env=environment,
            capture_output=True,
            text=True,
        )
        snapshot_connection.execute("COMMIT")
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    files = []
    if with_files:
        for name in sorted(_walk()):
            copy = target / FILES / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            with storage.open_binary(name) as source, copy.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
            with copy.open("rb") as written:
                size, digest = _sha256(written)
            files.append({"name": name, "size": size, "sha256": digest})
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": settings["NAME"],
        "tables": counts,
        "files": files,
        "with_files": with_files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1))
    return manifest


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source / MANIFEST} cannot be read: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a backup of this version (format {FORMAT}).")
    return manifest


def _connect(url: str, **options: Any) -> Any:
    import psycopg

    return psycopg.connect(url, **options)


def _create_database(url: str) -> None:
    """Create the database of `url`, which must not exist yet or be empty."""
    parsed = urlparse(url)
    name = unquote(parsed.path.lstrip("/"))
    if not name:
        raise BackupError("The database URL names no database.")
    admin = parsed._replace(path="/postgres").geturl()
    with _connect(admin, autocommit=True) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            server.execute(f'CREATE DATABASE "{name}"')
            return
    with _connect(url) as database:
        found = database.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    if found:
        raise BackupError(f"The database {name} is not empty: restore into a new one.")


def restore(source: Path, *, database_url: str, files: bool = False) -> Check:
    """Restore a backup into a new database (and, with `files`, the files into the storage
    of private files), then check every table's rows and every file against the manifest."""
    manifest = read_manifest(source)
    check = Check()
    # The backup's own files first: a damaged backup is refused before anything is written.
    for entry in manifest["files"]:
        copy = source / FILES / entry["name"]
        try:
            with copy.open("rb") as handle:
                size, digest = _sha256(handle)
        except OSError:
            check.differences.append(f"file {entry['name']}: missing from the backup")
            continue
        if (size, digest) != (entry["size"], entry["sha256"]):
            check.differences.append(f"file {entry['name']}: damaged in the backup")
    if not check.ok:
        return check
    _create_database(database_url)
    done = subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={database_url}",
            str(source / DUMP),
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
    expected: dict[str, int] = manifest["tables"]
    with _connect(database_url) as restored:
        present = {
            row[0]
            for row in restored.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        }
        found = _count(restored.cursor(), sorted(name for name in expected if name in present))
    for name, rows in sorted(expected.items()):
        check.tables += 1
        if name not in found:
            check.differences.append(f"table {name}: missing")
        elif found[name] != rows:
            check.differences.append(f"table {name}: {found[name]} rows, the backup has {rows}")
        else:
            check.rows += rows
    if files:
        for entry in manifest["files"]:
            with (source / FILES / entry["name"]).open("rb") as handle:
                storage.save(entry["name"], handle)
            with storage.open_binary(entry["name"]) as stored:
                size, digest = _sha256(stored)
            if (size, digest) != (entry["size"], entry["sha256"]):
                check.differences.append(f"file {entry['name']}: differs after the restore")
            else:
                check.files += 1
    else:
        check.files = len(manifest["files"])  # checked in the backup above
    return check
