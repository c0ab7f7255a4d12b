"""Setting journeys up: journeys, phases and steps."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from klantcultuur.feedback.models import Touchpoint
from klantcultuur.journeys.models import Journey, Metric, Phase, Step
from klantcultuur.orgs.models import Organization, OrgUnit

TARGET_RANGE: dict[str, tuple[int, int]] = {
    Metric.NPS: (-100, 100),
    Metric.CSAT: (0, 100),
    Metric.CES: (0, 100),
}


@transaction.atomic
def journey_create(
    *, organization: Organization, name: str, description: str = "", review_months: int = 3
) -> Journey:
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the journey a name."))
    if Journey.objects.filter(organization=organization, name=name).exists():
        raise ValidationError(_("A journey with this name exists already."))
    journey = Journey(
        organization=organization, name=name, description=description, review_months=review_months
    )
    journey.full_clean()
    journey.save()
    return journey


@transaction.atomic
def step_add(
    *,
    journey: Journey,
    phase_name: str,
    name: str,
    team: OrgUnit,
    metric: str,
    target: Decimal,
    touchpoints: Sequence[Touchpoint] = (),
    is_internal: bool = False,
    internal_customer: str = "",
    moment_of_truth: bool = False,
) -> Step:
    """Add a step at the end of its phase (the phase is made when it is new)."""
    org_id = journey.organization_id
    if team.organization_id != org_id:
        raise ValidationError(_("The team belongs to another organisation."))
    if any(t.organization_id != org_id for t in touchpoints):
        raise ValidationError(_("A touchpoint belongs to another organisation."))
    low, high = TARGET_RANGE.get(metric, (0, 0))
    if metric not in TARGET_RANGE or not (low <= target <= high):
        raise ValidationError(
            _("The target must lie between %(low)s and %(high)s.") % {"low": low, "high": high}
        )
    phase_name = phase_name.strip()
    phase = Phase.objects.filter(journey=journey, name=phase_name).first()
    if phase is None:
        last = journey.phases.aggregate(m=Max("position"))["m"]
        phase = Phase.objects.create(
            journey=journey, name=phase_name, position=0 if last is None else last + 1
        )
    last = phase.steps.aggregate(m=Max("position"))["m"]
    step = Step(
        journey=journey,
        phase=phase,
        name=name.strip(),
        team=team,
        metric=metric,
        target=target,
        is_internal=is_internal,
        internal_customer=internal_customer,
        moment_of_truth=moment_of_truth,
        position=0 if last is None else last + 1,
    )
    step.full_clean()
    step.save()
    step.touchpoints.set(touchpoints)
    return step


@transaction.atomic
def step_remove(*, step: Step) -> None:
    phase = step.phase
    step.delete()
    if not phase.steps.exists():
        phase.delete()
