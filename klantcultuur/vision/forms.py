"""Forms of the vision pages (parsing only; the services decide)."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.models import Touchpoint
from klantcultuur.orgs.models import Organization
from klantcultuur.orgs.roles import Role
from klantcultuur.vision.models import EndorsementStatus
from klantcultuur.vision.models.writing import MAX_PROMISES


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Explanation"), max_length=500, required=False)


class RoundForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, initial=_("Our customer vision: what do you think?")
    )
    invitation = forms.CharField(
        label=_("Invitation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    closes_on = forms.DateField(
        label=_("Closes on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ContributionForm(forms.Form):
    question = forms.UUIDField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Your answer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=1000)


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("The vision"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Where we want to go, what we want to be for our customers and what "
            "explicitly not. A blank line starts a new paragraph."
        ),
    )
    change_note = forms.CharField(label=_("What changed"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(MAX_PROMISES):
            self.fields[f"promise_{i}"] = forms.CharField(
                label=_("Promise %(n)d") % {"n": i + 1}, max_length=200, required=False
            )
            self.fields[f"explanation_{i}"] = forms.CharField(
                label=_("Explanation of promise %(n)d") % {"n": i + 1},
                max_length=600,
                required=False,
            )
            self.fields[f"lineage_{i}"] = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def promise_rows(self):
        return [
            (self[f"promise_{i}"], self[f"explanation_{i}"], self[f"lineage_{i}"])
            for i in range(MAX_PROMISES)
        ]


class EndorseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            (EndorsementStatus.ENDORSED, _("I endorse it and carry it in my unit")),
            (EndorsementStatus.REMARK, _("I endorse it, with a remark")),
            (EndorsementStatus.NOT_YET, _("Not yet: this is what stops me")),
        ],
    )
    remark = forms.CharField(
        label=_("Remark or reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RespondForm(forms.Form):
    response = forms.CharField(
        label=_("Your answer to the objection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reopen = forms.BooleanField(
        label=_("Ask the manager again after this answer"), required=False, initial=True
    )


class BehaviourForm(forms.Form):
    promise = forms.ChoiceField(label=_("Promise"))
    short_name = forms.CharField(
        label=_("Short name"),
        max_length=80,
        help_text=_("How colleagues call it, e.g. 'Terugbellen binnen een werkdag'."),
    )
    context = forms.CharField(
        label=_("Context: in which situation?"),
        max_length=200,
        help_text=_("e.g. 'Bij elke klacht aan de telefoon'"),
    )
    action = forms.CharField(
        label=_("Action: what do I do?"),
        max_length=200,
        help_text=_("A verb someone can see: 'bel ik', 'vat ik samen', 'loop ik mee'"),
    )
    target = forms.CharField(
        label=_("Target: towards whom?"),
        max_length=200,
        help_text=_("e.g. 'de klant', 'de huurder', 'de collega van planning'"),
    )
    time = forms.CharField(
        label=_("Time: how soon or how often?"),
        max_length=200,
        help_text=_("e.g. 'binnen een werkdag terug', 'aan het eind van elk gesprek'"),
    )
    unit = forms.ChoiceField(label=_("For"), required=False)
    role = forms.ChoiceField(
        label=_("For role"),
        required=False,
        choices=[
            ("", _("Everyone")),
            (Role.MANAGER, _("Managers")),
            (Role.EMPLOYEE, _("Employees")),
        ],
    )

    def __init__(self, *args, promises=(), units=(), allow_org=True, **kwargs):
        super().__init__(*args, **kwargs)
        check_url = reverse("vision-behaviour-check")
        for name in ("context", "action", "target", "time"):
            # The editor checks these as one types (htmx: the four fields to the TACT check).
            self.fields[name].widget.attrs.update(
                {
                    "class": "tact-input",
                    "hx-post": check_url,
                    "hx-trigger": "input changed delay:500ms",
                    "hx-target": "#tact-check",
                    "hx-swap": "outerHTML",
                    "hx-include": "closest form",
                    "hx-sync": "closest form:replace",
                }
            )
        self.fields["promise"].choices = [(str(p.uuid), p.title) for p in promises]
        unit_choices = [(str(u.uuid), u.name) for u in units]
        if allow_org:
            unit_choices.insert(0, ("", _("The whole organisation")))
        self.fields["unit"].choices = unit_choices
        self.fields["unit"].required = not allow_org


class ObserveForm(forms.Form):
    behaviour = forms.UUIDField(widget=forms.HiddenInput)
    colleague = forms.UUIDField(label=_("Who showed it?"))
    note = forms.CharField(
        label=_("What happened? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RecallCheckForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, initial=_("Which customer promises do you remember?")
    )
    opens_on = forms.DateField(
        label=_("Opens on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class RecallAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Write down our customer promises, in your own words"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line. Do not look them up: this is about what you remember."),
    )
    understanding = forms.TypedChoiceField(
        label=_("How well do you know our customer promises?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (1, _("1 – not at all")),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, _("5 – I can name them all")),
        ],
    )


class CustomerQuestionForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=300)
    intro = forms.CharField(
        label=_("Introduction"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_open = forms.BooleanField(label=_("Accepting answers"), required=False)


class CustomerTouchpointsForm(forms.Form):
    """Which touchpoints' feedback forms also ask the customer question."""

    touchpoints = forms.ModelMultipleChoiceField(
        label=_("Also ask it on these touchpoint forms"),
        queryset=Touchpoint.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Under the form's own questions, as an extra open question; answers go to the "
            "themes on this page. Only customers' touchpoints (not colleagues') can ask it."
        ),
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["touchpoints"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Touchpoint.objects.filter(
            organization=organization, is_internal=False, is_active=True
        ).order_by("name")


class CustomerAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
