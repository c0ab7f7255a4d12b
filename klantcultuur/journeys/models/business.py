"""The business case of customer retention, in the organisation's own numbers."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.orgs.models import Membership, Organization

_PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class BusinessCase(models.Model):
    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="+")
    customers = models.PositiveIntegerField(_("number of customers"))
    churn_percent = models.DecimalField(
        _("churn per year (%)"), max_digits=5, decimal_places=2, validators=_PERCENT
    )
    revenue_per_customer = models.DecimalField(
        _("yearly revenue per customer (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    acquisition_cost = models.DecimalField(
        _("cost of winning a customer (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    # Churn per NPS band when the organisation knows it; empty: the default ratios apply.
    churn_promoters = models.DecimalField(
        _("churn of promoters (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_PERCENT,
    )
    churn_passives = models.DecimalField(
        _("churn of passives (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_PERCENT,
    )
    churn_detractors = models.DecimalField(
        _("churn of detractors (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_PERCENT,
    )
    scenario_percent = models.PositiveSmallIntegerField(
        _("detractors who become passives (%)"),
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("business case")

    def __str__(self) -> str:
        return str(_("business case"))
