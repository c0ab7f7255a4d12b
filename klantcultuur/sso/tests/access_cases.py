"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from klantcultuur.orgs.roles import Role
from klantcultuur.sso.models import IdentityProvider, Protocol
from klantcultuur.sso.tests.keys import software_key_credential


def url_kwargs(world) -> dict[str, dict]:
    idp = IdentityProvider.objects.create(
        organization=world.org,
        protocol=Protocol.OIDC,
        name="Microsoft",
        domains="linge.example",
        oidc_server_url="https://login.microsoftonline.com/0000/v2.0",
        oidc_client_id="klantcultuur",
        oidc_client_secret="geheim",
    )
    # A security key of the administrator (the access test opens every page as them).
    key = Authenticator.objects.create(
        user=world.members[Role.ADMIN].user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Sleutel", "credential": software_key_credential()},
    )
    # Also an authenticator app
    # and recovery codes: the pages that switch them off or show them need something to show.
    admin = world.members[Role.ADMIN].user
    TOTP.activate(admin, "JBSWY3DPEHPK3PXP")
    RecoveryCodes.activate(admin)
    return {
        "sso-provider-edit": {"code": idp.uuid},
        "sso-provider-delete": {"code": idp.uuid},
        "mfa_remove_webauthn": {"pk": key.pk},
    }
