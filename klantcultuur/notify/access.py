"""Loaders of the app's objects (404 for another organisation, 403 without the role)."""

from __future__ import annotations

from uuid import UUID

from django.shortcuts import get_object_or_404

from klantcultuur.notify.models import Delivery
from klantcultuur.orgs.access import require_perm
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


def get_delivery_for_user(request: MemberRequest, code: UUID) -> Delivery:
    found = get_object_or_404(Delivery, organization=request.organization, uuid=code)
    require_perm(request, Perm.MANAGE_SETTINGS)
    return found


def get_delivery_rw_for_user(request: MemberRequest, code: UUID) -> Delivery:
    return get_delivery_for_user(request, code)
