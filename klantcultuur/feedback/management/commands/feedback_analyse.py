"""Read every comment that has not been read yet (after an interrupted follow-up task)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from klantcultuur.feedback import analysis
from klantcultuur.feedback.models import Feedback
from klantcultuur.orgs.models import Organization


class Command(BaseCommand):
    help = "Read the unread comments of every organisation; safe to run again (and in parallel)."

    def handle(self, *args, **options) -> None:
        total = 0
        for org in Organization.objects.all():
            records = Feedback.objects.filter(organization=org)
            read = analysis.analyse_pending(records, analysis.analyser_for(org))
            total += read
            if read:
                self.stdout.write(f"{org.name}: {read} responses read")
        self.stdout.write(f"Done: {total} responses read.")
