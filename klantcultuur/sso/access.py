"""Loading an organisation's identity providers."""

from __future__ import annotations

from uuid import UUID

from django.shortcuts import get_object_or_404

from klantcultuur.orgs.access import require_perm
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.sso.models import IdentityProvider


def get_identity_provider_rw_for_user(request: MemberRequest, code: UUID) -> IdentityProvider:
    """Another organisation's provider is a 404; a member without MANAGE_SETTINGS gets 403."""
    provider = get_object_or_404(IdentityProvider, uuid=code, organization=request.organization)
    require_perm(request, Perm.MANAGE_SETTINGS)
    return provider
