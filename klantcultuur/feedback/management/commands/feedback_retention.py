"""Remove open answers older than each organisation's retention period (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from klantcultuur.feedback.models import FeedbackSettings
from klantcultuur.feedback.services.privacy import retention_apply


class Command(BaseCommand):
    help = (
        "Remove the comments (and what was read from them) of feedback older than each "
        "organisation's retention period; scores stay. Safe to run again; run it daily."
    )

    def handle(self, *args, **options) -> None:
        configs = FeedbackSettings.objects.filter(retention_days__isnull=False).select_related(
            "organization"
        )
        total = 0
        for config in configs:
            cleared = retention_apply(organization=config.organization)
            total += cleared
            self.stdout.write(f"{config.organization.name}: {cleared} responses cleared")
        self.stdout.write(f"Done: {total} responses cleared in {len(configs)} organisations.")
