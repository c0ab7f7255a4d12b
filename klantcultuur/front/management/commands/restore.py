"""Restore a backup into a new database and check it against its manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from klantcultuur.front.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup directory into a new, empty PostgreSQL database (created when "
        "missing) and check the rows of every table and every file against the manifest; "
        "exits with an error when anything differs."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--database-url",
            required=True,
            help="postgres://user:password@host:5432/new_name: the database to restore into.",
        )
        parser.add_argument(
            "--files",
            action="store_true",
            help="Also copy the files into the storage configured for this process.",
        )

    def handle(self, *args, **options) -> None:
        try:
            check = restore(
                options["directory"], database_url=options["database_url"], files=options["files"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for difference in check.differences:
            self.stderr.write(difference)
        if not check.ok:
            raise CommandError(
                f"The restore differs from the backup in {len(check.differences)} places."
            )
        self.stdout.write(
            f"Restored and checked: {check.tables} tables, {check.rows:,} rows and "
            f"{check.files} files as in the backup."
        )
