"""Load the demo organisation and every capability's demo data (idempotent)."""

from __future__ import annotations

import time
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
        loaders = demo_loaders()
        total = len(loaders) + 1
        # Each step says what it starts before it works (the feedback step takes a while).
        self.step(1, total, "organisation, units and people")
        logins = org_demo.load()
        self.stdout.write(self.style.SUCCESS("Demo organisation: Woonstichting Rivierduin"))
        for number, (_order, label, module) in enumerate(loaders, start=2):
            self.step(number, total, label)
            started = time.monotonic()
            summary = module.load()
            if summary:
                self.stdout.write(f"  {label}: {summary} ({time.monotonic() - started:.1f} s)")
        self.stdout.write("")
        self.stdout.write("Log in on http://127.0.0.1:8000 with one of these demo accounts")
        self.stdout.write(f"(password for all: {org_demo.PASSWORD})")
        labels = {
            "admin": "beheerder",
            "board": "directie",
            "manager": "leidinggevende",
            "employee": "medewerker",
            "hr": "HR",
            "cx_lead": "CX-lead (ook Thuiszorg Lingehof)",
        }
        for key, email in logins.items():
            self.stdout.write(f"  {labels[key]:<34} {email}")

    def step(self, number: int, total: int, what: str) -> None:
        self.stdout.write(f"[{number}/{total}] {what} …")
        self.stdout.flush()
