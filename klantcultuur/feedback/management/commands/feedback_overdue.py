"""Tell teams once about customers past their call-back time (cron every 15 minutes)."""

from django.core.management.base import BaseCommand

from klantcultuur.feedback.services.cases import cases_overdue_announce


class Command(BaseCommand):
    help = "Notify teams about follow-up cases that passed their call-back time (once per case)."

    def handle(self, *args, **options):
        told = cases_overdue_announce()
        self.stdout.write(f"Announced {told} overdue case(s).")
