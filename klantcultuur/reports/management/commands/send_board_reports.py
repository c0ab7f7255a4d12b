"""Announce the board reports whose month has ended (cron daily at 06:00 without Celery)."""

from django.core.management.base import BaseCommand

from klantcultuur.reports.services import send_due


class Command(BaseCommand):
    help = "E-mail the scheduled board reports of the month that ended (once per month)."

    def handle(self, *args, **options):
        sent = send_due()
        self.stdout.write(f"Announced board reports to {sent} recipient(s).")
