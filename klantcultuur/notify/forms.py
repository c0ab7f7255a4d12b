from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from klantcultuur.notify.models import NotifySettings


class NotifySettingsForm(forms.ModelForm):
    webhook_url = forms.URLField(
        label=_("Incoming webhook"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=NotifySettings._meta.get_field("webhook_url").help_text,
    )

    class Meta:
        model = NotifySettings
        fields = ["webhook_url"]
