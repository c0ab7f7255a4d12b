"""htmx seams shared by every app: which answer a request wants, and caching of both."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers


def vary_on_htmx(get_response: Callable[[HttpRequest], HttpResponse]):
    """Mark every response as depending on the HX-Request header.

    A page that htmx filters answers the same URL with a fragment; without `Vary` the browser
    may show that cached fragment, unstyled, when the user comes back to the URL.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response

    return middleware


def fragment_wanted(request: HttpRequest) -> bool:
    """An htmx request for part of a page; restoring the browser history wants the whole page."""
    htmx = getattr(request, "htmx", None)  # django-htmx's middleware sets it
    if not htmx:
        return False
    return not htmx.history_restore_request
