"""Back up the database and the stored files into a directory (see front/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from klantcultuur.front.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write database.dump (pg_dump), files/ and manifest.json (rows per table and every "
        "file's checksum, from the same snapshot) into a new or empty directory."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--no-files",
            action="store_true",
            help="Leave the stored files out (an object store backed up on its own).",
        )

    def handle(self, *args, **options) -> None:
        try:
            manifest = backup(options["directory"], with_files=not options["no_files"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up {len(manifest['tables'])} tables ({rows:,} rows) and "
            f"{len(manifest['files'])} files into {options['directory']}."
        )
