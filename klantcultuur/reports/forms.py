from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from klantcultuur.audit.models import MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, Action
from klantcultuur.orgs.roles import Role
from klantcultuur.reports.models import RECIPIENT_ROLES, Language


class ScheduleForm(forms.Form):
    unit = forms.ChoiceField(label=_("Report of"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=[(r.value, r.label) for r in RECIPIENT_ROLES],
        widget=forms.CheckboxSelectMultiple,
        initial=[Role.BOARD.value],
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("The whole organisation"))] + [(str(u.uuid), u.name) for u in units]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("Everything")), *Action.choices]
    )
    who = forms.CharField(label=_("Who (e-mail)"), required=False, max_length=254)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To (inclusive)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class RetentionForm(forms.Form):
    retention_days = forms.IntegerField(
        label=_("Keep the audit trail for (days)"),
        min_value=MIN_RETENTION_DAYS,
        max_value=MAX_RETENTION_DAYS,
    )
