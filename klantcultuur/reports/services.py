"""Scheduled board reports: set up, remove, and announce the ones that are due."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from klantcultuur.notify.services import notify
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.reports.models import RECIPIENT_ROLES, ReportSchedule
from klantcultuur.reports.period import previous_month


def schedule_create(
    *,
    organization: Organization,
    unit: OrgUnit | None,
    roles: list[str],
    language: str,
    by: Membership,
) -> ReportSchedule:
    if unit is not None and unit.organization_id != organization.id:
        raise ValidationError({"unit": _("The unit belongs to another organisation.")})
    roles = [r for r in roles if r in RECIPIENT_ROLES]
    if not roles:
        raise ValidationError({"roles": _("Choose at least one role to send it to.")})
    return ReportSchedule.objects.create(
        organization=organization,
        unit=unit,
        roles=roles,
        language=language,
        created_by=by.user,
        # Not for the month that just ended when it is set up: from the next one on.
        last_sent_for=previous_month(timezone.localdate()).start,
    )


def schedule_delete(*, schedule: ReportSchedule) -> None:
    schedule.delete()


def report_link(schedule: ReportSchedule, start: date, end: date) -> str:
    query = {"start": start.isoformat(), "end": end.isoformat(), "lang": schedule.language}
    if schedule.unit is not None:
        query["unit"] = str(schedule.unit.uuid)
    return f"{settings.SITE_URL}{reverse('reports-pdf')}?{urlencode(query)}"


def schedule_send(*, schedule: ReportSchedule, today: date) -> int:
    """Announce the previous month's report to the schedule's roles; once per month."""
    period = previous_month(today)
    with transaction.atomic():
        locked = ReportSchedule.objects.select_for_update().get(pk=schedule.pk)
        if locked.last_sent_for is not None and locked.last_sent_for >= period.start:
            return 0
        recipients = list(
            Membership.objects.active()
            .filter(organization_id=locked.organization_id, role__in=locked.roles)
            .select_related("user")
        )
        name = locked.unit.name if locked.unit else locked.organization.name

        def compose() -> tuple[str, str]:
            # The schedule's language, whatever the recipient's: the e-mail is about a
            # report in that language.
            with translation.override(locked.language):
                month = date_format(period.start, "F Y")
                subject = _("Board report %(name)s, %(month)s") % {"name": name, "month": month}
                body = _(
                    "The board report of %(name)s over %(month)s is ready: the maturity phase, "
                    "customer figures with their trends, dagstart adoption, improvement actions "
                    "and the programme. Open it (after logging in) with the link below."
                ) % {"name": name, "month": month}
            return subject, body

        notify(
            organization=locked.organization,
            recipients=recipients,
            compose=compose,
            link=report_link(locked, period.start, period.end),
            to_channel=False,
        )
        locked.last_sent_for = period.start
        locked.save(update_fields=["last_sent_for"])
    return len(recipients)


def send_due(*, today: date | None = None) -> int:
    """Every schedule not yet sent for the month before `today` (a daily job; idempotent)."""
    today = today or timezone.localdate()
    due = ReportSchedule.objects.exclude(last_sent_for__gte=previous_month(today).start)
    sent = 0
    for schedule in due.select_related("organization", "unit"):
        sent += schedule_send(schedule=schedule, today=today)
    return sent
