"""django-allauth, fitted to Klantcultuur: apps from each organisation's identity providers,
people matched by e-mail within the provider's domains, admission by domain with a role."""

from __future__ import annotations

import time
from typing import Any, NoReturn

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Membership
from klantcultuur.sso.models import IdentityProvider, Protocol

# The usual names of the e-mail and name attributes: Entra ID, Google, ADFS, Keycloak, pysaml2.
SAML_ATTRIBUTES = {
    "uid": ["urn:oasis:names:tc:SAML:attribute:subject-id"],
    "email": [
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "urn:oid:0.9.2342.19200300.100.1.3",
        "mail",
        "email",
        "emailAddress",
    ],
    "first_name": [
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
        "urn:oid:2.5.4.42",
        "givenName",
        "first_name",
    ],
    "last_name": [
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
        "urn:oid:2.5.4.4",
        "sn",
        "surName",
        "last_name",
    ],
}


def social_app(idp: IdentityProvider) -> SocialApp:
    """The (unsaved) allauth app of an identity provider."""
    settings: dict[str, Any] = {"idp_uuid": str(idp.uuid)}
    if idp.protocol == Protocol.OIDC:
        settings["server_url"] = idp.oidc_server_url
        return SocialApp(
            provider="openid_connect",
            provider_id=idp.provider_id,
            name=idp.name,
            client_id=idp.oidc_client_id,
            secret=idp.oidc_client_secret,
            settings=settings,
        )
    settings["idp"] = {
        "entity_id": idp.saml_entity_id,
        "sso_url": idp.saml_sso_url,
        "x509cert": idp.saml_x509cert,
    }
    settings["attribute_mapping"] = SAML_ATTRIBUTES
    return SocialApp(
        provider="saml",
        provider_id=idp.provider_id,
        name=idp.name,
        client_id=str(idp.uuid),  # the "organisation slug" in allauth's SAML URLs
        settings=settings,
    )


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Nobody signs up with a password: people are invited, imported or admitted by SSO.
        return False

    def is_reauthentication_required(self, app: str = "") -> bool:
        # A login of the last few minutes counts as a fresh proof, so that setting up the
        # second step right after logging in does not ask for the password again.
        request = context.request
        records = get_authentication_records(request, request.user)
        if records and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT:
            return False
        return super().is_reauthentication_required(app=app)

    def login(self, request: HttpRequest, user: Any) -> None:
        if not hasattr(user, "backend"):
            user.backend = "django.contrib.auth.backends.ModelBackend"
        super().login(request, user)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(
        self, request: HttpRequest | None, provider: str | None = None, client_id=None
    ) -> list[SocialApp]:
        providers = IdentityProvider.objects.filter(enabled=True)
        if provider and provider.startswith("kc-"):
            providers = providers.filter(uuid=_uuid_or_none(provider.removeprefix("kc-")))
        elif provider == "saml":
            providers = providers.filter(protocol=Protocol.SAML)
            if client_id:
                providers = providers.filter(uuid=_uuid_or_none(client_id))
        elif provider == "openid_connect":
            # A login resumed after its second step names the provider by class and client ID
            # (client IDs are unique: see IdentityProviderForm).
            providers = providers.filter(protocol=Protocol.OIDC)
            if client_id:
                providers = providers.filter(oidc_client_id=client_id)
        elif provider:
            return []
        return [social_app(idp) for idp in providers]

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        # pre_social_login has already refused everyone who may not be admitted.
        return True

    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return True

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = (user.email or "").strip().lower()
        return user

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        idp = _identity_provider(sociallogin)
        email = _email(sociallogin)
        if idp is None:
            _refuse(request, email, _("This single sign-on is no longer in use."))
        if not email or email.rpartition("@")[2] not in idp.domain_list():
            _refuse(
                request,
                email,
                _("%(provider)s vouches only for addresses in %(domains)s.")
                % {"provider": idp.name, "domains": ", ".join(idp.domain_list())},
            )
        user = sociallogin.user if sociallogin.is_existing else None
        if user is None:
            user = User.objects.filter(email=email).first()
        if user is None:
            if not idp.join_role:
                _refuse(request, email, _("You have no account yet: ask your administrator."))
            return  # allauth signs them up; save_user makes them a member
        if not user.is_active:
            _refuse(request, email, _("This account is switched off."))
        membership = Membership.objects.filter(user=user, organization=idp.organization).first()
        if membership is None and idp.join_role and not user.memberships.exists():
            membership = _admit(user, idp)
        if membership is None or membership.archived_at is not None:
            _refuse(
                request,
                email,
                _("You are not a member of %(organization)s.")
                % {"organization": idp.organization.name},
            )
        others = Membership.objects.filter(user=user).exclude(pk=membership.pk)
        if membership.joined_at is None and others.exists():
            # An invitation the person has not accepted vouches for nothing: otherwise any
            # organisation could invite someone of another one and log in as them.
            _refuse(request, email, _("Accept your invitation first, with your password."))
        if membership.joined_at is None:
            membership.joined_at = timezone.now()
            membership.save(update_fields=["joined_at"])
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form=None):
        user = super().save_user(request, sociallogin, form)
        idp = _identity_provider(sociallogin)
        if idp is not None and idp.join_role:
            _admit(user, idp)
        return user


def _uuid_or_none(text: str):
    import uuid

    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _identity_provider(sociallogin: SocialLogin) -> IdentityProvider | None:
    app = sociallogin.provider.app
    uid = _uuid_or_none((app.settings or {}).get("idp_uuid", ""))
    return (
        IdentityProvider.objects.filter(uuid=uid, enabled=True)
        .select_related("organization")
        .first()
    )


def _email(sociallogin: SocialLogin) -> str:
    email = getattr(sociallogin.user, "email", "") or ""
    if not email and sociallogin.email_addresses:
        email = sociallogin.email_addresses[0].email
    return email.strip().lower()


def _admit(user: User, idp: IdentityProvider) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user=user,
        organization=idp.organization,
        defaults={"role": idp.join_role, "joined_at": timezone.now()},
    )
    return membership


def _refuse(request: HttpRequest, email: str, reason: str) -> NoReturn:
    # A refused single sign-on is a failed login (django-axes and the audit trail count it).
    user_login_failed.send(
        sender=__name__, credentials={"username": email, "method": "sso"}, request=request
    )
    response = render(request, "sso/refused.html", {"reason": reason, "email": email}, status=403)
    raise ImmediateHttpResponse(response)
