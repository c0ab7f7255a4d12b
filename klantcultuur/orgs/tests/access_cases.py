"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from klantcultuur.orgs.models import PeopleImport


def url_kwargs(world) -> dict[str, dict]:
    job = PeopleImport.objects.create(
        organization=world.org, filename="hr.csv", content=b"e-mail;voornaam\nx@y.nl;X\n"
    )
    unit = {"code": world.team.uuid}
    member = {"code": world.employee.uuid}
    imported = {"code": job.uuid}
    return {
        "orgs-unit": unit,
        "orgs-unit-edit": unit,
        "orgs-unit-archive": unit,
        "orgs-unit-restore": unit,
        "orgs-person": member,
        "orgs-person-resend": member,
        "orgs-person-remove": member,
        "orgs-import-detail": imported,
        "orgs-import-start": imported,
        "orgs-import-progress": imported,
        "orgs-import-report": imported,
    }
