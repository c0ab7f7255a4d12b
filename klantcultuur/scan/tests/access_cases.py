"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from klantcultuur.scan import services
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave


def url_kwargs(world) -> dict[str, dict]:
    # The organisation's own copy: a standard version is shared by every organisation.
    own = services.questionnaire_copy_create(organization=world.org, actor=None)
    closed = make_wave(world.org, name="Cultuurscan 2025", version=own)
    add_responses(closed, world.team, 12)
    add_responses(closed, world.back_team, 6, level=3)
    add_responses(closed, world.department, 2, role="manager")
    close_and_report(closed)
    running = make_wave(world.org, name="Pulsmeting")
    link = services.open_link_create(wave=running, unit=world.team, actor=None)
    wave = {"code": closed.uuid}
    open_wave = {"code": running.uuid}
    return {
        "scan-version": {"code": own.uuid},
        "scan-wave": open_wave,
        "scan-wave-edit": open_wave,
        "scan-wave-launch": open_wave,
        "scan-wave-remind": open_wave,
        "scan-wave-close": open_wave,
        "scan-wave-compute": wave,
        "scan-wave-progress": wave,
        "scan-link-create": open_wave,
        "scan-link-toggle": {"code": link.uuid},
        "scan-link-qr": {"code": link.uuid},
        "scan-report": wave,
        "scan-heatmap": wave,
        "scan-unit": {"code": closed.uuid, "unit": world.team.uuid},
        "scan-comparison": wave,
        "scan-comments": wave,
        "scan-summary": wave,
        "scan-chart": {"code": closed.uuid, "name": "radar"},
        "scan-export-csv": wave,
        "scan-export-xlsx": wave,
    }
