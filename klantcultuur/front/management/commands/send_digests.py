"""Send the opt-in daily e-mails with each subscriber's team day (cron, working days 7:30)."""

from django.core.management.base import BaseCommand

from klantcultuur.front.digest import digests_send


class Command(BaseCommand):
    help = "Send today's opt-in daily e-mail to every subscriber who has not had it yet."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {digests_send()} daily e-mail(s).")
