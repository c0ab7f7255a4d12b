"""Forms of the organisation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from klantcultuur.lib.text import validate_one_line
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Role, grantable_choices, may_grant
from klantcultuur.orgs.tree import UnitTree


class _TreeOrderIterator(forms.models.ModelChoiceIterator):
    field: UnitChoiceField

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = {unit.id: unit for unit in self.queryset}
        for unit_id in self.field.order:
            if unit_id in units:
                yield self.choice(units[unit_id])

    def __len__(self) -> int:
        return len(self.field.order) + (self.field.empty_label is not None)


class UnitChoiceField(forms.ModelChoiceField):
    """The organisation's active units, in tree order and indented by depth."""

    iterator = _TreeOrderIterator

    def __init__(
        self, organization: Organization, *, exclude: frozenset[int] = frozenset(), **kwargs
    ):
        self.order: list[int] = []
        self.depth: dict[int, int] = {}
        for node, level in UnitTree.for_organization(organization.id).walk():
            if node.id not in exclude:
                self.order.append(node.id)
                self.depth[node.id] = level
        queryset = OrgUnit.objects.filter(organization=organization, archived_at__isnull=True)
        if exclude:
            queryset = queryset.exclude(id__in=exclude)
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj: OrgUnit) -> str:
        return "\u2003" * self.depth.get(obj.id, 0) + obj.name


def _member_choices(organization: Organization):
    return (
        Membership.objects.active()
        .filter(organization=organization)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.get_full_name() or obj.user.email} ({obj.user.email})"


class UnitForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "code", "kind", "office", "parent", "manager"]

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        exclude: frozenset[int] = frozenset()
        if self.instance.pk:
            exclude = frozenset(
                UnitTree.for_organization(organization.id).subtree_ids(self.instance.pk)
            )
        self.fields["parent"] = UnitChoiceField(
            organization,
            exclude=exclude,
            required=False,
            label=_("Part of"),
            empty_label=_("— top level —"),
        )
        self.fields["manager"] = MemberChoiceField(
            queryset=_member_choices(organization),
            required=False,
            label=_("Manager"),
            empty_label=_("— none —"),
        )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        clash = OrgUnit.objects.filter(organization=self.instance.organization, code=code)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another unit already has this code."))
        return code


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    infix = forms.CharField(label=_("Infix"), max_length=30, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EMPLOYEE)

    def __init__(self, *args, organization: Organization, actor: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the roles the actor may give (the service checks again).
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = grantable_choices(actor.role)
        self.fields["unit"] = UnitChoiceField(
            organization, required=False, label=_("Unit"), empty_label=_("— none —")
        )


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "unit", "job_title"]

    def __init__(self, *args, organization: Organization, actor: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        if may_grant(actor.role, self.instance.role):
            # Only the roles the actor may give (the service checks again).
            role.choices = grantable_choices(actor.role)
        else:
            # A colleague above the actor keeps their role: shown, not changeable.
            role.disabled = True
            role.help_text = _("Only someone who holds every permission of this role changes it.")
        self.fields["unit"] = UnitChoiceField(
            organization, required=False, label=_("Unit"), empty_label=_("— none —")
        )


class OrganizationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "sector", "min_group_size", "min_comment_group_size"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        validate_one_line(name)  # it goes into e-mail subjects
        return name


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Semicolon or comma separated, UTF-8 or Windows-1252, or an Excel file."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = 10 * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
