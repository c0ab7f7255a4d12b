"""Forms of the Klantstem pages."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from klantcultuur.feedback.api.formbricks import MAPPABLE
from klantcultuur.feedback.importing.presets import FIELDS
from klantcultuur.feedback.models import (
    ApiToken,
    CaseOutcome,
    CaseStatus,
    FeedbackSettings,
    Label,
    Metric,
    Preset,
    ReplyTemplate,
    RoutingRule,
    Topic,
    Touchpoint,
)
from klantcultuur.feedback.replytext import PLACEHOLDERS, braced, unknown_placeholders
from klantcultuur.feedback.validation import FIELD_LABELS, clean_text
from klantcultuur.lib.text import strip_unsafe
from klantcultuur.orgs.forms import UnitChoiceField
from klantcultuur.orgs.models import Organization
from klantcultuur.orgs.tree import UnitTree

BANDS = [("", _("All scores")), ("negative", _("Low (detractors)")),
         ("neutral", _("Middle (passives)")), ("positive", _("High (promoters)"))]  # fmt: skip
CUSTOMERS = [("", _("All customers")), ("external", _("Customers")),
             ("internal", _("Colleagues (internal)"))]  # fmt: skip


class InboxFilterForm(forms.Form):
    """The inbox filters; every field is optional and read from the query string."""

    unit = forms.ChoiceField(label=_("Team or department"), required=False)
    period = forms.ChoiceField(label=_("Period"), required=False)
    metric = forms.ChoiceField(
        label=_("Metric"),
        required=False,
        choices=[("", _("All metrics"))] + [c for c in Metric.choices if c[0]],
    )
    band = forms.ChoiceField(label=_("Score"), required=False, choices=BANDS)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    label = forms.ChoiceField(
        label=_("Contains"),
        required=False,
        choices=[
            ("", _("Anything")),
            (Label.COMPLIMENT, _("Compliments")),
            (Label.IMPROVEMENT, _("Improvement points")),
        ],
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    customers = forms.ChoiceField(label=_("Customers"), required=False, choices=CUSTOMERS)

    def __init__(self, data, *, units, periods, topics, channels, **kwargs):
        super().__init__(data, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = [("", _("All my teams")), *units]
        cast(forms.ChoiceField, self.fields["period"]).choices = periods
        cast(forms.ChoiceField, self.fields["topic"]).choices = [("", _("All topics")), *topics]
        cast(forms.ChoiceField, self.fields["channel"]).choices = [("", _("All channels"))] + [
            (c, c) for c in channels
        ]

    def value(self, name: str) -> str:
        """The filter's value; an invalid one is ignored, the valid others still apply."""
        self.is_valid()  # cleans once; a field with an error is left out of cleaned_data
        return self.cleaned_data.get(name) or ""


