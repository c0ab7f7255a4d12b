"""The administrator's login settings: identity providers and the login policy; finding
one's provider by e-mail address."""

from __future__ import annotations

import pytest
from django.urls import reverse

from klantcultuur.orgs.roles import Role
from klantcultuur.sso.models import IdentityProvider, LoginPolicy, MfaRequirement, Protocol

OIDC = {
    "protocol": "oidc",
    "name": "Microsoft",
    "enabled": "on",
    "domains": "linge.example, @Linge-Zorg.example",
    "join_role": "employee",
    "oidc_server_url": "https://login.microsoftonline.com/1234/v2.0",
    "oidc_client_id": "abc",
    "oidc_client_secret": "geheim",
}
PEM = "-----BEGIN CERTIFICATE-----\nMIIB\nabcd\n-----END CERTIFICATE-----\n"


def make_provider(org, **fields) -> IdentityProvider:
    values = {
        "protocol": Protocol.OIDC,
        "name": "Microsoft",
        "domains": "linge.example",
        "oidc_server_url": "https://login.microsoftonline.com/1234/v2.0",
        "oidc_client_id": "abc",
        "oidc_client_secret": "geheim",
        **fields,
    }
    return IdentityProvider.objects.create(organization=org, **values)


@pytest.fixture
def admin(login, world):
    return login(world.members[Role.ADMIN])


def test_the_administrator_adds_an_openid_connect_provider(admin, world):
    response = admin.post(reverse("sso-provider-new"), OIDC)
    assert response.status_code == 302
    idp = IdentityProvider.objects.get(organization=world.org)
    assert idp.domain_list() == ["linge-zorg.example", "linge.example"]
    assert idp.join_role == Role.EMPLOYEE
    page = admin.get(reverse("sso-settings")).content.decode()
    # What to enter at Entra ID / Google: the redirect URI of this provider.
    assert f"/sso/oidc/kc-{idp.uuid.hex}/login/callback/" in page


