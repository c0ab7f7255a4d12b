"""Project-wide pytest configuration and fixtures."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis' timing checks judge the machine, not the code: on a loaded two-core machine
# input generation and single examples can take seconds. What a property test checks is
# its assertion, so the timing checks are off for the whole suite.
settings.register_profile(
    "klantcultuur", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("klantcultuur")


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Every test starts in the default language, whatever an earlier test activated."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_and_offline(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def world(db):
    from klantcultuur.testing import build_world

    return build_world()


@pytest.fixture
def login(client):
    """Log a membership's user in on the test client and make its organisation current."""

    def _login(membership):
        from klantcultuur.orgs.middleware import SESSION_KEY

        client.force_login(membership.user)
        session = client.session
        session[SESSION_KEY] = str(membership.organization.uuid)
        session.save()
        return client

    return _login
