"""A security key in a real browser: Chromium's virtual authenticator (WebAuthn over CDP).

An administrator whose organisation requires a second step is sent to set one up after
logging in, registers a key, and at the next login is asked for it."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator

from klantcultuur.orgs.roles import Role
from klantcultuur.sso.models import LoginPolicy, MfaRequirement
from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def password_login(page, base: str, email: str) -> None:
    page.goto(base + "/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen", exact=True).click()


def virtual_authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_an_administrator_enrols_a_security_key_and_logs_in_with_it(
    live_server, page_factory, settings
):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server speaks plain HTTP
    world = build_world()
    LoginPolicy.objects.create(organization=world.org, mfa_required=MfaRequirement.ADMINS)
    admin = world.members[Role.ADMIN].user
    base = live_server.url
    page = page_factory()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    virtual_authenticator(page)

    password_login(page, base, admin.email)
    page.wait_for_url(base + "/security/enrol/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tweestapsverificatie"
    screenshot(page, "mfa-enrol-desktop")
    page.goto(base + "/start/")  # every page leads back to the enrolment
    page.wait_for_url(base + "/security/enrol/")

    page.get_by_role("link", name="Beveiligingssleutel of passkey").click()
    page.wait_for_url(base + "/security/webauthn/add/")
    page.locator("input[name=name]").fill("Sleutel van Alice")
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.WEBAUTHN).exists()
    page.goto(base + "/start/")
    assert page.url == base + "/start/"

    # Next login: the password, then the key.
    page.context.clear_cookies()
    password_login(page, base, admin.email)
    page.wait_for_url(base + "/security/authenticate/")
    screenshot(page, "mfa-authenticate-desktop")
    page.locator("#mfa_webauthn_authenticate").click()
    page.wait_for_url(base + "/start/")
    assert page.get_by_role("heading", level=1).inner_text() == "Fijn je te zien, Alice"
    assert errors == []


@pytest.mark.parametrize("width", [390, 1024, 1280])
def test_the_login_and_security_pages_fit_the_screen(live_server, page_factory, width):
    world = build_world()
    page = page_factory(width=width)
    base = live_server.url
    page.goto(base + "/account/login/")
    sso = page.get_by_role("link", name="Inloggen met single sign-on")
    assert sso.is_visible() and sso.bounding_box()["y"] < 900  # above the fold
    password_login(page, base, world.members[Role.ADMIN].user.email)
    page.wait_for_url(base + "/start/")
    page.goto(base + "/settings/login/")
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen en beveiliging"
    assert page.get_by_role("link", name="Identiteitsprovider toevoegen").is_visible()
    # Nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"sso-settings-{width}")
    page.goto(base + "/security/enrol/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"mfa-enrol-{width}")
