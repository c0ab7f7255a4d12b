"""Accepting an invitation from the e-mailed link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.orgs import services
from klantcultuur.orgs.access import public
from klantcultuur.orgs.middleware import SESSION_KEY


@public
def accept(request, token: str):
    membership = services.invitation_membership(token)
    if membership is None:
        return render(request, "orgs/invitation_invalid.html", status=404)
    user = membership.user
    if request.user.is_authenticated and request.user != user:
        return render(
            request, "orgs/invitation_other_user.html", {"membership": membership}, status=403
        )
    needs_password = not user.has_usable_password()
    form = SetPasswordForm(user, request.POST or None) if needs_password else None
    if request.method == "POST" and (form is None or form.is_valid()):
        if form is None and not request.user.is_authenticated:
            # An existing account accepts after logging in with its own password.
            return redirect(f"{_login_url()}?next={request.path}")
        services.invitation_accept(
            membership=membership, password=form.cleaned_data["new_password1"] if form else None
        )
        if not request.user.is_authenticated:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SESSION_KEY] = str(membership.organization.uuid)
        messages.success(
            request, _("Welcome to %(name)s.") % {"name": membership.organization.name}
        )
        return redirect("front-home")
    return render(
        request,
        "orgs/invitation_accept.html",
        {"membership": membership, "form": form, "needs_password": needs_password},
    )


def _login_url() -> str:
    from django.urls import reverse

    return reverse("accounts-login")
