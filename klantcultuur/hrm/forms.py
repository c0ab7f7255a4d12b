from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from klantcultuur.hrm.models import Process
from klantcultuur.orgs.models import Membership
from klantcultuur.orgs.roles import Role


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


class RoomForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Role.choices, initial=Role.EMPLOYEE)
    job_title = forms.CharField(
        label=_("job title"),
        max_length=200,
        required=False,
        help_text=_("Empty: everyone in this role."),
    )
    what = forms.CharField(
        label=_("what they may decide without asking"),
        max_length=300,
        help_text=_("For example: offer a free extra visit to finish a repair the same week."),
    )
    amount = forms.DecimalField(
        label=_("up to (euro)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("Leave empty when it is not about money."),
    )


class StartPathForm(forms.Form):
    person = forms.ModelChoiceField(label=_("person"), queryset=Membership.objects.none())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Membership.objects.active()
            .filter(organization=organization, onboarding_path__isnull=True)
            .select_related("user")
            .order_by("user__first_name", "user__last_name")
        )


class BuddyForm(forms.Form):
    buddy = forms.ModelChoiceField(
        label=_("buddy"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Preferably an ambassador of the customer vision."),
    )

    def __init__(self, *args, organization, newcomer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buddy"].queryset = (
            Membership.objects.active()
            .filter(organization=organization)
            .exclude(id=newcomer.id)
            .select_related("user")
            .order_by("user__first_name", "user__last_name")
        )
