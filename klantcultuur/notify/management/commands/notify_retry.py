"""Send again the messages whose next try has come (cron every five minutes without Celery)."""

from django.core.management.base import BaseCommand

from klantcultuur.notify.services import retry_due


class Command(BaseCommand):
    help = "Send again notifications that failed and whose next try has come."

    def handle(self, *args, **options):
        tried = retry_due()
        self.stdout.write(f"Tried {tried} waiting notification(s) again.")
