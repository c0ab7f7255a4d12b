from __future__ import annotations

import pytest

from klantcultuur.hrm import demo
from klantcultuur.hrm.models import HrDocument, Process
from klantcultuur.orgs.demo import ORG_SLUG
from klantcultuur.orgs.models import Organization
from klantcultuur.orgs.roles import Role
from klantcultuur.testing import make_member

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_document_for_every_hr_process_and_loads_once():
    org = Organization.objects.create(name="Woonstichting Rivierduin", slug=ORG_SLUG)
    make_member(org, "hr@rivierduin.example", Role.HR)
    assert demo.load() == "8 HR documents"
    assert set(HrDocument.objects.values_list("process", flat=True)) == set(Process.values)
    assert HrDocument.objects.exclude(action="").filter(action_owner__isnull=False).exists()
    assert demo.load() == "already loaded"
    assert HrDocument.objects.count() == 8
