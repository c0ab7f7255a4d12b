"""Single sign-on with OpenID Connect against a real provider (django-oidc-provider), started
in its own process: discovery, authorisation code, token, ID token signature and userinfo
all go over HTTP, as with Microsoft Entra ID or Google."""

from __future__ import annotations

import time
import uuid
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Membership
from klantcultuur.orgs.roles import Role
from klantcultuur.sso.models import IdentityProvider, LoginPolicy, Protocol
from klantcultuur.sso.tests.idp import process

IDP_UUID = uuid.UUID("6b1f3c52-8d0e-4f7a-9c3b-2a5d7e9f1c40")
CLIENT = {
    "client_id": "klantcultuur-test",
    "client_secret": "s3cret-of-the-test-client",
    "redirect_uris": [f"http://testserver/sso/oidc/kc-{IDP_UUID.hex}/login/callback/"],
}
PASSWORD = "idp-password-123"
USERS = [
    ("alice", "alice@linge.example", "Alice", "de Vries"),
    ("nieuw", "nieuw@linge.example", "Nina", "Nieuwkomer"),
    ("charlie", "charlie@zuid.example", "Charlie", "Zuid"),
]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def idp_url(tmp_path_factory):
    config = {
        "client": CLIENT,
        "users": [
            {"username": u, "password": PASSWORD, "email": e, "first_name": f, "last_name": la}
            for u, e, f, la in USERS
        ],
    }
    proc, url = process.start(
        "klantcultuur.sso.tests.idp.oidc", config, tmp_path_factory.mktemp("oidc")
    )
    yield url
    process.stop(proc)


@pytest.fixture
def provider(world, idp_url):
    return IdentityProvider.objects.create(
        uuid=IDP_UUID,
        organization=world.org,
        protocol=Protocol.OIDC,
        name="Linge-account",
        domains="linge.example",
        oidc_server_url=idp_url,
        oidc_client_id=CLIENT["client_id"],
        oidc_client_secret=CLIENT["client_secret"],
    )


def sso_login(client, username: str, email: str):
    """The whole round trip; returns Klantcultuur's answer to the provider's redirect."""
    page = client.post(reverse("sso-find"), {"email": email})
    assert page.status_code == 200
    to_idp = client.get(page.context["go"])
    assert to_idp.status_code == 302
    back = idp_browser_login(to_idp["Location"], username)
    return client.get(f"{back.path}?{back.query}")


def idp_browser_login(authorize_url: str, username: str):
    """What the person's browser does at the provider: its password page, then back to us."""
    browser = requests.Session()
    url, data = authorize_url, None
    for _hop in range(10):
        if data is None:
            answer = browser.get(url, allow_redirects=False, timeout=10)
        else:
            answer = browser.post(url, data=data, allow_redirects=False, timeout=10)
        data = None
        if answer.status_code == 200 and "password" in answer.text:
            data = {"username": username, "password": PASSWORD}  # the provider's login form
            continue
        assert answer.status_code == 302, (answer.status_code, answer.text[:500])
        url = requests.compat.urljoin(url, answer.headers["Location"])
        if url.startswith("http://testserver/"):
            return urlsplit(url)
    raise AssertionError("the provider never sent the browser back")


def logged_in_user(client) -> User | None:
    pk = client.session.get(SESSION_KEY)
    return User.objects.get(pk=pk) if pk else None


def test_a_member_logs_in_through_the_organisations_provider(client, world, provider):
    response = sso_login(client, "alice", "alice@linge.example")
    assert response.status_code == 302
    assert logged_in_user(client) == world.members[Role.ADMIN].user
    assert client.get(reverse("front-home")).status_code == 200


def test_a_new_colleague_is_admitted_with_the_chosen_role(client, world, provider):
    provider.join_role = Role.EMPLOYEE
    provider.save()
    sso_login(client, "nieuw", "nieuw@linge.example")
    user = logged_in_user(client)
    assert user is not None and user.email == "nieuw@linge.example"
    assert (user.first_name, user.last_name) == ("Nina", "Nieuwkomer")
    membership = Membership.objects.get(user=user, organization=world.org)
    assert membership.role == Role.EMPLOYEE and membership.joined_at is not None


def test_without_admission_a_stranger_of_the_domain_is_refused(client, world, provider):
    response = sso_login(client, "nieuw", "nieuw@linge.example")
    assert response.status_code == 403
    assert logged_in_user(client) is None
    assert not User.objects.filter(email="nieuw@linge.example").exists()


def test_the_provider_cannot_log_in_an_address_outside_its_domains(client, world, provider):
    # The person logs in at the provider as charlie@zuid.example: another organisation's
    # administrator, whose domain this provider does not vouch for.
    page = client.post(reverse("sso-find"), {"email": "alice@linge.example"})
    to_idp = client.get(page.context["go"])
    back = idp_browser_login(to_idp["Location"], "charlie")
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 403
    assert logged_in_user(client) is None


def test_password_login_switched_off_sends_people_to_single_sign_on(client, world, provider):
    LoginPolicy.objects.create(organization=world.org, password_login=False)
    response = client.post(
        reverse("accounts-login"),
        {"username": "bob@linge.example", "password": "correct-horse-battery"},
    )
    assert response.status_code == 200
    assert logged_in_user(client) is None
    assert response.context["form"].sso_only
    assert "Inloggen met single sign-on" in response.content.decode()
    sso_login(client, "alice", "alice@linge.example")
    assert logged_in_user(client) == world.members[Role.ADMIN].user


def test_a_second_step_is_asked_after_single_sign_on_too(client, world, provider):
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
    )

    admin = world.members[Role.ADMIN].user
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    response = sso_login(client, "alice", "alice@linge.example")
    assert response["Location"] == reverse("mfa_authenticate")
    assert logged_in_user(client) is None
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert logged_in_user(client) == admin


def test_a_refused_single_sign_on_counts_as_a_failed_login(client, world, provider):
    from django.contrib.auth.signals import user_login_failed

    failed: list[dict] = []

    def receiver(sender, credentials, **kwargs):
        failed.append(credentials)

    user_login_failed.connect(receiver)
    try:
        sso_login(client, "nieuw", "nieuw@linge.example")
    finally:
        user_login_failed.disconnect(receiver)
    assert [c["username"] for c in failed] == ["nieuw@linge.example"]
