"""Access to views and to organisation-owned objects.

Every view declares who may use it with one decorator: `public`, `login_only`,
`member_required(perm=...)` or, for token-authenticated API views, `api(authenticate)`. The decorator records its rule on the view so that
`tests/test_access.py` can enumerate every URL of the project and check it. The ones that
need no organisation are defined in `klantcultuur.lib.access` and available here too.

Objects are loaded through one helper pair per object (`get_x_for_user` to read,
`get_x_rw_for_user` to change): an object of another organisation is a 404, a member
without the right role gets a 403.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect

from klantcultuur.lib.access import AccessRule, api, login_only, mark, public
from klantcultuur.orgs.models import Membership, OrgUnit
from klantcultuur.orgs.request import MemberRequest, OrgRequest
from klantcultuur.orgs.roles import Perm

__all__ = [
    "AccessRule",
    "api",
    "get_membership_for_user",
    "get_membership_rw_for_user",
    "get_unit_for_user",
    "get_unit_rw_for_user",
    "get_visible_unit_for_user",
    "login_only",
    "member_required",
    "public",
    "require_perm",
    "require_visible_unit",
]


def member_required(
    perm: Perm | None = None, methods: Sequence[str] = ("GET", "POST")
) -> Callable[[Callable], Callable]:
    """A member of the current organisation, holding `perm` when given (403 otherwise)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: OrgRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.membership is None:
                return redirect("orgs-none")
            if perm is not None and not request.membership.has_perm(perm):
                raise PermissionDenied
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, *args, **kwargs)

        return mark(wrapper, AccessRule("member", perm, tuple(methods)))

    return decorator


def require_perm(request: MemberRequest, perm: Perm) -> None:
    """Raise 403 unless the current member holds the permission."""
    if request.membership is None or not request.membership.has_perm(perm):
        raise PermissionDenied


# --- Units -----------------------------------------------------------------------------
def get_unit_for_user(request: MemberRequest, code: UUID) -> OrgUnit:
    """A unit of the current organisation (404 for any other)."""
    return get_object_or_404(
        OrgUnit.objects.select_related("parent", "manager__user"),
        organization=request.organization,
        uuid=code,
    )


def get_unit_rw_for_user(request: MemberRequest, code: UUID) -> OrgUnit:
    """A unit the current member may change (404 outside the organisation, 403 without role)."""
    unit = get_unit_for_user(request, code)
    require_perm(request, Perm.MANAGE_STRUCTURE)
    return unit


def require_visible_unit(request: MemberRequest, unit_id: int | None) -> None:
    """403 unless the member may read what belongs to this unit; no unit (an unrouted
    record, say) is for those who see every unit."""
    membership = request.membership
    if unit_id is None:
        visible = membership.has_perm(Perm.VIEW_ALL_UNITS)
    else:
        visible = unit_id in membership.visible_unit_ids()
    if not visible:
        raise PermissionDenied


def get_visible_unit_for_user(request: MemberRequest, code: UUID) -> OrgUnit:
    """A unit whose results the member may read: all, the ones they lead, or their own (403)."""
    unit = get_unit_for_user(request, code)
    require_visible_unit(request, unit.id)
    return unit


# --- Memberships -----------------------------------------------------------------------
def get_membership_for_user(request: MemberRequest, code: UUID) -> Membership:
    """A colleague in the current organisation (404 for any other)."""
    membership = (
        Membership.objects.select_related("user", "unit")
        .filter(organization=request.organization, uuid=code)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_membership_rw_for_user(request: MemberRequest, code: UUID) -> Membership:
    """A colleague whose role and unit the current member may change."""
    membership = get_membership_for_user(request, code)
    require_perm(request, Perm.MANAGE_PEOPLE)
    return membership
