"""Single sign-on: finding one's provider, going there; the administrator's login settings;
the enrolment in a second step that an organisation requires."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klantcultuur.orgs.access import login_only, member_required, public
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.sso.access import get_identity_provider_rw_for_user
from klantcultuur.sso.adapters import social_app
from klantcultuur.sso.forms import IdentityProviderForm, LoginPolicyForm
from klantcultuur.sso.models import IdentityProvider, Protocol
from klantcultuur.sso.policy import ENROL_SESSION_KEY, has_second_step, mfa_required
from klantcultuur.sso.selectors import login_policy, provider_for_email


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Work e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@public
def find(request: HttpRequest) -> HttpResponse:
    """The work e-mail address leads to the organisation's identity provider."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        idp = provider_for_email(form.cleaned_data["email"])
        if idp is not None:
            return _continue_page(request, idp)
        form.add_error("email", _("No organisation logs in with single sign-on for this address."))
    return render(request, "sso/find.html", {"form": form, "next": _next_url(request)})


@public
def provider_page(request: HttpRequest, code: UUID) -> HttpResponse:
    """A provider's own link, which an administrator can share with their people."""
    idp = get_object_or_404(IdentityProvider, uuid=code, enabled=True)
    return _continue_page(request, idp)


def _continue_page(request: HttpRequest, idp: IdentityProvider) -> HttpResponse:
    # The step to the provider is a link, not a form: the content security policy
    # (form-action 'self') would stop a form that redirects to another site.
    go = reverse("sso-go", args=[idp.uuid])
    if next_url := _next_url(request):
        go += "?" + _query({"next": next_url})
    return render(request, "sso/continue.html", {"idp": idp, "go": go})


def _query(params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


@public
def go(request: HttpRequest, code: UUID) -> HttpResponse:
    """Off to the identity provider (allauth keeps the state in the session)."""
    idp = get_object_or_404(IdentityProvider, uuid=code, enabled=True)
    provider = social_app(idp).get_provider(request)
    return provider.redirect(request, process="login", next_url=_next_url(request) or None)


@member_required(Perm.MANAGE_SETTINGS)
def settings_page(request: MemberRequest) -> HttpResponse:
    organization = request.organization
    providers = list(organization.identity_providers.all())
    policy = login_policy(organization)
    form = LoginPolicyForm(
        request.POST or None,
        instance=policy,
        has_sso=any(idp.enabled for idp in providers),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The login settings are saved."))
        return redirect("sso-settings")
    rows = [(idp, _service_provider_details(request, idp)) for idp in providers]
    return render(request, "sso/settings.html", {"form": form, "rows": rows})


def _service_provider_details(request: HttpRequest, idp: IdentityProvider) -> list[tuple]:
    """What the administrator enters at the identity provider's side."""
    link = request.build_absolute_uri(reverse("sso-provider", args=[idp.uuid]))
    if idp.protocol == Protocol.OIDC:
        callback = reverse("openid_connect_callback", args=[idp.provider_id])
        return [
            (_("Redirect URI"), request.build_absolute_uri(callback)),
            (_("Login link for your people"), link),
        ]
    slug = str(idp.uuid)
    metadata = request.build_absolute_uri(reverse("saml_metadata", args=[slug]))
    return [
        (_("Entity ID (metadata URL)"), metadata),
        (_("Reply URL (ACS)"), request.build_absolute_uri(reverse("saml_acs", args=[slug]))),
        (_("Login link for your people"), link),
    ]


def _provider_form(request: MemberRequest, instance: IdentityProvider | None):
    assert request.membership is not None
    return IdentityProviderForm(
        request.POST or None,
        instance=instance,
        organization=request.organization,
        actor_role=request.membership.role,
    )


@member_required(Perm.MANAGE_SETTINGS)
def provider_new(request: MemberRequest) -> HttpResponse:
    form = _provider_form(request, None)
    if request.method == "POST" and form.is_valid():
        idp = form.save(commit=False)
        idp.organization = request.organization
        idp.save()
        messages.success(request, _("The identity provider is added."))
        return redirect("sso-settings")
    return render(request, "sso/provider_form.html", {"form": form, "idp": None})


@member_required(Perm.MANAGE_SETTINGS)
def provider_edit(request: MemberRequest, code: UUID) -> HttpResponse:
    idp = get_identity_provider_rw_for_user(request, code)
    form = _provider_form(request, idp)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            _keep_a_way_in(request)
        messages.success(request, _("The identity provider is saved."))
        return redirect("sso-settings")
    return render(request, "sso/provider_form.html", {"form": form, "idp": idp})


@member_required(Perm.MANAGE_SETTINGS, methods=("POST",))
def provider_delete(request: MemberRequest, code: UUID) -> HttpResponse:
    idp = get_identity_provider_rw_for_user(request, code)
    with transaction.atomic():
        idp.delete()
        _keep_a_way_in(request)
    messages.success(request, _("The identity provider is removed."))
    return redirect("sso-settings")


def _keep_a_way_in(request: MemberRequest) -> None:
    """Without an identity provider in use, password login is switched on again."""
    policy = login_policy(request.organization)
    if (
        policy.pk
        and not policy.password_login
        and not request.organization.identity_providers.filter(enabled=True).exists()
    ):
        policy.password_login = True
        policy.save(update_fields=["password_login", "updated_at"])
        messages.warning(request, _("Password login is switched on again."))


@login_only(methods=("GET",))
def mfa_enrol(request: HttpRequest) -> HttpResponse:
    """Why a second step is asked, and the ways to set one up."""
    user = request.user
    if has_second_step(user):  # type: ignore[arg-type]
        request.session.pop(ENROL_SESSION_KEY, None)
    return render(
        request,
        "sso/mfa_enrol.html",
        {
            "required": mfa_required(user),  # type: ignore[arg-type]
            "enrolled": has_second_step(user),  # type: ignore[arg-type]
        },
    )
