"""Logging in and out, resetting a password, the profile and the interface language."""

from __future__ import annotations

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from klantcultuur.accounts.forms import LoginForm, ProfileForm
from klantcultuur.lib.access import login_only, public
from klantcultuur.lib.clientip import client_address
from klantcultuur.lib.ratelimit import hashed, over_limit


class LoginView(auth_views.LoginView):
    """Django's login page; a right password goes through allauth's login stages, which ask
    for the second step (authenticator app, security key or recovery code) when the person
    has one. The session starts, and `user_logged_in` is sent, only after that step."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        login = Login(user=user, redirect_url=self.get_success_url(), email=user.email)
        return perform_password_login(self.request, {"email": user.email}, login)


login = public(LoginView.as_view())
logout = public(auth_views.LogoutView.as_view())
# Password reset requests per client address, and e-mails per account, per RESET_WINDOW.
RESET_PER_ADDRESS = 10
RESET_PER_ACCOUNT = 3
RESET_WINDOW = 60 * 60


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, throttled: one address cannot ask for many resets, and one account
    gets only a few e-mails. Known and unknown addresses get the same answer."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts-password-reset-sent")

    def post(self, request, *args, **kwargs):
        key = f"password-reset:address:{client_address(request)}"
        if over_limit(key, limit=RESET_PER_ADDRESS, window=RESET_WINDOW):
            return render(request, "accounts/password_reset_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # Counted for any address, known or not, so the answer tells nothing about accounts.
        email = form.cleaned_data["email"].strip().lower()
        key = f"password-reset:account:{hashed(email)}"
        if over_limit(key, limit=RESET_PER_ACCOUNT, window=RESET_WINDOW):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


password_reset = public(PasswordResetView.as_view())
password_reset_sent = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts-password-reset-complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
password_change = login_only()(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts-profile"),
    )
)


@login_only()
def profile(request):
    user = request.user
    initial = {
        "first_name": user.first_name,
        "infix": user.infix,
        "last_name": user.last_name,
        "language": user.language,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        for name, value in form.cleaned_data.items():
            setattr(user, name, value)
        user.save(update_fields=list(form.cleaned_data))
        translation.activate(user.language)
        response = redirect("accounts-profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        messages.success(request, _("Your profile is saved."))
        return response
    return render(request, "accounts/profile.html", {"form": form})


@public
def set_language(request):
    """Choose the interface language; a logged-in user keeps it on every device."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.method == "POST" and language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response
