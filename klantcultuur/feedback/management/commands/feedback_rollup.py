"""Check the daily roll-ups against the records, or rebuild them."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from klantcultuur.feedback import rollup
from klantcultuur.orgs.models import Organization


class Command(BaseCommand):
    help = "Check (default) or --rebuild the feedback roll-ups of every (or one) organisation."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Recompute from the records.")
        parser.add_argument("--organization", help="Only this organisation (its short name).")

    def handle(self, *args, rebuild: bool = False, organization: str | None = None, **options):
        organizations = Organization.objects.all()
        if organization:
            organizations = organizations.filter(slug=organization)
        problems = 0
        for org in organizations:
            if rebuild:
                rows = rollup.rebuild(org.id)
                self.stdout.write(f"{org.name}: rebuilt ({rows} rows)")
                continue
            found = rollup.differences(org.id)
            problems += len(found)
            self.stdout.write(
                f"{org.name}: {'agrees' if not found else f'{len(found)} differences'}"
            )
            for line in found[:20]:
                self.stdout.write(f"  {line}")
        if problems:
            raise CommandError(f"{problems} differences; run with --rebuild to repair.")
