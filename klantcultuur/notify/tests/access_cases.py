"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from klantcultuur.notify.models import Delivery


def url_kwargs(world) -> dict[str, dict]:
    delivery = Delivery.objects.create(
        organization=world.org,
        channel="email",
        to="mila@linge.example",
        subject="Terugbellen",
        body="-",
    )
    return {"notify-retry": {"code": delivery.uuid}}
