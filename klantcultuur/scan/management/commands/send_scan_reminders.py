"""Daily: e-mail the invitations and due reminders of open culture-scan waves (idempotent)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from klantcultuur.scan.models import Wave
from klantcultuur.scan.services import wave_send_due


class Command(BaseCommand):
    help = (
        "E-mail people who have not answered an open culture-scan wave: the invitation on the "
        "opening day, and a reminder on each of the wave's reminder days. Meant for a daily "
        "cron job; running it twice on one day sends nothing twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, help="Act as if today were DATE.")

    def handle(self, *args, **options) -> None:
        today = options["date"] or timezone.localdate()
        waves = Wave.objects.filter(
            launched_at__isnull=False, closed_at__isnull=True, opens_on__lte=today,
            closes_on__gte=today,
        ).select_related("organization")  # fmt: skip
        invitations = reminders = 0
        for wave in waves:
            sent = wave_send_due(wave=wave, today=today)
            invitations += sent["invitations"]
            reminders += sent["reminders"]
        self.stdout.write(
            f"{len(waves)} open wave(s): {invitations} invitation(s) and {reminders} reminder(s) sent."
        )
