"""Building waves with responses for the scan's tests."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from klantcultuur.orgs.models import Organization, OrgUnit
from klantcultuur.scan import services
from klantcultuur.scan.models import QuestionnaireVersion, Response, Wave, WaveReport
from klantcultuur.scan.questionnaire import items_for


def make_wave(
    org: Organization,
    *,
    name: str = "Cultuurscan",
    version: QuestionnaireVersion | None = None,
    opens_on: date | None = None,
    closes_on: date | None = None,
    launched: bool = True,
) -> Wave:
    """A wave (launched unless told otherwise) open today by default."""
    today = timezone.localdate()
    version = version or services.standard_version()
    wave = services.wave_create(
        organization=org,
        actor=None,
        name=name,
        questionnaire=version,
        opens_on=opens_on or today - timedelta(days=3),
        closes_on=closes_on or today + timedelta(days=10),
        reminder_days=[7],
    )
    if launched:
        Wave.objects.filter(pk=wave.pk).update(launched_at=timezone.now())
        wave.refresh_from_db()
    return wave


def answers_for(wave: Wave, role: str, level: int, *, index: int = 0) -> dict[str, int]:
    """Every closed item offered to the role, around ``level`` (reverse-keyed items mirrored)."""
    out = {}
    for j, item in enumerate(items_for(wave.frozen_questionnaire, role)):
        if item["type"] == "choice":
            out[item["code"]] = 3
        elif item["type"] == "likert":
            value = min(5, max(1, level + ((index + j) % 3) - 1))
            out[item["code"]] = 6 - value if item["reverse"] else value
    return out


def add_responses(
    wave: Wave,
    unit: OrgUnit | None,
    n: int,
    *,
    role: str = "employee",
    level: int = 4,
    comment: str | None = None,
) -> None:
    """``n`` anonymous responses stored with ``unit`` (None: the organisation itself)."""
    Response.objects.bulk_create(
        [
            Response(
                wave=wave,
                unit=unit,
                role=role,
                answers=answers_for(wave, role, level, index=i),
                comments={"OPN4": f"{comment} ({i})"} if comment else {},
            )
            for i in range(n)
        ]
    )


def close_and_report(wave: Wave) -> WaveReport:
    """Close the wave (tasks run inline in tests) and return its stored report."""
    services.wave_close(wave=wave)
    return WaveReport.objects.get(wave=wave)
