"""Sends a person whose organisation requires a second step to set one up first."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from klantcultuur.sso.policy import ENROL_SESSION_KEY, has_second_step

# What an enrolling person may still open: the MFA pages, logging out, the language.
_ALLOWED_URL_NAMES = (
    "sso-mfa-enrol",
    "mfa_index",
    "account_reauthenticate",
    "accounts-logout",
    "accounts-language",
)


def mfa_enrolment(get_response: Callable[[HttpRequest], HttpResponse]):
    allowed: tuple[str, ...] = ()

    def middleware(request: HttpRequest) -> HttpResponse:
        nonlocal allowed
        # Only a session marked at login costs a query: the others pass on the session alone.
        if request.user.is_authenticated and request.session.get(ENROL_SESSION_KEY):
            allowed = allowed or _allowed_prefixes()
            if has_second_step(request.user):
                del request.session[ENROL_SESSION_KEY]
            elif not _allowed(request.path, allowed):
                return redirect("sso-mfa-enrol")
        return get_response(request)

    return middleware


def _allowed_prefixes() -> tuple[str, ...]:
    # Every MFA page lives under the MFA index (TOTP, WebAuthn, recovery codes).
    return (*(reverse(name) for name in _ALLOWED_URL_NAMES), "/static/")


def _allowed(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path.startswith(prefix) for prefix in prefixes)
