"""Daily: e-mail the invitations and due reminders of open culture-scan waves (idempotent)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from klantcultuur.scan.services import waves_send_due


class Command(BaseCommand):
    help = (
        "E-mail people who have not answered an open culture-scan wave: the invitation on the "
        "opening day, and a reminder on each of the wave's reminder days. Meant for a daily "
        "run (Celery beat or cron); running it twice on one day sends nothing twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, help="Act as if today were DATE.")

    def handle(self, *args, **options) -> None:
        sent = waves_send_due(today=options["date"] or timezone.localdate())
        self.stdout.write(
            f"{sent['waves']} open wave(s): {sent['invitations']} invitation(s) and "
            f"{sent['reminders']} reminder(s) sent."
        )
