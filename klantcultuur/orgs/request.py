"""The request as the tenant middleware leaves it, for type checkers and readers.

`OrgRequest` is any request after the middleware; `MemberRequest` is one that
`member_required` let through, so its organisation and membership are there.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Membership, Organization


class OrgRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
    organization: Organization | None  # the organisation the user works in now
    membership: Membership | None  # the user's membership of that organisation
    memberships: list[Membership]  # all active memberships, for the switcher


class MemberRequest(OrgRequest):
    """A request of a member of the current organisation (views under `member_required`)."""

    organization: Organization
    membership: Membership
