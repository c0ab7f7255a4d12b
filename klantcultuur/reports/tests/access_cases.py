"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from klantcultuur.reports.services import schedule_create


def url_kwargs(world) -> dict[str, dict]:
    schedule = schedule_create(
        organization=world.org, unit=None, roles=["board"], language="nl", by=world.admin
    )
    return {"reports-schedule-delete": {"code": schedule.uuid}}
