"""Forms of the culture scan's management pages (the answering form is built from the questionnaire)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.forms import UnitChoiceField
from klantcultuur.orgs.models import Organization, OrgUnit
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.scan.models import QuestionnaireVersion, Wave
from klantcultuur.scan.services.questionnaires import CUSTOM_SECTION

MAX_REMINDERS = 5


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionField(forms.ModelChoiceField):
    """A questionnaire version by its title and number."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.title} · {_('version')} {obj.number}"


class ReminderDaysField(forms.Field):
    """Days after opening, e.g. "7, 12"."""

    def to_python(self, value) -> list[int]:
        text = "" if value in self.empty_values else str(value)
        if not text.strip():
            return []
        try:
            days = sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip()})
        except ValueError:
            raise forms.ValidationError(
                _("Write whole numbers of days, separated by commas.")
            ) from None
        if any(day < 1 for day in days) or len(days) > MAX_REMINDERS:
            raise forms.ValidationError(
                _("Up to %(n)s reminders, each at least one day after opening.")
                % {"n": MAX_REMINDERS}
            )
        return days

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(day) for day in value)
        return value


class ScopeField(forms.ModelMultipleChoiceField):
    """Units in tree order, indented; none chosen means the whole organisation."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, organization: Organization, **kwargs):
        self.depth = {
            node.id: depth for node, depth in UnitTree.for_organization(organization.id).walk()
        }
        order = list(self.depth)
        units = {
            u.id: u
            for u in OrgUnit.objects.filter(organization=organization, archived_at__isnull=True)
        }
        super().__init__(queryset=OrgUnit.objects.filter(id__in=order), **kwargs)
        self.choices = [
            (units[i].id, self.label_from_instance(units[i])) for i in order if i in units
        ]

    def label_from_instance(self, obj: OrgUnit) -> str:
        return "\u2003" * self.depth.get(obj.id, 0) + obj.name


class WaveForm(forms.ModelForm):
    reminder_days = ReminderDaysField(
        label=_("Reminders (days after opening)"),
        required=False,
        initial=[7, 12],
        help_text=_("For example “7, 12”: people who have not answered get an e-mail then."),
    )

    class Meta:
        model = Wave
        fields = ["name", "questionnaire", "opens_on", "closes_on", "reminder_days", "scope_units"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        launched = self.instance.pk is not None and self.instance.launched_at is not None
        self.fields["questionnaire"] = VersionField(
            queryset=QuestionnaireVersion.objects.filter(organization__in=[organization])
            | QuestionnaireVersion.objects.filter(organization=None),
            label=_("Questionnaire version"),
            empty_label=None,
            help_text=_("The wave keeps this version, also when your own copy changes later."),
        )
        self.fields["scope_units"] = ScopeField(
            organization,
            required=False,
            label=_("Units"),
            help_text=_(
                "Choose nothing for the whole organisation. A unit includes every unit below it."
            ),
        )
        if self.instance.pk is not None:
            # What the wave started with stays: only name, dates and reminders can change.
            for name in ("questionnaire", "scope_units"):
                del self.fields[name]
            if launched:
                self.fields["opens_on"].disabled = True
        else:
            today = timezone.localdate()
            self.fields["opens_on"].initial = today
            self.fields["closes_on"].initial = today + timedelta(days=21)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The wave cannot close before it opens."))
        return data


class QuestionForm(forms.Form):
    """One own statement or open question, in Dutch and English."""

    KINDS = [("likert", _("Statement (agree – disagree)")), ("open", _("Open question"))]
    AUDIENCES = [("all", _("Everybody")), ("managers", _("Managers only")),
                 ("employees", _("Employees only"))]  # fmt: skip

    kind = forms.ChoiceField(
        label=_("Kind"), choices=KINDS, widget=forms.RadioSelect, initial="likert"
    )
    text_nl = forms.CharField(
        label=_("Text in Dutch"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=_("Text in English"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    section = forms.ChoiceField(label=_("Page"))
    audience = forms.ChoiceField(label=_("Asked to"), choices=AUDIENCES, initial="all")
    reverse = forms.BooleanField(
        label=_("Reverse-keyed"),
        required=False,
        help_text=_(
            "Tick when agreeing is the undesired answer (“Rules matter more here than customers”)."
        ),
    )

    def __init__(self, *args, sections: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(key, title) for key, title in sections if key not in ("open", CUSTOM_SECTION)]
        section = self.fields["section"]
        assert isinstance(section, forms.ChoiceField)
        section.choices = [
            (CUSTOM_SECTION, _("Our own questions (a page of its own)")),
            *choices,
        ]
        self.fields["section"].initial = CUSTOM_SECTION

    def clean(self):
        data = super().clean()
        if data.get("kind") == "open":
            data["section"] = "open"  # open questions stay on the last page
        return data


class OpenLinkForm(forms.Form):
    """A unit of the wave's scope for an open link."""

    def __init__(
        self, *args, organization: Organization, tree: UnitTree, covered: set[int] | None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        outside = frozenset() if covered is None else frozenset(tree.ids()) - covered
        self.fields["unit"] = UnitChoiceField(
            organization, exclude=outside, label=_("Unit"), empty_label=_("— choose a unit —")
        )
        self.fields["max_answers"] = forms.IntegerField(
            label=_("Expected number of people"),
            required=False,
            min_value=1,
            max_value=100_000,
            help_text=_(
                "Empty: as many as the unit has people in Klantcultuur. The unit takes no "
                "more answers than this."
            ),
        )
