"""Login with an e-mail address; the profile."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from klantcultuur.accounts.policy import password_login_refusal


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()

    @property
    def sso_only(self) -> bool:
        """Whether the password was right but the organisation logs in with SSO only."""
        return self.has_error(NON_FIELD_ERRORS, "sso_only")

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        # Asked only after the password was right, so it tells a stranger nothing.
        refusal = password_login_refusal(user)
        if refusal:
            # A refused login is a failed one, for django-axes and the audit trail alike.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.email, "method": "password"},
                request=self.request,
            )
            raise forms.ValidationError(refusal, code="sso_only")


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    infix = forms.CharField(label=_("Infix"), max_length=30, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