class PublicFeedbackForm(forms.Form):
    """The customer's form: a score on the touchpoint's scale and Thomassen's two questions."""

    score = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, required=False)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=10_000
    )
    suggestion = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=10_000
    )
    contact_consent = forms.BooleanField(required=False)
    customer_email = forms.EmailField(
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    # A field people do not see (CSS) and bots fill in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    token = forms.CharField(widget=forms.HiddenInput)
    ref = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    lang = forms.CharField(widget=forms.HiddenInput, required=False, max_length=5)

    def __init__(
        self, *args, touchpoint: Touchpoint, has_ref: bool = False, extra_questions=(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.has_ref = has_ref
        if not touchpoint.ask_consent:
            del self.fields["contact_consent"], self.fields["customer_email"]
        # Questions other apps add through `form_extensions` (open, never required).
        self.extra_names: list[str] = []
        for question in extra_questions:
            self.fields[question.field_name] = forms.CharField(
                label=question.label,
                help_text=question.help_text,
                required=False,
                max_length=question.max_length,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.extra_names.append(question.field_name)
        low, high = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}.get(touchpoint.metric, (0, 0))
        if touchpoint.metric:
            cast(forms.ChoiceField, self.fields["score"]).choices = [
                (n, str(n)) for n in range(low, high + 1)
            ]
            self.fields["score"].required = True
            self.fields["score"].error_messages["required"] = _("Choose a score.")
        else:
            del self.fields["score"]

    def clean_reason(self) -> str:
        return clean_text("reason", self.cleaned_data["reason"])

    def clean_suggestion(self) -> str:
        return clean_text("suggestion", self.cleaned_data["suggestion"])

    @property
    def extra_fields(self) -> list:
        return [self[name] for name in self.extra_names]

    def clean(self):
        data = super().clean()
        for name in self.extra_names:
            if data.get(name):
                data[name] = strip_unsafe(data[name]).strip()
        if "score" not in self.fields and not (data.get("reason") or data.get("suggestion")):
            raise ValidationError(_("Write a few words, please."))
        email, consent = data.get("customer_email"), data.get("contact_consent")
        if email and not consent:
            self.add_error(
                "customer_email",
                _("Tick that we may contact you, or leave your e-mail address empty."),
            )
        elif consent and not email and not self.has_ref and "customer_email" in self.fields:
            self.add_error(
                "customer_email", _("Fill in your e-mail address so that we can contact you.")
            )
        return data


class TouchpointForm(forms.ModelForm):
    class Meta:
        model = Touchpoint
        fields = ["name", "name_en", "metric", "subject", "subject_en", "channel", "team",
                  "is_internal", "ask_consent", "is_active"]  # fmt: skip

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["team"] = UnitChoiceField(
            organization,
            required=False,
            label=_("Owning team"),
            empty_label=_("— the routing rules decide —"),
            help_text=_("Empty: the routing rules decide."),
        )


class RoutingRuleForm(forms.ModelForm):
    class Meta:
        model = RoutingRule
        fields = ["field", "value", "team"]

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["team"] = UnitChoiceField(organization, label=_("then team"))

    def clean(self):
        data = super().clean()
        exists = RoutingRule.objects.filter(
            organization=self.instance.organization,
            field=data.get("field"),
            value__iexact=(data.get("value") or "").strip(),
        )
        if exists.exists():
            raise ValidationError(_("There is already a rule for this value."))
        return data


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["slug", "name_nl", "name_en", "keywords", "is_active"]
        widgets = {"keywords": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        if self.instance.pk:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _("The code cannot change: sentences refer to it.")

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        others = Topic.objects.filter(organization=self.instance.organization, slug=slug)
        if others.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Another topic has this code."))
        return slug


class SettingsForm(forms.ModelForm):
    class Meta:
        model = FeedbackSettings
        fields = [
            "case_due_hours",
            "case_max_age_days",
            "retention_days",
            "contact_retention_days",
            "route_by_team_code",
        ]


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or Excel)"))
    preset = forms.ChoiceField(label=_("Exported from"), choices=Preset.choices)
    mapping = forms.ChoiceField(label=_("Use a saved column choice"), required=False)

    def __init__(self, *args, mappings, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["mapping"]).choices = [
            ("", _("— choose the columns yourself —")),
            *mappings,
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise ValidationError(_("The file is empty."))
        if upload.size > settings.MAX_UPLOAD_MB * 1024 * 1024:
            raise ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_MB}
            )
        return upload


class MappingForm(forms.Form):
    """Which column holds which field, and defaults for what the file does not say."""

    metric = forms.ChoiceField(label=_("The score is"), choices=Metric.choices, required=False)
    channel = forms.CharField(
        label=_("Channel (when the file has none)"), required=False, max_length=50
    )
    touchpoint_uuid = forms.ChoiceField(
        label=_("Touchpoint (when the file has none)"), required=False
    )
    is_internal = forms.BooleanField(
        label=_("All answers come from colleagues (internal)"), required=False
    )
    zone = forms.CharField(widget=forms.HiddenInput, required=False)
    date_order = forms.ChoiceField(
        widget=forms.HiddenInput, required=False, choices=[("", ""), ("dmy", "dmy"), ("mdy", "mdy")]
    )
    save_as = forms.CharField(
        label=_("Save this column choice as"),
        required=False,
        max_length=100,
        help_text=_("For the next export of the same survey."),
    )

    def __init__(self, *args, headers: list[str], labels: list[str], touchpoints, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —")), *list(zip(headers, labels, strict=True))]
        self.column_fields = []
        for name in FIELDS:
            self.fields[f"col_{name}"] = forms.ChoiceField(
                label=FIELD_LABELS[name], choices=choices, required=False
            )
            self.column_fields.append(self[f"col_{name}"])
        cast(forms.ChoiceField, self.fields["touchpoint_uuid"]).choices = [("", "—"), *touchpoints]
        self.option_fields = [
            self[n] for n in ("metric", "channel", "touchpoint_uuid", "is_internal", "save_as")
        ]

    def clean(self):
        data = super().clean()
        chosen = [data.get(f"col_{n}") for n in FIELDS if data.get(f"col_{n}")]
        if len(chosen) != len(set(chosen)):
            raise ValidationError(_("Each column can hold one field only."))
        if not data.get("col_received_at"):
            raise ValidationError(_("Choose the column with the date."))
        if not any(data.get(f"col_{n}") for n in ("score", "reason", "suggestion")):
            raise ValidationError(_("Choose the column with the score or a comment."))
        if data.get("col_score") and not data.get("col_metric") and not data.get("metric"):
            raise ValidationError(_("Say which metric the score is (NPS, CSAT or CES)."))
        return data

    def columns(self) -> dict[str, str]:
        return {
            n: self.cleaned_data[f"col_{n}"] for n in FIELDS if self.cleaned_data.get(f"col_{n}")
        }

    def options(self) -> dict:
        data = self.cleaned_data
        return {
            k: data.get(k)
            for k in ("metric", "channel", "touchpoint_uuid", "is_internal", "zone", "date_order")
            if data.get(k)
        }


class _ColleagueField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.email


class CaseForm(forms.Form):
    assigned_to = _ColleagueField(
        label=_("Who calls back"),
        queryset=None,
        required=False,
        empty_label=_("— the team —"),
        help_text=_("The colleague of the team who contacts the customer."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=CaseStatus.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", "—"), *CaseOutcome.choices]
    )
    note = forms.CharField(
        label=pgettext_lazy("follow-up case", "Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was agreed. No more personal details than needed."),
    )

    def __init__(self, *args, team_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        from klantcultuur.orgs.models import Membership

        cast(forms.ModelChoiceField, self.fields["assigned_to"]).queryset = (
            Membership.objects.active()
            .filter(unit_id=team_id)
            .select_related("user")
            .order_by("user__first_name", "user__last_name")
        )


class EraseForm(forms.Form):
    reference = forms.CharField(
        label=_("Customer reference or e-mail address"),
        max_length=254,
        help_text=_(
            "The reference as it is in the feedback, or the e-mail address the customer gave "
            "on the form."
        ),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this removes the customer's feedback for good."), required=True
    )


class TokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "can_ingest", "can_webhook", "touchpoint"]

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["touchpoint"]
        ).queryset = Touchpoint.objects.filter(organization=organization)
        self.fields["touchpoint"].required = False


class FormbricksFieldsForm(forms.Form):
    """Formbricks question ids and the record field each fills, one per line."""

    lines = forms.CharField(
        label=_("Formbricks questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=lazy(
            lambda: (
                _("One per line: question id = field. Fields: %(fields)s.")
                % {"fields": ", ".join(MAPPABLE)}
            ),
            str,
        )(),  # in the reader's language
    )

    def clean_lines(self) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not line.strip():
                continue
            question, sep, field = line.partition("=")
            question, field = question.strip(), field.strip()
            if not sep or not question or field not in MAPPABLE:
                raise ValidationError(
                    _("Line %(line)s: write “question id = field” with a field from the list.")
                    % {"line": number}
                )
            mapping[question] = field
        return mapping


class LabelForm(forms.Form):
    field = forms.IntegerField(min_value=1, max_value=2)
    position = forms.IntegerField(min_value=0)
    label = forms.ChoiceField(choices=Label.choices)


class AssignForm(forms.Form):
    team = forms.ChoiceField(label=_("Team"))

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        tree = UnitTree.for_organization(organization.id)
        self.units = {}
        # An empty first choice: a form that pre-selects the first unit routes with one click.
        choices: list[tuple[str, object]] = [("", _("— choose a team —"))]
        from klantcultuur.orgs.models import OrgUnit

        by_id = {
            u.id: u
            for u in OrgUnit.objects.filter(organization=organization, archived_at__isnull=True)
        }
        for node, depth in tree.walk():
            unit = by_id.get(node.id)
            if unit:
                self.units[str(unit.uuid)] = unit
                choices.append((str(unit.uuid), "\u2003" * depth + unit.name))
        cast(forms.ChoiceField, self.fields["team"]).choices = choices

    def unit(self):
        return self.units[self.cleaned_data["team"]]


class ReplyTemplateForm(forms.ModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["name", "language", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["body"].help_text = _("Placeholders: %(names)s.") % {
            "names": braced(PLACEHOLDERS)
        }

    def clean(self):
        data = super().clean()
        for name in ("subject", "body"):
            unknown = unknown_placeholders(data.get(name) or "")
            if unknown:
                self.add_error(
                    name,
                    _("Unknown placeholder: %(names)s. Use %(known)s.")
                    % {
                        "names": braced(unknown),
                        "known": braced(PLACEHOLDERS),
                    },
                )
        return data


class ReplyForm(forms.Form):
    """A reply to the customer of a case: a template's text, adapted before it is sent."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 12})
    )
    template = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def clean_body(self) -> str:
        return strip_unsafe(self.cleaned_data["body"]).strip()

    def clean_subject(self) -> str:
        return strip_unsafe(self.cleaned_data["subject"]).strip()
