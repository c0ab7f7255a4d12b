"""Follow up recent form answers a lost background task left (cron every 10 minutes)."""

from django.core.management.base import BaseCommand

from klantcultuur.feedback.services.records import FOLLOW_UP_DAYS, answers_follow_up_all


class Command(BaseCommand):
    help = (
        f"Read the comments of form answers of the last {FOLLOW_UP_DAYS} days that wait for "
        "it and open their call-back cases; safe to run again (and in parallel)."
    )

    def handle(self, *args, **options):
        done = answers_follow_up_all()
        self.stdout.write(f"Followed up {done} answer(s).")
