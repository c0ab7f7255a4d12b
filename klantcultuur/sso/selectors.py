"""Reads of the login settings."""

from __future__ import annotations

from klantcultuur.orgs.models import Organization
from klantcultuur.sso.models import IdentityProvider, LoginPolicy


def login_policy(organization: Organization) -> LoginPolicy:
    """The organisation's policy; an unsaved default one when it has none yet."""
    try:
        return organization.login_policy
    except LoginPolicy.DoesNotExist:
        return LoginPolicy(organization=organization)


def provider_for_email(email: str) -> IdentityProvider | None:
    """The enabled identity provider that vouches for the domain of `email`."""
    domain = email.strip().lower().rpartition("@")[2]
    if not domain:
        return None
    candidates = IdentityProvider.objects.filter(enabled=True, domains__icontains=domain)
    return next((idp for idp in candidates if domain in idp.domain_list()), None)
