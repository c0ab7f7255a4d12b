"""The login rules of a person's organisations: password login and the second step."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.utils.translation import gettext as _

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Membership
from klantcultuur.sso.models import LoginPolicy

# Set in the session at login when an organisation requires a second step the person has
# not set up yet; the enrolment middleware sends them to set it up until they have.
ENROL_SESSION_KEY = "sso_mfa_enrol"
SECOND_STEPS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def _memberships(user: User) -> list[Membership]:
    return list(
        Membership.objects.active()
        .filter(user=user)
        .select_related("organization", "organization__login_policy")
    )


def _policy(membership: Membership) -> LoginPolicy | None:
    try:
        return membership.organization.login_policy
    except LoginPolicy.DoesNotExist:
        return None


def password_login_refusal(user: User) -> str | None:
    """Why `user` may not log in with a password, or None when they may.

    One organisation that has switched password login off is enough: otherwise a second
    membership elsewhere would be a way around its rule.
    """
    for membership in _memberships(user):
        policy = _policy(membership)
        if policy is not None and not policy.password_login:
            return _(
                "%(organization)s logs in with single sign-on. Use the button "
                "“Log in with single sign-on” below."
            ) % {"organization": membership.organization.name}
    return None


def has_second_step(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_STEPS).exists()


def mfa_required(user: User) -> bool:
    """Whether one of the person's organisations requires a second step of them."""
    for membership in _memberships(user):
        policy = _policy(membership)
        if policy is not None and policy.requires_mfa(membership.role):
            return True
    return False


def needs_enrolment(user: User) -> bool:
    return mfa_required(user) and not has_second_step(user)
