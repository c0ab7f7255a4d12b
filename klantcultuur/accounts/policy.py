"""Rules of a person's organisations that the password login must obey.

The accounts app sits below the organisations in the layers, so it asks the function named
by the setting PASSWORD_LOGIN_POLICY (klantcultuur.sso.policy.password_login_refusal).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string


def password_login_refusal(user) -> str | None:
    """Why `user` may not log in with a password, or None."""
    name = getattr(settings, "PASSWORD_LOGIN_POLICY", "")
    return import_string(name)(user) if name else None
