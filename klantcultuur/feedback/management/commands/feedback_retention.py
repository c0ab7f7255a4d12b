"""Remove open answers older than each organisation's retention period (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from klantcultuur.feedback.services.privacy import retention_apply_all
from klantcultuur.feedback.services.replies import contact_addresses_clear


class Command(BaseCommand):
    help = (
        "Remove the comments (and what was read from them) of feedback older than each "
        "organisation's retention period; scores stay. Clear the e-mail addresses customers "
        "gave to be answered once their case has been resolved for the organisation's "
        "period. Safe to run again; run it daily."
    )

    def handle(self, *args, **options) -> None:
        cleared = retention_apply_all()
        for organization, count in cleared.items():
            self.stdout.write(f"{organization.name}: {count} responses cleared")
        total = sum(cleared.values())
        self.stdout.write(f"Done: {total} responses cleared in {len(cleared)} organisations.")
        addresses = contact_addresses_clear()
        self.stdout.write(f"Customer e-mail addresses cleared: {addresses}.")
