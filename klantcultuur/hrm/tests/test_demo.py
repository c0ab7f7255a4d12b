from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from klantcultuur.hrm import demo
from klantcultuur.hrm.models import HrDocument, OnboardingPath, Process, RoomToDecide
from klantcultuur.huddle.models import Huddle
from klantcultuur.orgs.demo import ORG_SLUG, recent_joiners_add
from klantcultuur.orgs.models import Organization, OrgUnit, UnitKind
from klantcultuur.orgs.roles import Role
from klantcultuur.testing import make_member

pytestmark = pytest.mark.django_db


def test_the_demo_has_hr_documents_rooms_and_newcomers_and_loads_once():
    org = Organization.objects.create(name="Woonstichting Rivierduin", slug=ORG_SLUG)
    make_member(org, "hr@rivierduin.example", Role.HR)
    team = OrgUnit.objects.create(
        organization=org, name="Klantcontactcentrum Team B", code="W-KC-B", kind=UnitKind.TEAM
    )
    colleague = make_member(org, "ans@rivierduin.example", Role.EMPLOYEE, team, first_name="Ans")
    today = timezone.localdate()
    for days in (40, 30, 20, 10):
        Huddle.objects.create(organization=org, unit=team, day=today - timedelta(days=days))
    recent_joiners_add(org)  # the organisation's demo makes its recent joiners
    assert demo.load() == "16 HR documents, 6 rooms to decide, 1 onboarding paths"
    assert set(HrDocument.objects.values_list("process", flat=True)) == set(Process.values)
    assert HrDocument.objects.exclude(action="").filter(action_owner__isnull=False).exists()
    # Every process has a version from before the first scan.
    older = HrDocument.objects.filter(created_at__date__lt="2025-10-01")
    assert set(older.values_list("process", flat=True)) == set(Process.values)
    assert set(RoomToDecide.objects.values_list("role", "job_title")) == {
        ("employee", "Klantadviseur"),
        ("employee", "Allround onderhoudsmonteur"),
        ("manager", ""),
    }
    path = OnboardingPath.objects.get()
    assert path.membership.user.first_name == "Lotte" and path.buddy == colleague
    assert path.completed_on is not None  # every step ticked and three dagstarts attended
    assert demo.load() == "already loaded"
    assert HrDocument.objects.count() == 16
    assert OnboardingPath.objects.count() == 1
