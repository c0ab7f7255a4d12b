"""At login, mark a session that must set up a second step (see middleware.py)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from klantcultuur.sso.policy import ENROL_SESSION_KEY, needs_enrolment


@receiver(user_logged_in, dispatch_uid="sso-mfa-enrolment")
def _check_enrolment(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if needs_enrolment(user):
        request.session[ENROL_SESSION_KEY] = True
    else:
        request.session.pop(ENROL_SESSION_KEY, None)
