"""The request as the tenant middleware leaves it, for type checkers and readers."""

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