def test_a_saml_provider_needs_its_certificate_and_keeps_only_its_body(admin, world):
    data = {"protocol": "saml", "name": "ADFS", "enabled": "on", "domains": "linge.example"}
    response = admin.post(reverse("sso-provider-new"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "saml_entity_id",
        "saml_sso_url",
        "saml_x509cert",
    }
    data |= {
        "saml_entity_id": "https://adfs.linge.example/adfs/services/trust",
        "saml_sso_url": "https://adfs.linge.example/adfs/ls/",
        "saml_x509cert": PEM,
    }
    assert admin.post(reverse("sso-provider-new"), data).status_code == 302
    idp = IdentityProvider.objects.get(organization=world.org)
    assert idp.saml_x509cert == "MIIBabcd"
    page = admin.get(reverse("sso-settings")).content.decode()
    assert f"/sso/saml/{idp.uuid}/acs/" in page and f"/sso/saml/{idp.uuid}/metadata/" in page


def test_a_domain_of_another_organisation_cannot_be_claimed(admin, world):
    make_provider(world.other_org, domains="zuid.example")
    response = admin.post(reverse("sso-provider-new"), OIDC | {"domains": "Zuid.example"})
    assert response.status_code == 200
    assert "domains" in response.context["form"].errors
    assert not IdentityProvider.objects.filter(organization=world.org).exists()


def test_only_roles_the_administrator_may_give_are_offered_for_admission(admin, world):
    form = admin.get(reverse("sso-provider-new")).context["form"]
    offered = {value for value, _label in form.fields["join_role"].choices}
    assert offered == {"", *Role.values}  # an administrator may give every role
    response = admin.post(reverse("sso-provider-new"), OIDC | {"join_role": "owner"})
    assert "join_role" in response.context["form"].errors


def test_the_join_role_choices_follow_may_grant(world):
    from klantcultuur.sso.forms import IdentityProviderForm

    form = IdentityProviderForm(organization=world.org, actor_role=Role.HR)
    offered = {value for value, _label in form.fields["join_role"].choices}
    assert offered == {"", Role.EMPLOYEE, Role.HR}
    form = IdentityProviderForm(
        OIDC | {"join_role": Role.ADMIN}, organization=world.org, actor_role=Role.HR
    )
    assert not form.is_valid() and "join_role" in form.errors


def test_password_login_cannot_be_switched_off_without_single_sign_on(admin, world):
    data = {"mfa_required": MfaRequirement.ADMINS}  # password_login unticked
    response = admin.post(reverse("sso-settings"), data)
    assert response.status_code == 200
    assert not LoginPolicy.objects.filter(organization=world.org).exists()
    make_provider(world.org)
    assert admin.post(reverse("sso-settings"), data).status_code == 302
    policy = LoginPolicy.objects.get(organization=world.org)
    assert not policy.password_login and policy.mfa_required == MfaRequirement.ADMINS


def test_removing_the_last_provider_switches_password_login_on_again(admin, world):
    idp = make_provider(world.org)
    LoginPolicy.objects.create(organization=world.org, password_login=False)
    assert admin.post(reverse("sso-provider-delete", args=[idp.uuid])).status_code == 302
    assert LoginPolicy.objects.get(organization=world.org).password_login


def test_switching_the_last_provider_off_switches_password_login_on_again(admin, world):
    idp = make_provider(world.org)
    LoginPolicy.objects.create(organization=world.org, password_login=False)
    data = OIDC | {"domains": "linge.example"}
    del data["enabled"]
    assert admin.post(reverse("sso-provider-edit", args=[idp.uuid]), data).status_code == 302
    assert LoginPolicy.objects.get(organization=world.org).password_login


def test_another_organisations_provider_is_not_found(admin, world):
    idp = make_provider(world.other_org, domains="zuid.example")
    assert admin.get(reverse("sso-provider-edit", args=[idp.uuid])).status_code == 404
    assert admin.post(reverse("sso-provider-delete", args=[idp.uuid])).status_code == 404
    assert IdentityProvider.objects.filter(pk=idp.pk).exists()


def test_a_member_without_the_settings_permission_gets_403(login, world):
    idp = make_provider(world.org)
    client = login(world.members[Role.HR])
    assert client.get(reverse("sso-settings")).status_code == 403
    assert client.get(reverse("sso-provider-edit", args=[idp.uuid])).status_code == 403
    assert client.post(reverse("sso-provider-new"), OIDC).status_code == 403


def test_the_work_address_leads_to_the_providers_button(client, world):
    idp = make_provider(world.org, domains="linge.example")
    response = client.post(reverse("sso-find"), {"email": "Bob@Linge.example"})
    assert response.status_code == 200
    assert response.context["idp"] == idp
    assert reverse("sso-go", args=[idp.uuid]) in response.content.decode()
    unknown = client.post(reverse("sso-find"), {"email": "iemand@elders.example"})
    assert unknown.status_code == 200 and "email" in unknown.context["form"].errors


def test_a_switched_off_provider_is_not_offered(client, world):
    idp = make_provider(world.org, enabled=False)
    assert client.get(reverse("sso-provider", args=[idp.uuid])).status_code == 404
    assert client.get(reverse("sso-go", args=[idp.uuid])).status_code == 404
    response = client.post(reverse("sso-find"), {"email": "bob@linge.example"})
    assert "email" in response.context["form"].errors


def test_the_login_page_offers_single_sign_on(client):
    page = client.get(reverse("accounts-login")).content.decode()
    assert reverse("sso-find") in page


def test_a_client_id_belongs_to_one_provider(admin, world):
    make_provider(world.other_org, domains="zuid.example", oidc_client_id="abc")
    response = admin.post(reverse("sso-provider-new"), OIDC)
    assert "oidc_client_id" in response.context["form"].errors


def test_a_right_password_refused_for_single_sign_on_is_a_failed_login(client, world):
    from django.contrib.auth.signals import user_login_failed

    make_provider(world.org)
    LoginPolicy.objects.create(organization=world.org, password_login=False)
    failed: list[dict] = []

    def receiver(sender, credentials, **kwargs):
        failed.append(credentials)

    user_login_failed.connect(receiver)
    try:
        response = client.post(
            reverse("accounts-login"),
            {"username": "bob@linge.example", "password": "correct-horse-battery"},
        )
    finally:
        user_login_failed.disconnect(receiver)
    assert response.context["form"].sso_only
    assert "Woonstichting De Linge logt in met single sign-on" in response.content.decode()
    assert [c["username"] for c in failed] == ["bob@linge.example"]


def test_another_organisations_password_rule_does_not_reach_its_people(client, world):
    make_provider(world.other_org, domains="zuid.example")
    LoginPolicy.objects.create(organization=world.other_org, password_login=False)
    response = client.post(
        reverse("accounts-login"),
        {"username": "bob@linge.example", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
