"""Attach the current organisation and membership to every request of a logged-in user."""

from __future__ import annotations

from klantcultuur.orgs import selectors
from klantcultuur.orgs.models import Membership

SESSION_KEY = "organization_uuid"


def _recency(membership: Membership) -> tuple[float, float]:
    used = membership.last_used_at.timestamp() if membership.last_used_at else 0.0
    return used, -membership.created_at.timestamp()


class CurrentOrganizationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = None
        request.membership = None
        request.memberships = []
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            memberships = selectors.memberships_of(user)
            request.memberships = memberships
            wanted = request.session.get(SESSION_KEY)
            current = next((m for m in memberships if str(m.organization.uuid) == wanted), None)
            if current is None and memberships:
                # The organisation used last, else the oldest membership.
                current = max(memberships, key=_recency)
                request.session[SESSION_KEY] = str(current.organization.uuid)
            if current is not None:
                current.user = user  # avoid a query when views read membership.user
                request.membership = current
                request.organization = current.organization
        return self.get_response(request)
