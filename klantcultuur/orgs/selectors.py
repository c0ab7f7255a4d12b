"""Reads of the organisation's people and units that views (and other apps) share.

Each is one query whatever the size of the organisation.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Role
from klantcultuur.orgs.tree import UnitTree


def memberships_of(user: User) -> list[Membership]:
    """The user's active memberships with their organisation and unit, by organisation name."""
    return list(
        Membership.objects.active()
        .filter(user=user)
        .select_related("organization", "unit")
        .order_by("organization__name")
    )


def colleagues(organization: Organization, *, query: str = "", role: str = "") -> QuerySet:
    """Active members by name, found by name, e-mail, unit or job title, and role."""
    members = (
        Membership.objects.active()
        .filter(organization=organization)
        .select_related("user", "unit")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    if query:
        members = members.filter(
            Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(unit__name__icontains=query)
            | Q(job_title__icontains=query)
        )
    if role in Role.values:
        members = members.filter(role=role)
    return members


def unit_members(unit: OrgUnit) -> QuerySet:
    """The unit's own active members (not those of units below it), by name."""
    return (
        Membership.objects.active()
        .filter(unit=unit)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def units_with_member_counts(organization: Organization) -> dict[int, OrgUnit]:
    """Every unit (archived ones too) with its manager and `n_members`, by id."""
    return {
        u.id: u
        for u in OrgUnit.objects.filter(organization=organization)
        .select_related("manager__user")
        .annotate(n_members=Count("members", filter=Q(members__archived_at__isnull=True)))
    }


def member_count(organization: Organization) -> int:
    return Membership.objects.active().filter(organization=organization).count()


def uninvited_count(organization: Organization) -> int:
    """Active members who have no password and were never sent an invitation."""
    return sum(
        1
        for m in Membership.objects.active()
        .filter(organization=organization, invited_at__isnull=True)
        .select_related("user")
        if not m.user.has_usable_password()
    )


def ancestors(tree: UnitTree, unit_id: int) -> list[OrgUnit]:
    """The units above a unit, from the top down (a breadcrumb)."""
    found = OrgUnit.objects.in_bulk(tree.ancestors(unit_id))
    return [found[i] for i in reversed(tree.ancestors(unit_id)) if i in found]
