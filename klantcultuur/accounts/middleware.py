"""Use the language a logged-in user chose, on every device they use."""

from __future__ import annotations

from django.utils import translation


class UserLanguageMiddleware:
    """Activate the user's saved language (after LocaleMiddleware picked one from the request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            if user.language != translation.get_language():
                translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
