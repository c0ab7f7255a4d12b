"""The KPI catalogue, each team's KPIs with owner and target, and hand-entered values."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.huddle.steering import evaluation
from klantcultuur.orgs.models import Membership, Organization, OrgUnit


class KpiSource(models.TextChoices):
    FEEDBACK = "feedback", _("Computed from customer feedback")
    MANUAL = "manual", _("Entered by hand")


class Measure(models.TextChoices):
    NPS = evaluation.NPS, _("NPS")
    CSAT = evaluation.CSAT, _("CSAT (share 4–5)")
    CES_MEAN = evaluation.CES_MEAN, _("CES (mean, 1–7)")
    CES_HIGH = evaluation.CES_HIGH, _("CES (share easy, 5–7)")
    COMPLIMENTS = evaluation.COMPLIMENTS, _("Share of compliments")
    OPEN_CASES = evaluation.OPEN_CASES, _("Open follow-up cases")
    OVERDUE_CASES = evaluation.OVERDUE_CASES, _("Overdue follow-up cases")


class Period(models.TextChoices):
    DAY = "day", _("Per day")
    WEEK = "week", _("Per week")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Kpi(models.Model):
    """A KPI of the organisation's catalogue: computed from feedback or entered by hand."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(
        _("what it measures"), blank=True, help_text=_("How it is measured and why it matters.")
    )
    source = models.CharField(
        _("source"), max_length=10, choices=KpiSource.choices, default=KpiSource.MANUAL
    )
    measure = models.CharField(
        _("computed figure"),
        max_length=20,
        choices=Measure.choices,
        blank=True,
        help_text=_("Only for KPIs computed from customer feedback."),
    )
    period = models.CharField(
        _("period"),
        max_length=5,
        choices=Period.choices,
        default=Period.DAY,
        help_text=_(
            "Hand-entered: one value per day or per week. From feedback: the days since the "
            "previous working day, or the last seven days."
        ),
    )
    unit = models.CharField(
        _("unit"), max_length=20, blank=True, help_text=_("For example %, days, minutes.")
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals"), default=0, validators=[MaxValueValidator(3)]
    )
    direction = models.CharField(
        _("better is"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    default_target = models.DecimalField(
        _("default target"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Used for teams without a target of their own."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="kpi_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_feedback(self) -> bool:
        return self.source == KpiSource.FEEDBACK

    @property
    def is_case_count(self) -> bool:
        return self.measure in evaluation.CASE_MEASURES

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def apply_measure_format(self) -> None:
        """Computed KPIs get the unit and decimals of their figure."""
        if self.is_feedback and self.measure in evaluation.MEASURE_FORMAT:
            self.unit, self.decimals = evaluation.MEASURE_FORMAT[self.measure]


class TeamKpi(models.Model):
    """A KPI on a team's board, with the colleague who follows it and the team's target."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="team_kpis")
    team = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="team_kpis")
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_kpis",
        help_text=_("The colleague who follows this KPI and reports it at the dagstart."),
    )
    target = models.DecimalField(
        _("target"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Empty: the KPI's default target."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # Set by the team's KPI page: why no figures can come (empty when they can).
    data_gap: str

    class Meta:
        ordering = ["position", "kpi__position", "kpi__name"]
        verbose_name = _("team KPI")
        verbose_name_plural = _("team KPIs")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "team"], name="team_kpi_unique"),
        ]
        indexes = [models.Index(fields=["team", "position"], name="team_kpi_team")]

    def __str__(self) -> str:
        return f"{self.kpi} ({self.team})"

    @property
    def effective_target(self) -> Decimal | None:
        return self.target if self.target is not None else self.kpi.default_target


class KpiValue(models.Model):
    """The current hand-entered value of a KPI for one team and period (day or ISO week).

    `period_start` is the day itself or the Monday of the week. Every entry and correction
    is kept in `KpiValueChange` (who, when, old → new).
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    team = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+", db_index=False)
    period_start = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    entered_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)
    corrections = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "kpi", "period_start"], name="kpi_value_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.team_id} {self.period_start}: {self.value}"


class KpiValueChange(models.Model):
    """One entry or correction of a hand-entered value."""

    value = models.ForeignKey(KpiValue, on_delete=models.CASCADE, related_name="changes")
    old_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    new_value = models.DecimalField(max_digits=14, decimal_places=4)
    changed_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.old_value} → {self.new_value}"
