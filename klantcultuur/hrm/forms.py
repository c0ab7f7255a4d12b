from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from klantcultuur.hrm.models import Process
from klantcultuur.orgs.models import Membership


class DocumentForm(forms.Form):
    process = forms.ChoiceField(label=_("HR process"), choices=Process.choices)
    title = forms.CharField(label=_("title"), max_length=150, required=False)
    text = forms.CharField(
        label=_("text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Paste the text, or upload a file below."),
    )
    file = forms.FileField(label=_("document (DOCX, PDF or TXT, at most 10 MB)"), required=False)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("HR's rating (1–5)"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)],
    )
    note = forms.CharField(
        label=_("explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    action = forms.CharField(
        label=_("action"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.ModelChoiceField(
        label=_("owner"), queryset=Membership.objects.none(), required=False
    )
    due = forms.DateField(
        label=_("due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            Membership.objects.filter(organization=organization)
            .select_related("user")
            .order_by("user__first_name")
        )
