"""Compile the .po catalogues to .mo with polib, so no system gettext is needed."""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile every klantcultuur/**/locale/*/LC_MESSAGES/*.po to .mo (only those that changed)."
    )

    def handle(self, *args, **options) -> None:
        compiled = 0
        package = Path(settings.BASE_DIR) / "klantcultuur"
        for po_path in sorted(package.glob("**/locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        if compiled:
            self.stdout.write(f"Compiled {compiled} translation catalogue(s).")
