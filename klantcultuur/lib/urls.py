"""The base address of links the app hands out (forms, QR codes, e-mails)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site_url(request: HttpRequest | None = None) -> str:
    """SITE_URL; when it is not set, the address this request was served on (development:
    `runserver` on another port, or the test server), so a copied link or QR code works."""
    if request is not None and getattr(settings, "SITE_URL_FROM_REQUEST", False):
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL
