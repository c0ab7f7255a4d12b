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


# --- The interest analysis -------------------------------------------------------------
class TraitForm(forms.Form):
    text = forms.CharField(
        label=_("A trait that holds customer focus back"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StakeholderForm(forms.Form):
    who = forms.CharField(label=_("Who keeps it alive (a person or a group)"), max_length=160)
    gain = forms.CharField(
        label=_("What they gain from it"), widget=forms.Textarea(attrs={"rows": 2})
    )
    influence_kind = forms.ChoiceField(
        label=_("Kind of influence"),
        choices=[
            ("formal", _("Formal (position, say over decisions)")),
            ("social", _("Social (people follow them)")),
        ],
    )


class PositionForm(forms.Form):
    measured_on = forms.DateField(
        label=_("Measured on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    influence = forms.TypedChoiceField(
        label=_("Influence"),
        coerce=int,
        choices=[(3, _("High")), (2, _("Medium")), (1, _("Low"))],
    )
    stance = forms.ChoiceField(
        label=_("Stance"),
        choices=[
            ("supporter", _("Supporter")),
            ("neutral", _("Neutral")),
            ("opponent", _("Opponent")),
        ],
    )
    note = forms.CharField(label=_("Why (what you saw)"), max_length=300, required=False)


class StakeholderActionForm(forms.Form):
    text = forms.CharField(label=_("Planned action"), max_length=300)
    owner = OwnerChoiceField(label=_("Owner"), queryset=None, to_field_name="uuid", required=False)
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


# --- Leaders on the floor --------------------------------------------------------------
class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class VisitPlanForm(forms.Form):
    unit = TeamChoiceField(label=_("Team"), queryset=None, to_field_name="uuid")
    planned_on = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    questions = forms.CharField(
        label=_("Questions to ask (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = teams


class VisitLogForm(forms.Form):
    heard = forms.CharField(label=_("What did you hear?"), widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(
        label=_("What does it become on the team's board?"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", _("Only logged")),
            ("feedback", _("Feedback to the team on their board")),
            ("action", _("An improvement action on the team's board")),
        ],
    )
    follow_up = forms.CharField(
        label=_("What will you do about it?"), max_length=300, required=False
    )
    follow_up_on = forms.DateField(
        label=_("Report back to the team by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    self_noticed = forms.TypedChoiceField(
        label=_("Will the team have noticed your visit?"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        choices=[(3, _("Yes, clearly")), (2, _("A little")), (1, _("No"))],
    )
