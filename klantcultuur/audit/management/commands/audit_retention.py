"""Remove audit events past each organisation's retention (cron daily without Celery)."""

from django.core.management.base import BaseCommand

from klantcultuur.audit.services import retention_purge


class Command(BaseCommand):
    help = "Remove audit-trail events older than each organisation's retention period."

    def handle(self, *args, **options):
        removed = retention_purge()
        self.stdout.write(f"Removed {removed} audit event(s) past their retention.")
