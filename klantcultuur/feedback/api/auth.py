"""API authentication: a per-organisation token in the Authorization header (or URL)."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from klantcultuur.feedback.models import ApiToken
from klantcultuur.feedback.services.setup import token_lookup
from klantcultuur.orgs.models import Organization


class ApiRequest(HttpRequest):
    """A request `authenticate` accepted: its token and the token's organisation."""

    api_token: ApiToken
    organization: Organization


def bearer(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    return request.headers.get("X-Api-Key", "").strip()


def authenticate(request: HttpRequest) -> bool:
    """Accept a valid token from the header or, for webhooks that cannot send headers
    (Formbricks), from the URL; sets request.api_token and request.organization."""
    raw = bearer(request)
    if not raw and request.resolver_match is not None:
        raw = request.resolver_match.kwargs.get("token", "")
    token = token_lookup(raw)
    if token is None:
        return False
    accepted = cast(ApiRequest, request)
    accepted.api_token = token
    accepted.organization = token.organization
    return True
