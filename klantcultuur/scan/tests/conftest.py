"""Fixtures of the scan's tests: two closed waves of organisation A with stored reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from klantcultuur.orgs.models import Office, OrgUnit, UnitKind
from klantcultuur.scan.models import Wave
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave


@dataclass
class Reported:
    before: Wave
    wave: Wave
    digital: OrgUnit  # a third team, hidden to protect the small back-office team


def _wave(world, digital, name, opens_on, *, team_level, back_team):
    wave = make_wave(
        world.org, name=name, opens_on=opens_on, closes_on=opens_on + timedelta(days=14)
    )
    add_responses(wave, world.team, 12, level=team_level, comment="Meer tijd voor de huurder")
    add_responses(wave, world.back_team, back_team, level=2, comment="Minder regels")
    add_responses(wave, digital, 8, level=3, comment="Betere samenwerking")
    add_responses(wave, world.department, 5, role="manager", level=5)
    return wave


@pytest.fixture
def reported(world) -> Reported:
    """Klantcontact: team 12, back-office team 7 then 4, Digitaal 8, five managers attached to
    the department; the team improves from 3 to 4 between the waves."""
    digital = OrgUnit.objects.create(
        organization=world.org,
        parent=world.department,
        name="Digitaal",
        code="W-KC-3",
        kind=UnitKind.TEAM,
        office=Office.FRONT,
    )
    today = timezone.localdate()
    before = _wave(
        world, digital, "Cultuurscan 2025", today - timedelta(days=400), team_level=3, back_team=7
    )
    close_and_report(before)
    wave = _wave(
        world, digital, "Cultuurscan 2026", today - timedelta(days=30), team_level=4, back_team=4
    )
    close_and_report(wave)
    return Reported(before, Wave.objects.get(pk=wave.pk), digital)
