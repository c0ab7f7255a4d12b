"""Organisations, their unit tree, and memberships (who belongs where, in which role)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from klantcultuur.lib.jobs import BackgroundJob, JobStatus
from klantcultuur.orgs.roles import Perm, Role, role_has_perm

# Anonymity thresholds may be raised by an organisation, never lowered below this floor.
ANONYMITY_FLOOR = 3


class Sector(models.TextChoices):
    HOUSING = "housing", _("Housing corporation")
    HEALTH_INSURANCE = "health_insurance", _("Health insurer")
    HEALTHCARE = "healthcare", _("Healthcare")
    GOVERNMENT = "government", _("Government")
    ENERGY = "energy", _("Energy and utilities")
    TELECOM = "telecom", _("Telecom")
    RETAIL = "retail", _("Retail")
    FINANCE = "finance", _("Banking and insurance")
    TRANSPORT = "transport", _("Transport")
    HOSPITALITY = "hospitality", _("Hospitality and leisure")
    EDUCATION = "education", _("Education")
    BUSINESS_SERVICES = "business_services", _("Business services")
    OTHER = "other", _("Other")


class Organization(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    sector = models.CharField(
        _("sector"), max_length=40, choices=Sector.choices, default=Sector.OTHER
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size for figures"),
        default=5,
        validators=[MinValueValidator(ANONYMITY_FLOOR)],
        help_text=_("No figure is shown for a group with fewer respondents (at least 3)."),
    )
    min_comment_group_size = models.PositiveSmallIntegerField(
        _("minimum group size for comments"),
        default=10,
        validators=[MinValueValidator(ANONYMITY_FLOOR)],
        help_text=_("No open answer is shown for a group with fewer respondents (at least 3)."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_group_size__gte=ANONYMITY_FLOOR)
                & Q(min_comment_group_size__gte=ANONYMITY_FLOOR),
                name="org_anonymity_floor",
            )
        ]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    DIVISION = "division", _("Division")
    DEPARTMENT = "department", _("Department")
    TEAM = "team", _("Team")


class Office(models.TextChoices):
    FRONT = "front", _("Front office")
    BACK = "back", _("Back office")


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def active(self) -> OrgUnitQuerySet:
        return self.filter(archived_at__isnull=True)


class OrgUnit(models.Model):
    """A division, department or team; the tree is kept as parent links."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"), max_length=50, help_text=_("The unit's code in your HR system.")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.TEAM
    )
    office = models.CharField(
        _("front or back office"),
        max_length=10,
        choices=Office.choices,
        default=Office.FRONT,
        help_text=_("A back-office unit serves internal customers: colleagues."),
    )
    manager = models.ForeignKey(
        "Membership",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_units",
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="orgunit_code_unique"),
        ]
        indexes = [models.Index(fields=["organization", "parent"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(archived_at__isnull=True, user__is_active=True)


class Membership(models.Model):
    """A person's place in one organisation: role, home unit, invitation state."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    employee_number = models.CharField(_("employee number"), max_length=50, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)  # the default organisation at login
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organization})"

    def has_perm(self, perm: Perm) -> bool:
        return role_has_perm(self.role, perm)

    @property
    def is_manager(self) -> bool:
        """Whether this person leads people: the manager role or a unit they manage."""
        return self.role == Role.MANAGER or bool(self.managed_unit_ids)

    @cached_property
    def managed_unit_ids(self) -> frozenset[int]:
        return frozenset(self.managed_units.active().values_list("id", flat=True))

    def led_unit_ids(self) -> frozenset[int]:
        """One's own unit and every unit in the subtrees one manages."""
        ids = {self.unit_id} if self.unit_id else set()
        if self.managed_unit_ids:
            from klantcultuur.orgs.tree import UnitTree

            tree = UnitTree.for_organization(self.organization_id)
            for unit_id in self.managed_unit_ids:
                ids.update(tree.subtree_ids(unit_id))
        return frozenset(ids)

    def visible_unit_ids(self) -> frozenset[int]:
        """Units whose results this person may read: all, the subtrees they lead, or their own.

        Kept on the instance: the middleware makes one membership per request, and a page
        asks this for every object it checks."""
        if "_visible_unit_ids" not in self.__dict__:
            if self.has_perm(Perm.VIEW_ALL_UNITS):
                ids = OrgUnit.objects.filter(organization_id=self.organization_id)
                visible = frozenset(ids.values_list("id", flat=True))
            else:
                visible = self.led_unit_ids()
            self.__dict__["_visible_unit_ids"] = visible
        return self.__dict__["_visible_unit_ids"]

    def can_see_unit(self, unit: OrgUnit) -> bool:
        return unit.organization_id == self.organization_id and unit.id in self.visible_unit_ids()

    @property
    def status(self) -> str:
        if self.archived_at:
            return "archived"
        if self.joined_at or self.user.has_usable_password():
            return "active"
        if self.invited_at:
            return "invited"
        return "not_invited"


class PeopleImport(BackgroundJob):
    """An uploaded HR file: previewed, then applied in one transaction by a background task."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="people_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    filename = models.CharField(max_length=255)
    # Kept in the database so that a worker on another machine can read it.
    content = models.BinaryField()
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.PREVIEW)
    summary = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
