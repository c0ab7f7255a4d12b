"""The KPI catalogue, team KPIs (owner and target) and hand-entered values with history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.huddle.models import Kpi, KpiSource, KpiValue, KpiValueChange, Period, TeamKpi
from klantcultuur.huddle.steering.days import week_start
from klantcultuur.orgs.models import Membership, OrgUnit

MAX_ABS_VALUE = Decimal("1e9")


def kpi_save(*, kpi: Kpi) -> Kpi:
    """Create or change a catalogue KPI; a KPI with values keeps its source and period."""
    if kpi.source == KpiSource.FEEDBACK and not kpi.measure:
        raise ValidationError({"measure": _("Choose the figure to compute from feedback.")})
    if kpi.source == KpiSource.MANUAL:
        kpi.measure = ""
    if kpi.pk:
        stored = Kpi.objects.get(pk=kpi.pk)
        changed = stored.source != kpi.source or stored.period != kpi.period
        if changed and KpiValue.objects.filter(kpi=kpi).exists():
            raise ValidationError(
                _("This KPI has values already: its source and period can no longer change.")
            )
    kpi.apply_measure_format()
    kpi.full_clean()
    kpi.save()
    return kpi


def kpi_archive(*, kpi: Kpi) -> None:
    """Take a KPI off every board; its values and history stay."""
    kpi.archived_at = timezone.now()
    kpi.save(update_fields=["archived_at"])


def _check_owner(team: OrgUnit, owner: Membership | None) -> None:
    if owner is not None and (
        owner.organization_id != team.organization_id or owner.archived_at is not None
    ):
        raise ValidationError({"owner": _("The owner is not a member of this organisation.")})


@transaction.atomic
def team_kpi_add(
    *, team: OrgUnit, kpi: Kpi, owner: Membership | None, target: Decimal | None
) -> TeamKpi:
    """Put a catalogue KPI on a team's board with its owner and target."""
    if kpi.organization_id != team.organization_id:
        raise ValidationError({"kpi": _("The KPI belongs to another organisation.")})
    if TeamKpi.objects.filter(team=team, kpi=kpi).exists():
        raise ValidationError({"kpi": _("This KPI is on the team's board already.")})
    _check_owner(team, owner)
    position = TeamKpi.objects.filter(team=team).count()
    return TeamKpi.objects.create(
        organization_id=team.organization_id,
        team=team,
        kpi=kpi,
        owner=owner,
        target=target,
        position=position,
    )


def team_kpi_update(
    *, team_kpi: TeamKpi, owner: Membership | None, target: Decimal | None, position: int
) -> TeamKpi:
    _check_owner(team_kpi.team, owner)
    team_kpi.owner, team_kpi.target, team_kpi.position = owner, target, position
    team_kpi.save(update_fields=["owner", "target", "position"])
    return team_kpi


def period_for(kpi: Kpi, day: date) -> date:
    """The period a day's value belongs to: the day, or the Monday of its week."""
    return week_start(day) if kpi.period == Period.WEEK else day


@transaction.atomic
def kpi_value_set(
    *,
    team_kpi: TeamKpi,
    day: date,
    value: Decimal,
    by: Membership,
    now: datetime | None = None,
) -> KpiValue:
    """Enter a team's value for a period, or correct it; every change is kept (old → new)."""
    now = now or timezone.now()
    kpi = team_kpi.kpi
    if kpi.source != KpiSource.MANUAL:
        raise ValidationError(_("This KPI is computed from customer feedback."))
    if day > timezone.localdate(now):
        raise ValidationError(_("A value cannot be for a day in the future."))
    if abs(value) >= MAX_ABS_VALUE:
        raise ValidationError(_("This value is too large."))
    value = value.quantize(Decimal("0.0001"))
    period = period_for(kpi, day)
    row, created = KpiValue.objects.get_or_create(
        team_id=team_kpi.team_id,
        kpi=kpi,
        period_start=period,
        defaults={
            "organization_id": team_kpi.organization_id,
            "value": value,
            "entered_by": by,
            "entered_at": now,
        },
    )
    if created:
        KpiValueChange.objects.create(
            value=row, old_value=None, new_value=value, changed_by=by, changed_at=now
        )
        return row
    row = KpiValue.objects.select_for_update().get(pk=row.pk)
    if row.value == value:
        return row
    KpiValueChange.objects.create(
        value=row, old_value=row.value, new_value=value, changed_by=by, changed_at=now
    )
    row.value, row.entered_by, row.entered_at = value, by, now
    row.corrections += 1
    row.save(update_fields=["value", "entered_by", "entered_at", "corrections"])
    return row
