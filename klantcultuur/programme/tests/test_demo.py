"""The programme's demo: next steps from the last scan, ambassadors with a visible gap, quick
wins with measured effects; a second load adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.orgs.demo import ORG_SLUG
from klantcultuur.orgs.models import Organization, OrgUnit, UnitKind
from klantcultuur.programme.models import Ambassador, AmbassadorStatus, NextStep, StepStatus


@pytest.mark.django_db
def test_the_demo_runs_a_programme_and_loads_once():
    call_command("load_demo")
    org = Organization.objects.get(slug=ORG_SLUG)
    steps = NextStep.objects.filter(organization=org)
    assert steps.filter(wave__isnull=False).count() == steps.count() >= 10
    assert steps.filter(status=StepStatus.DONE).exists() and steps.filter(status="open").exists()
    teams = OrgUnit.objects.filter(organization=org, kind=UnitKind.TEAM).count()
    confirmed = Ambassador.objects.filter(organization=org, status=AmbassadorStatus.CONFIRMED)
    covered = confirmed.values("unit_id").distinct().count()
    assert teams / 2 < covered < teams  # most teams, and a gap the network view shows
    assert all(a.hours_per_month for a in confirmed)
    wins = ImprovementAction.objects.filter(organization=org, is_quick_win=True)
    assert wins.filter(checks__verdict="improved").exists()
    before = (steps.count(), Ambassador.objects.count(), wins.count())
    call_command("load_demo")
    assert (steps.count(), Ambassador.objects.count(), wins.count()) == before
