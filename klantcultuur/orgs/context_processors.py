"""Template context about the current organisation and what the user may do there."""

from __future__ import annotations

from klantcultuur.orgs.roles import Perm


def organization(request) -> dict:
    membership = getattr(request, "membership", None)
    perms = {p.value: bool(membership and membership.has_perm(p)) for p in Perm}
    return {
        "current_organization": getattr(request, "organization", None),
        "current_membership": membership,
        "user_memberships": getattr(request, "memberships", []),
        "org_perms": perms,
    }
