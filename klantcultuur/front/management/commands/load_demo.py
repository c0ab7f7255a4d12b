"""Load the demo organisation and every capability's demo data (idempotent)."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.core.management.base import BaseCommand

from klantcultuur.orgs import demo as org_demo


def demo_loaders() -> list[tuple[int, str, ModuleType]]:
    """Each app may declare `demo_module` (and `demo_order`) on its AppConfig."""
    found = []
    for config in apps.get_app_configs():
        module = getattr(config, "demo_module", None)
        if module:
            found.append((getattr(config, "demo_order", 50), config.label, import_module(module)))
    return sorted(found, key=lambda item: item[:2])


class Command(BaseCommand):
    help = "Create or refresh the demo organisation Woonstichting Rivierduin; safe to run twice."

    def handle(self, *args, **options) -> None:
        logins = org_demo.load()
        self.stdout.write(self.style.SUCCESS("Demo organisation: Woonstichting Rivierduin"))
        for _order, label, module in demo_loaders():
            summary = module.load()
            if summary:
                self.stdout.write(f"  {label}: {summary}")
        self.stdout.write("")
        self.stdout.write("Log in on http://127.0.0.1:8000 with one of these demo accounts")
        self.stdout.write(f"(password for all: {org_demo.PASSWORD})")
        labels = {"admin": "beheerder", "board": "directie", "manager": "leidinggevende",
                  "employee": "medewerker", "hr": "HR", "cx_lead": "CX-lead (ook Thuiszorg Lingehof)"}  # fmt: skip
        for key, email in logins.items():
            self.stdout.write(f"  {labels[key]:<34} {email}")
