"""The demo's identity provider: filled in, not in use; the printed demo logins still work."""

from __future__ import annotations

import pytest
from django.urls import reverse

from klantcultuur.orgs import demo as org_demo
from klantcultuur.sso import demo
from klantcultuur.sso.models import IdentityProvider

pytestmark = pytest.mark.slow  # loads the demo organisation


def test_the_demo_provider_is_there_once_and_passwords_still_work(db, client):
    logins = org_demo.load()
    assert demo.load() == "Entra ID filled in, not in use"
    assert demo.load() == "already loaded"
    idp = IdentityProvider.objects.get()
    assert not idp.enabled and idp.domain_list() == [org_demo.DOMAIN]
    response = client.post(
        reverse("accounts-login"), {"username": logins["admin"], "password": org_demo.PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("front-home")
