"""Forms of the dagstart, KPI, action, goal and escalation pages."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from klantcultuur.huddle.models import Goal, ImprovementAction, Kpi
from klantcultuur.huddle.selectors import members_of
from klantcultuur.huddle.steering.numbers import parse_decimal
from klantcultuur.orgs.models import Membership, OrgUnit


class DecimalInput(forms.TextInput):
    """A text box that opens the numeric keypad on a tablet and accepts a Dutch comma."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal):
            text = format(value.normalize(), "f")
            return text.replace(".", ",")
        return super().format_value(value)


class FlexibleDecimalField(forms.Field):
    """'7,5', '7.5', '1.234,5' and '85%' all read as numbers."""

    widget = DecimalInput
    default_error_messages = {"invalid": _("Enter a number, for example 7,5.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(value)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MemberField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.get_full_name() or obj.user.email


class KpiForm(forms.ModelForm):
    default_target = FlexibleDecimalField(
        label=_("default target"),
        required=False,
        help_text=Kpi._meta.get_field("default_target").help_text,
    )

    class Meta:
        model = Kpi
        fields = ["name", "description", "source", "measure", "period", "unit", "decimals",
                  "direction", "default_target", "position"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TeamKpiAddForm(forms.Form):
    kpi = forms.ModelChoiceField(queryset=Kpi.objects.none(), label=_("KPI"))
    owner = MemberField(queryset=Membership.objects.none(), label=_("Owner"), required=False)
    target = FlexibleDecimalField(label=_("Target"), required=False)

    def __init__(self, *args, team: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["kpi"]).queryset = Kpi.objects.filter(
            organization_id=team.organization_id, archived_at__isnull=True
        ).exclude(team_kpis__team=team)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = members_of(team)


class TeamKpiForm(forms.Form):
    owner = MemberField(queryset=Membership.objects.none(), label=_("Owner"), required=False)
    target = FlexibleDecimalField(label=_("Target"), required=False)
    position = forms.IntegerField(label=_("Order on the board"), min_value=0, max_value=99)

    def __init__(self, *args, team: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = members_of(team)


class ValueForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DateInput)
    value = FlexibleDecimalField(label=_("Value"))


class HuddleForm(forms.Form):
    day = forms.DateField(widget=forms.HiddenInput)
    attendees = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label=_("Present")
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        # The board has the members already: offer them without another query, in order.
        cast(forms.ChoiceField, self.fields["attendees"]).choices = [
            (m.pk, m.user.get_full_name() or m.user.email) for m in members
        ]


class EscalationForm(forms.Form):
    day = forms.DateField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("What does the team need from the next tier?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(forms.ModelForm):
    owner = MemberField(queryset=Membership.objects.none(), label=_("Owner"), required=False)

    class Meta:
        model = ImprovementAction
        fields = ["title", "problem", "why_1", "why_2", "why_3", "why_4", "why_5", "cause",
                  "target", "kpi", "countermeasure", "owner", "due_date"]  # fmt: skip
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "target": forms.Textarea(attrs={"rows": 2}),
            "countermeasure": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput,
        }

    def __init__(self, *args, team: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = members_of(team)
        on_board = Kpi.objects.filter(team_kpis__team=team, archived_at__isnull=True)
        cast(forms.ModelChoiceField, self.fields["kpi"]).queryset = on_board.order_by(
            "position", "name"
        )
        self.fields["kpi"].help_text = _(
            "At “check” this KPI before the action is compared with after it."
        )


class MoveForm(forms.Form):
    move = forms.CharField()
    note = forms.CharField(required=False, max_length=1000, label=_("Note"))
    standard = forms.CharField(
        required=False, label=_("The new way of working"), widget=forms.Textarea(attrs={"rows": 3})
    )


class GoalForm(forms.ModelForm):
    person = MemberField(
        queryset=Membership.objects.none(),
        label=_("For"),
        required=False,
        empty_label=_("The whole team"),
    )

    class Meta:
        model = Goal
        fields = ["title", "person", "description", "start", "end", "kpi", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "start": DateInput,
            "end": DateInput,
        }

    def __init__(self, *args, team: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = members_of(team)
        cast(forms.ModelChoiceField, self.fields["kpi"]).queryset = Kpi.objects.filter(
            organization_id=team.organization_id, archived_at__isnull=True
        )
