"""Access to views and to organisation-owned objects.

Every view declares who may use it with one decorator: `public`, `login_only`,
`member_required(perm=...)` or, for token-authenticated API views, `api(authenticate)`. The decorator records its rule on the view so that
`tests/test_access.py` can enumerate every URL of the project and check it.

Objects are loaded through one helper pair per object (`get_x_for_user` to read,
`get_x_rw_for_user` to change): an object of another organisation is a 404, a member
without the right role gets a 403.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import wraps
from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect

from klantcultuur.orgs.models import Membership, OrgUnit
from klantcultuur.orgs.request import OrgRequest
from klantcultuur.orgs.roles import Perm


@dataclass(frozen=True)
class AccessRule:
    # "public", "user" (logged in), "member" (of the current organisation) or "api" (a valid
    # API token; anonymous requests get 401 instead of the login page)
    kind: str
    perm: Perm | None = None
    methods: tuple[str, ...] = ("GET", "POST")


def _mark(view: Callable, rule: AccessRule) -> Callable:
    view.access_rule = rule  # type: ignore[attr-defined]
    return view


def public(view: Callable) -> Callable:
    """Open to anyone: login pages, public feedback forms, personal survey links."""
    return _mark(view, AccessRule("public"))


def login_only(methods: Sequence[str] = ("GET", "POST")) -> Callable[[Callable], Callable]:
    """Any logged-in user, also one without a membership (profile, switching organisation)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, *args, **kwargs)

        return _mark(wrapper, AccessRule("user", None, tuple(methods)))

    return decorator


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

        return _mark(wrapper, AccessRule("member", perm, tuple(methods)))

    return decorator


def api(
    authenticate: Callable[[HttpRequest], bool], methods: Sequence[str] = ("POST",)
) -> Callable[[Callable], Callable]:
    """A view for API clients: `authenticate(request)` checks the request's token and, when
    valid, sets `request.organization` (the token's) and returns True; otherwise 401.

    No session, no CSRF token: clients send a token, not a cookie. Objects are still loaded
    through the helper pairs, so another organisation's object is a 404.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not authenticate(request):
                response = JsonResponse({"error": "A valid API token is required."}, status=401)
                response["WWW-Authenticate"] = 'Bearer realm="klantcultuur"'
                return response
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, *args, **kwargs)

        wrapper.csrf_exempt = True  # type: ignore[attr-defined]
        return _mark(wrapper, AccessRule("api", None, tuple(methods)))

    return decorator


def require_perm(request: OrgRequest, perm: Perm) -> None:
    """Raise 403 unless the current member holds the permission."""
    if request.membership is None or not request.membership.has_perm(perm):
        raise PermissionDenied


# --- Units -----------------------------------------------------------------------------
def get_unit_for_user(request: OrgRequest, code: UUID) -> OrgUnit:
    """A unit of the current organisation (404 for any other)."""
    return get_object_or_404(
        OrgUnit.objects.select_related("parent", "manager__user"),
        organization=request.organization,
        uuid=code,
    )


def get_unit_rw_for_user(request: OrgRequest, code: UUID) -> OrgUnit:
    """A unit the current member may change (404 outside the organisation, 403 without role)."""
    unit = get_unit_for_user(request, code)
    require_perm(request, Perm.MANAGE_STRUCTURE)
    return unit


def require_visible_unit(request: OrgRequest, unit_id: int | None) -> None:
    """403 unless the member may read what belongs to this unit; no unit (an unrouted
    record, say) is for those who see every unit."""
    membership = request.membership
    if unit_id is None:
        visible = membership.has_perm(Perm.VIEW_ALL_UNITS)
    else:
        visible = unit_id in membership.visible_unit_ids()
    if not visible:
        raise PermissionDenied


def get_visible_unit_for_user(request: OrgRequest, code: UUID) -> OrgUnit:
    """A unit whose results the member may read: all, the ones they lead, or their own (403)."""
    unit = get_unit_for_user(request, code)
    require_visible_unit(request, unit.id)
    return unit


# --- Memberships -----------------------------------------------------------------------
def get_membership_for_user(request: OrgRequest, code: UUID) -> Membership:
    """A colleague in the current organisation (404 for any other)."""
    membership = (
        Membership.objects.select_related("user", "unit")
        .filter(organization=request.organization, uuid=code)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_membership_rw_for_user(request: OrgRequest, code: UUID) -> Membership:
    """A colleague whose role and unit the current member may change."""
    membership = get_membership_for_user(request, code)
    require_perm(request, Perm.MANAGE_PEOPLE)
    return membership
