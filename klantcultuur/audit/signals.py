"""Logins, logouts and failed logins from Django's authentication signals."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from klantcultuur.audit.models import Action
from klantcultuur.audit.services import audit_record


@receiver(user_logged_in, dispatch_uid="audit-login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(action=Action.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit-logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action=Action.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit-login-failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    # The e-mail address that was tried (never the password: Django cleans the credentials).
    tried = str(credentials.get("username") or credentials.get("email") or "").strip().lower()
    audit_record(action=Action.LOGIN_FAILED, actor_email=tried, request=request)
