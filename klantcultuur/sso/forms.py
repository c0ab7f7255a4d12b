"""The organisation's login policy and its identity providers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Organization
from klantcultuur.orgs.roles import grantable_choices
from klantcultuur.sso.models import IdentityProvider, LoginPolicy, Protocol, domain_list


class LoginPolicyForm(forms.ModelForm):
    class Meta:
        model = LoginPolicy
        fields = ["password_login", "mfa_required"]
        widgets = {"mfa_required": forms.RadioSelect}

    def __init__(self, *args: Any, has_sso: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_sso = has_sso

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password_login") is False and not self.has_sso:
            # Otherwise nobody of the organisation could log in any more.
            raise forms.ValidationError(
                _("Set up single sign-on first: without it nobody could log in."),
                code="no_sso",
            )
        return cleaned


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class IdentityProviderForm(forms.ModelForm):
    class Meta:
        formfield_callback = _formfield
        model = IdentityProvider
        fields = [
            "protocol",
            "name",
            "enabled",
            "domains",
            "join_role",
            "oidc_server_url",
            "oidc_client_id",
            "oidc_client_secret",
            "saml_entity_id",
            "saml_sso_url",
            "saml_x509cert",
        ]
        widgets = {
            "protocol": forms.RadioSelect,
            "oidc_client_secret": forms.PasswordInput(render_value=True),
            "saml_x509cert": forms.Textarea(attrs={"rows": 6}),
        }

    OIDC_FIELDS = ("oidc_server_url", "oidc_client_id", "oidc_client_secret")
    SAML_FIELDS = ("saml_entity_id", "saml_sso_url", "saml_x509cert")

    def __init__(
        self, *args: Any, organization: Organization, actor_role: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        # Admitting people with a role is giving them that role: only what the actor may give.
        choices: list[tuple[str, Any]] = [("", _("Nobody: invited people only"))]
        choices += grantable_choices(actor_role)
        join_role = self.fields["join_role"]
        assert isinstance(join_role, forms.ChoiceField)
        join_role.choices = choices
        self.allowed_roles = {value for value, _label in choices}

    def clean_domains(self) -> str:
        domains = domain_list(self.cleaned_data["domains"])
        if not domains:
            raise forms.ValidationError(_("Give at least one e-mail domain."))
        bad = [d for d in domains if "." not in d or "@" in d or " " in d]
        if bad:
            raise forms.ValidationError(
                _("Not a domain: %(domains)s") % {"domains": ", ".join(bad)}
            )
        others = IdentityProvider.objects.exclude(organization=self.organization).values_list(
            "domains", flat=True
        )
        taken = sorted(set(domains) & {d for text in others for d in domain_list(text)})
        if taken:
            raise forms.ValidationError(
                _("Another organisation already logs in with %(domains)s.")
                % {"domains": ", ".join(taken)}
            )
        return " ".join(domains)

    def clean_oidc_client_id(self) -> str:
        client_id = self.cleaned_data.get("oidc_client_id", "").strip()
        others = IdentityProvider.objects.filter(oidc_client_id=client_id)
        if client_id and others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another identity provider uses this client ID."))
        return client_id

    def clean_join_role(self) -> str:
        role = self.cleaned_data.get("join_role") or ""
        if role not in self.allowed_roles:
            raise forms.ValidationError(_("You may not give this role."), code="not_grantable")
        return role

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        protocol = cleaned.get("protocol")
        needed = self.OIDC_FIELDS if protocol == Protocol.OIDC else self.SAML_FIELDS
        for name in needed if protocol else ():
            if not cleaned.get(name):
                self.add_error(name, _("Needed for this protocol."))
        cert = cleaned.get("saml_x509cert")
        if cert:
            cleaned["saml_x509cert"] = _certificate_body(cert)
        return cleaned


def _certificate_body(text: str) -> str:
    """A PEM certificate as the base64 body python3-saml takes (headers and spaces removed)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return "".join(line for line in lines if line and not line.startswith("-----"))
