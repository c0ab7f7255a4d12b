from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.models import Touchpoint
from klantcultuur.journeys.models import BusinessCase, Metric
from klantcultuur.orgs.models import Membership, OrgUnit


class JourneyForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    review_months = forms.IntegerField(
        label=_("review every (months)"), min_value=1, max_value=12, initial=3
    )


class StepForm(forms.Form):
    phase = forms.CharField(
        label=_("phase"), max_length=80, help_text=_("A new name starts a new phase.")
    )
    name = forms.CharField(label=_("step"), max_length=100)
    team = forms.ModelChoiceField(label=_("owning team"), queryset=OrgUnit.objects.none())
    touchpoints = forms.ModelMultipleChoiceField(
        label=_("touchpoints"), queryset=Touchpoint.objects.none(), required=False
    )
    metric = forms.ChoiceField(label=_("metric"), choices=Metric.choices)
    target = forms.DecimalField(label=_("target"), max_digits=5, decimal_places=1)
    is_internal = forms.BooleanField(label=_("internal customers (back office)"), required=False)
    internal_customer = forms.CharField(
        label=_("internal customer"), max_length=100, required=False
    )
    moment_of_truth = forms.BooleanField(label=_("moment of truth"), required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = OrgUnit.objects.filter(
            organization=organization, archived_at__isnull=True
        ).order_by("name")
        self.fields["touchpoints"].queryset = Touchpoint.objects.filter(
            organization=organization
        ).order_by("name")


class ReviewHoldForm(forms.Form):
    held_on = forms.DateField(label=_("held on"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.CharField(
        label=_("attendees"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes = forms.CharField(label=_("minutes"), widget=forms.Textarea(attrs={"rows": 6}))


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("title of the improvement action"), max_length=150)
    text = forms.CharField(label=_("decision"), widget=forms.Textarea(attrs={"rows": 3}))
    step: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("step"), queryset=None, required=False
    )
    team = forms.ModelChoiceField(
        label=_("team"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Empty: the team that owns the step."),
    )
    owner = forms.ModelChoiceField(
        label=_("owner"), queryset=Membership.objects.none(), required=False
    )
    due_date = forms.DateField(
        label=_("due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        org = review.organization_id
        self.fields["step"].queryset = review.journey.steps.select_related("phase")
        self.fields["team"].queryset = OrgUnit.objects.filter(
            organization_id=org, archived_at__isnull=True
        ).order_by("name")
        self.fields["owner"].queryset = (
            Membership.objects.filter(organization_id=org)
            .select_related("user")
            .order_by("user__first_name")
        )


class BusinessCaseForm(forms.ModelForm):
    class Meta:
        model = BusinessCase
        fields = [
            "customers",
            "churn_percent",
            "revenue_per_customer",
            "acquisition_cost",
            "churn_promoters",
            "churn_passives",
            "churn_detractors",
            "scenario_percent",
        ]

    def clean(self):
        data = super().clean()
        bands = [data.get(f"churn_{b}") for b in ("promoters", "passives", "detractors")]
        if any(b is not None for b in bands) and any(b is None for b in bands):
            raise ValidationError(
                _("Enter the churn of all three groups, or of none (then the default applies).")
            )
        return data
