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


@pytest.mark.django_db
def test_the_demo_has_shared_wins_an_interest_analysis_measured_twice_and_visits():
    from django.utils import timezone

    from klantcultuur.programme import selectors
    from klantcultuur.programme.models import Position, SharedWin, Stakeholder, Visit

    call_command("load_demo")
    org = Organization.objects.get(slug=ORG_SLUG)
    assert SharedWin.objects.filter(organization=org).count() >= 2
    stakeholders = Stakeholder.objects.filter(organization=org)
    assert stakeholders.count() >= 4
    assert all(s.positions.count() == 2 for s in stakeholders)
    assert Position.objects.values("measured_on").distinct().count() == 2
    visits = Visit.objects.filter(organization=org)
    quarters = {selectors.quarter_of(v.planned_on) for v in visits}
    assert len(quarters) == 2 and visits.filter(status="done").count() >= 10
    coverage = selectors.visit_coverage(org, day=timezone.localdate())
    assert coverage.n_unvisited > 0 and coverage.rows
    assert any(r.floor.shown for r in coverage.rows)  # enough answers for some leaders
    before = (visits.count(), stakeholders.count(), SharedWin.objects.count())
    call_command("load_demo")
    assert (visits.count(), stakeholders.count(), SharedWin.objects.count()) == before
