"""The journeys demo on a small Rivierduin: three journeys, a held review, actions on boards."""

from __future__ import annotations

import pytest

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.journeys import demo
from klantcultuur.journeys.models import BusinessCase, Journey, Review, Step
from klantcultuur.orgs.demo import ORG_SLUG
from klantcultuur.orgs.models import Office, Organization, OrgUnit, UnitKind
from klantcultuur.orgs.roles import Role
from klantcultuur.testing import make_member

pytestmark = pytest.mark.django_db


def _rivierduin():
    org = Organization.objects.create(name="Woonstichting Rivierduin", slug=ORG_SLUG)
    codes = {row[2] for rows in demo.JOURNEYS.values() for row in rows}
    for code in sorted(codes):
        OrgUnit.objects.create(
            organization=org, code=code, name=code, kind=UnitKind.TEAM, office=Office.FRONT
        )
    make_member(org, "bestuur@rivierduin.example", Role.BOARD)
    make_member(org, "cx@rivierduin.example", Role.CX_LEAD)
    return org


def test_the_demo_loads_three_journeys_a_held_review_and_actions_once():
    org = _rivierduin()
    assert demo.load().startswith("3 journeys")
    assert Journey.objects.filter(organization=org).count() == 3
    assert Step.objects.filter(journey__organization=org, is_internal=True).exists()
    assert Step.objects.filter(journey__organization=org, moment_of_truth=True).exists()
    held = Review.objects.get(organization=org, status="held")
    assert held.agenda and held.decisions.count() == 2
    teams = set(ImprovementAction.objects.values_list("team__code", flat=True))
    assert teams == {"V-RO-Z", "V-RO-P"}
    assert Review.objects.filter(organization=org, status="planned").count() == 3
    assert BusinessCase.objects.filter(organization=org).exists()
    assert demo.load() == "already loaded"
    assert Journey.objects.filter(organization=org).count() == 3
