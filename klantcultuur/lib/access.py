"""The access rule every view declares: `public`, `login_only` or `api(authenticate)`.

These need no organisation; `member_required(perm=...)` (a member of the current
organisation) lives with the roles in `klantcultuur.orgs.access`. Each decorator records
its rule on the view (`view.access_rule`) so that `tests/test_access.py` can enumerate
every URL of the project and check it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseNotAllowed, JsonResponse


@dataclass(frozen=True)
class AccessRule:
    # "public", "user" (logged in), "member" (of the current organisation) or "api" (a valid
    # API token; anonymous requests get 401 instead of the login page)
    kind: str
    perm: Any = None  # a `klantcultuur.orgs.roles.Perm` for member views
    methods: tuple[str, ...] = ("GET", "POST")


def mark(view: Callable, rule: AccessRule) -> Callable:
    view.access_rule = rule  # type: ignore[attr-defined]
    return view


def public(view: Callable) -> Callable:
    """Open to anyone: login pages, public feedback forms, personal survey links."""
    return mark(view, AccessRule("public"))


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

        return mark(wrapper, AccessRule("user", None, tuple(methods)))

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
        return mark(wrapper, AccessRule("api", None, tuple(methods)))

    return decorator
