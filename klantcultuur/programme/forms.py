"""Forms of the programme pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from klantcultuur.programme.models import Component, StepStatus


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.email


class TakeStepForm(forms.Form):
    owner = OwnerChoiceField(label=_("Owner"), queryset=None, to_field_name="uuid")
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class StepForm(TakeStepForm):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TemplateForm(forms.Form):
    component = forms.ChoiceField(label=_("Component"), choices=Component.choices)
    title = forms.CharField(label=_("Title"), max_length=160)
    description = forms.CharField(
        label=_("What it means"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
