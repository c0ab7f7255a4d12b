"""The business case: the board's numbers."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from klantcultuur.journeys.models import BusinessCase
from klantcultuur.orgs.models import Membership

FIELDS = ("customers", "churn_percent", "revenue_per_customer", "acquisition_cost",
          "churn_promoters", "churn_passives", "churn_detractors", "scenario_percent")  # fmt: skip


@transaction.atomic
def business_case_save(*, by: Membership, values: dict) -> BusinessCase:
    case = BusinessCase.objects.filter(organization_id=by.organization_id).first()
    case = case or BusinessCase(organization_id=by.organization_id)
    for name in FIELDS:
        setattr(case, name, values.get(name))
    case.updated_at, case.updated_by = timezone.now(), by
    case.full_clean()
    case.save()
    return case
