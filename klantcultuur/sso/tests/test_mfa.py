"""The second step: an authenticator app (TOTP), recovery codes, and an organisation that
requires it of its administrators or of everybody."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.urls import reverse

from klantcultuur.orgs.roles import Role
from klantcultuur.sso.models import LoginPolicy, MfaRequirement

PASSWORD = "correct-horse-battery"


def with_app(user) -> str:
    """An authenticator app for `user`; its secret. A new one each time: allauth refuses a
    code that was used before, and the tests run within the same 30 seconds."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def password_login(client, email: str):
    return client.post(reverse("accounts-login"), {"username": email, "password": PASSWORD})


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


@pytest.fixture
def logins():
    seen: list = []

    def receiver(sender, user, **kwargs):
        seen.append(user)

    user_logged_in.connect(receiver)
    yield seen
    user_logged_in.disconnect(receiver)


def test_without_a_second_step_the_password_login_is_as_before(client, world, logins):
    response = password_login(client, "bob@linge.example")
    assert response.status_code == 302 and response["Location"] == reverse("front-home")
    assert logged_in(client) and logins == [world.members[Role.EMPLOYEE].user]


def test_with_an_authenticator_app_the_code_is_asked_before_the_session_starts(
    client, world, logins
):
    user = world.members[Role.EMPLOYEE].user
    secret = with_app(user)
    response = password_login(client, user.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not logged_in(client) and logins == []
    assert client.get(reverse("front-home")).status_code == 302  # still to the login page

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and not logged_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert logged_in(client) and logins == [user]
    assert client.get(reverse("front-home")).status_code == 200


def test_a_recovery_code_replaces_a_lost_phone_once(client, world):
    user = world.members[Role.EMPLOYEE].user
    with_app(user)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    password_login(client, user.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert logged_in(client)

    client.logout()
    password_login(client, user.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert not logged_in(client)


def test_the_next_page_survives_the_second_step(client, world):
    user = world.members[Role.EMPLOYEE].user
    secret = with_app(user)
    client.post(
        reverse("accounts-login"),
        {"username": user.email, "password": PASSWORD, "next": reverse("accounts-profile")},
    )
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response["Location"] == reverse("accounts-profile")


def require(world, who: str) -> None:
    LoginPolicy.objects.update_or_create(organization=world.org, defaults={"mfa_required": who})


def test_an_administrator_must_enrol_when_the_organisation_requires_it(client, world):
    require(world, MfaRequirement.ADMINS)
    admin = world.members[Role.ADMIN].user
    password_login(client, admin.email)
    assert logged_in(client)
    # Every page leads to the enrolment until a second step is set up.
    for name in ("front-home", "orgs-settings", "accounts-profile"):
        assert client.get(reverse(name))["Location"] == reverse("sso-mfa-enrol"), name
    page = client.get(reverse("sso-mfa-enrol"))
    assert page.status_code == 200
    assert reverse("mfa_activate_totp") in page.content.decode()

    activate = client.get(reverse("mfa_activate_totp"))
    secret = activate.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(reverse("front-home")).status_code == 200


def test_a_required_second_step_is_asked_at_the_next_login(client, world):
    require(world, MfaRequirement.EVERYBODY)
    user = world.members[Role.EMPLOYEE].user
    secret = with_app(user)
    assert password_login(client, user.email)["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.get(reverse("front-home")).status_code == 200


def test_administrators_only_leaves_employees_free(client, world):
    require(world, MfaRequirement.ADMINS)
    password_login(client, "bob@linge.example")
    assert client.get(reverse("front-home")).status_code == 200


def test_everybody_means_employees_too(client, world):
    require(world, MfaRequirement.EVERYBODY)
    password_login(client, "bob@linge.example")
    assert client.get(reverse("front-home"))["Location"] == reverse("sso-mfa-enrol")
    # Logging out stays possible.
    assert client.post(reverse("accounts-logout")).status_code == 302
    assert not logged_in(client)


def test_another_organisations_rule_does_not_reach_its_people(client, world):
    LoginPolicy.objects.create(organization=world.other_org, mfa_required=MfaRequirement.EVERYBODY)
    password_login(client, "alice@linge.example")
    assert client.get(reverse("front-home")).status_code == 200
