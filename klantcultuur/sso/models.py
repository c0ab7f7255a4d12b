"""How the people of an organisation log in: its identity providers and its login policy."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Organization
from klantcultuur.orgs.roles import Role


class MfaRequirement(models.TextChoices):
    NOBODY = "nobody", _("Nobody (everyone may turn it on)")
    ADMINS = "admins", _("Administrators")
    EVERYBODY = "everybody", _("Everybody")


class LoginPolicy(models.Model):
    """An organisation's rules for logging in; without a row, the defaults below apply."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="login_policy"
    )
    password_login = models.BooleanField(
        _("log in with a password"),
        default=True,
        help_text=_(
            "Switch off to let the organisation's people log in only through single sign-on."
        ),
    )
    mfa_required = models.CharField(
        _("two-step verification required for"),
        max_length=10,
        choices=MfaRequirement.choices,
        default=MfaRequirement.NOBODY,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("login policy")
        verbose_name_plural = _("login policies")

    def __str__(self) -> str:
        return str(self.organization)

    def requires_mfa(self, role: str) -> bool:
        """Whether a member with `role` must use a second step."""
        if self.mfa_required == MfaRequirement.EVERYBODY:
            return True
        return self.mfa_required == MfaRequirement.ADMINS and role == Role.ADMIN


class Protocol(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect (Microsoft Entra ID, Google Workspace, ...)")
    SAML = "saml", _("SAML 2.0")


class IdentityProvider(models.Model):
    """An organisation's identity provider: who may log in through it, and as what."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="identity_providers"
    )
    protocol = models.CharField(_("protocol"), max_length=4, choices=Protocol.choices)
    name = models.CharField(
        _("name on the button"), max_length=100, help_text=_("e.g. Microsoft, Google")
    )
    enabled = models.BooleanField(_("in use"), default=True)
    domains = models.CharField(
        _("e-mail domains"),
        max_length=500,
        help_text=_(
            "The e-mail domains this provider vouches for, separated by spaces "
            "(e.g. example.nl example.com). Only people with an address in these domains "
            "log in through it."
        ),
    )
    join_role = models.CharField(
        _("admit new people as"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_(
            "People of these domains who are not yet members become members with this "
            "role at their first login. Empty: only people already invited may log in."
        ),
    )
    # OpenID Connect
    oidc_server_url = models.URLField(
        _("issuer URL"),
        blank=True,
        help_text=_(
            "Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0; "
            "Google: https://accounts.google.com"
        ),
    )
    oidc_client_id = models.CharField(_("client ID"), max_length=255, blank=True)
    oidc_client_secret = models.CharField(_("client secret"), max_length=500, blank=True)
    # SAML 2.0
    saml_entity_id = models.CharField(_("IdP entity ID"), max_length=500, blank=True)
    saml_sso_url = models.URLField(_("IdP single sign-on URL"), max_length=500, blank=True)
    saml_x509cert = models.TextField(
        _("IdP signing certificate"), blank=True, help_text=_("PEM or base64")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def __str__(self) -> str:
        return self.name

    @property
    def provider_id(self) -> str:
        """The id allauth knows this provider by (in its URLs)."""
        return f"kc-{self.uuid.hex}"

    def domain_list(self) -> list[str]:
        return domain_list(self.domains)


def domain_list(text: str) -> list[str]:
    """The domains of a space- or comma-separated text, lower case, without '@'."""
    parts = text.replace(",", " ").replace(";", " ").split()
    return sorted({part.strip().lstrip("@").lower() for part in parts if part.strip("@ ")})
