"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from klantcultuur.hrm.services.documents import document_add
from klantcultuur.hrm.services.onboarding import path_start, room_add


def url_kwargs(world) -> dict[str, dict]:
    document = document_add(
        by=world.hr,
        process="onboarding",
        title="Inwerkprogramma",
        text="Je leert in week 1 de klantbeloftes kennen.",
    )
    room = room_add(
        organization=world.org,
        role="employee",
        job_title="",
        what="Een extra bezoek inplannen",
        amount=None,
    )
    path = path_start(membership=world.employee)
    return {
        "hrm-document": {"code": document.uuid},
        "hrm-room-delete": {"code": room.uuid},
        "hrm-room-block": {"code": world.team.uuid},
        "hrm-path": {"code": path.uuid},
    }
