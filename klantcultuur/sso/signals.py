"""At login, mark a session that must set up a second step; clear it once one is added."""

from __future__ import annotations

from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from klantcultuur.sso.policy import ENROL_SESSION_KEY, SECOND_STEPS, needs_enrolment


@receiver(user_logged_in, dispatch_uid="sso-mfa-enrolment")
def _check_enrolment(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if needs_enrolment(user):
        request.session[ENROL_SESSION_KEY] = True
    else:
        request.session.pop(ENROL_SESSION_KEY, None)


@receiver(authenticator_added, dispatch_uid="sso-mfa-enrolled")
def _enrolled(sender, request, user, authenticator, **kwargs) -> None:
    if request is not None and authenticator.type in SECOND_STEPS:
        request.session.pop(ENROL_SESSION_KEY, None)
