"""Small helpers the vision views share."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError


def flash_errors(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))
