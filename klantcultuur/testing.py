"""The shared cast of every access test (as healthchecks' hc/test.py).

`build_world()` creates organisation A with a small unit tree and one member per role,
plus organisation B with its own administrator: the outsider, who must get a 404 for
everything of A.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field

import pytest

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Membership, Office, Organization, OrgUnit, Sector, UnitKind
from klantcultuur.orgs.roles import Role


@dataclass
class World:
    org: Organization
    other_org: Organization
    division: OrgUnit
    department: OrgUnit
    team: OrgUnit  # front office, led by `manager`, home of `employee`
    back_team: OrgUnit  # back office, in the same department
    other_team: OrgUnit  # in organisation B
    members: dict[str, Membership] = field(default_factory=dict)  # by role
    outsider: Membership | None = None  # administrator of organisation B

    def __getattr__(self, name: str) -> Membership:
        members = self.__dict__.get("members", {})
        if name in members:
            return members[name]
        raise AttributeError(name)


def make_member(
    org: Organization, email: str, role: str, unit: OrgUnit | None = None, **names
) -> Membership:
    user = User.objects.create_user(email, password="correct-horse-battery", **names)
    return Membership.objects.create(user=user, organization=org, role=role, unit=unit)


def build_world() -> World:
    org = Organization.objects.create(
        name="Woonstichting De Linge", slug="de-linge", sector=Sector.HOUSING
    )
    other = Organization.objects.create(
        name="Zorgverzekeraar Zuid", slug="zz", sector=Sector.HEALTH_INSURANCE
    )
    division = OrgUnit.objects.create(
        organization=org, name="Wonen", code="W", kind=UnitKind.DIVISION
    )
    department = OrgUnit.objects.create(
        organization=org,
        parent=division,
        name="Klantcontact",
        code="W-KC",
        kind=UnitKind.DEPARTMENT,
    )
    team = OrgUnit.objects.create(
        organization=org,
        parent=department,
        name="Klantcontactcentrum",
        code="W-KC-1",
        kind=UnitKind.TEAM,
    )
    back_team = OrgUnit.objects.create(
        organization=org,
        parent=department,
        name="Planning",
        code="W-KC-2",
        kind=UnitKind.TEAM,
        office=Office.BACK,
    )
    other_team = OrgUnit.objects.create(
        organization=other, name="Declaraties", code="D", kind=UnitKind.TEAM
    )
    world = World(org, other, division, department, team, back_team, other_team)
    people = {
        Role.ADMIN: ("alice@linge.example", "Alice", "de Vries", None),
        Role.BOARD: ("dirk@linge.example", "Dirk", "Bakker", None),
        Role.MANAGER: ("mila@linge.example", "Mila", "Jansen", team),
        Role.EMPLOYEE: ("bob@linge.example", "Bob", "Visser", team),
        Role.HR: ("hanna@linge.example", "Hanna", "Smit", None),
        Role.CX_LEAD: ("cees@linge.example", "Cees", "Mulder", None),
    }
    for role, (email, first, last, unit) in people.items():
        world.members[str(role)] = make_member(
            org, email, role, unit, first_name=first, last_name=last
        )
    team.manager = world.members[Role.MANAGER]
    team.save(update_fields=["manager"])
    world.outsider = make_member(
        other, "charlie@zuid.example", Role.ADMIN, other_team, first_name="Charlie"
    )
    return world


def service_reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def require_service(name: str, available: bool) -> None:
    """Skip a test whose service is missing, or fail under CI (REQUIRE_SERVICES=1)."""
    if available:
        return
    message = f"{name} is not available"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(message + " (REQUIRE_SERVICES=1)")
    pytest.skip(message)
