"""Daily: close culture-scan waves whose closing date has passed and start their reports."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from klantcultuur.scan.services import waves_close_due


class Command(BaseCommand):
    help = (
        "Close every culture-scan wave whose closing date has passed (deleting unfinished "
        "answers) and compute its report in the background. Safe to run more than once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, help="Act as if today were DATE.")

    def handle(self, *args, **options) -> None:
        closed = waves_close_due(today=options["date"] or timezone.localdate())
        self.stdout.write(f"{closed} wave(s) closed.")
