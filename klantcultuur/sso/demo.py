"""Demo: Rivierduin's Microsoft Entra ID, filled in but not in use, and a login policy that
keeps passwords and asks no second step, so that the printed demo logins work as printed."""

from __future__ import annotations

from django.db import transaction

from klantcultuur.orgs.demo import DOMAIN, ORG_SLUG
from klantcultuur.orgs.models import Organization
from klantcultuur.orgs.roles import Role
from klantcultuur.sso.models import IdentityProvider, LoginPolicy, MfaRequirement, Protocol

TENANT = "5f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f"


@transaction.atomic
def load() -> str:
    org = Organization.objects.filter(slug=ORG_SLUG).first()
    if org is None:
        return ""
    _idp, created = IdentityProvider.objects.get_or_create(
        organization=org,
        name="Microsoft (Rivierduin-account)",
        defaults={
            "protocol": Protocol.OIDC,
            "enabled": False,
            "domains": DOMAIN,
            "join_role": Role.EMPLOYEE,
            "oidc_server_url": f"https://login.microsoftonline.com/{TENANT}/v2.0",
            "oidc_client_id": "0c9e7a51-3b2d-4f6e-8a1c-rivierduin-demo",
            "oidc_client_secret": "demo-geheim-vervang-door-het-echte",
        },
    )
    LoginPolicy.objects.get_or_create(
        organization=org, defaults={"password_login": True, "mfa_required": MfaRequirement.NOBODY}
    )
    return "Entra ID filled in, not in use" if created else "already loaded"
