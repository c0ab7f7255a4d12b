"""The demo loader is deterministic and idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Role

pytestmark = pytest.mark.slow  # loads the demo


def snapshot() -> dict[str, list]:
    return {
        "orgs": sorted(Organization.objects.values_list("uuid", "slug", "name", "sector")),
        "units": sorted(
            OrgUnit.objects.values_list(
                "uuid", "code", "name", "kind", "office", "parent__code", "manager__uuid"
            )
        ),
        "users": sorted(
            User.objects.values_list(
                "uuid", "email", "first_name", "infix", "last_name", "password"
            )
        ),
        "members": sorted(
            Membership.objects.values_list(
                "uuid", "user__email", "role", "unit__code", "job_title", "start_date"
            )
        ),
    }


def test_loading_twice_leaves_the_same_data(db, capsys):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    out = capsys.readouterr().out
    assert "sanne.kuipers@rivierduin-demo.nl" in out
    assert "[1/" in out and "feedback …" in out  # progress while it works


def test_the_demo_organisation_is_a_realistic_dutch_housing_corporation(db):
    call_command("load_demo")
    org = Organization.objects.get(slug="rivierduin")
    units = OrgUnit.objects.filter(organization=org)
    members = Membership.objects.filter(organization=org)
    assert units.filter(kind="division").count() == 3
    assert 22 <= units.filter(kind="team").count() <= 28
    assert units.filter(kind="team", office="back").count() >= 8
    assert 250 <= members.count() <= 330
    assert set(members.values_list("role", flat=True)) == set(Role.values)
    assert units.filter(kind="team", manager__isnull=True).count() == 0
    consultant = User.objects.get(email="thomas.degraaf@rivierduin-demo.nl")
    assert consultant.memberships.count() == 2
