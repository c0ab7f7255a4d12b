"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from klantcultuur.hrm.services.documents import document_add


def url_kwargs(world) -> dict[str, dict]:
    document = document_add(
        by=world.hr,
        process="onboarding",
        title="Inwerkprogramma",
        text="Je leert in week 1 de klantbeloftes kennen.",
    )
    return {"hrm-document": {"code": document.uuid}}
