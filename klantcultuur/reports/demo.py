"""Demo content of the reports app for Woonstichting Rivierduin: the board report e-mailed
monthly to the board, and a few weeks of audit trail (logins, a failed login, an export, a
role change, an API token). A second load adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from klantcultuur.audit.models import Action, AuditEvent
from klantcultuur.orgs.demo import ORG_SLUG
from klantcultuur.orgs.models import Membership, Organization
from klantcultuur.orgs.roles import Role
from klantcultuur.reports.models import ReportSchedule
from klantcultuur.reports.period import previous_month


def _first(org: Organization, role: str) -> Membership | None:
    found = Membership.objects.active().filter(organization=org, role=role)
    return found.select_related("user").order_by("id").first()


@transaction.atomic
def load() -> str:
    org = Organization.objects.filter(slug=ORG_SLUG).first()
    if org is None:
        return ""
    schedules = 0
    if not ReportSchedule.objects.filter(organization=org).exists():
        ReportSchedule.objects.create(
            organization=org,
            roles=[Role.BOARD.value],
            language="nl",
            last_sent_for=previous_month(timezone.localdate()).start,
        )
        schedules = 1
    events = 0
    # Other demos write real events (the programme's interest analysis): the trail is known
    # by its own export.
    if not AuditEvent.objects.filter(organization=org, target="klantstem-demo.csv").exists():
        events = _trail(org)
    return f"{schedules} scheduled report, {events} audit events"


def _trail(org: Organization) -> int:
    admin, board, cx_lead = (_first(org, r) for r in (Role.ADMIN, Role.BOARD, Role.CX_LEAD))
    hr = _first(org, Role.HR)
    if not (admin and board and cx_lead and hr):
        return 0
    now = timezone.now().replace(second=0, microsecond=0)
    rows = []

    def add(days: float, action: str, who: Membership | None, *, email="", target="", **details):
        rows.append(
            AuditEvent(
                at=now - timedelta(days=days),
                organization=None if action in (Action.LOGIN, Action.LOGIN_FAILED) else org,
                actor_id=who.user_id if who else None,
                actor_email=who.user.email if who else email,
                action=action,
                target=target,
                details=details,
                ip_address="192.0.2.10",
            )
        )

    for day in (20, 13, 6, 1):
        add(day + 0.3, Action.LOGIN, board)
        add(day + 0.2, Action.LOGIN, cx_lead)
    add(12.1, Action.LOGIN_FAILED, None, email=board.user.email)
    add(12.0, Action.LOGIN, board)
    add(9.5, Action.LOGIN, admin)
    add(9.4, Action.ROLE_CHANGED, admin, target=hr.user.email, **{"from": "employee", "to": "hr"})
    add(8.2, Action.API_TOKEN_CREATED, admin, target="Koppeling klantonderzoek", prefix="kc_demo01")
    add(6.1, Action.EXPORT, cx_lead, target="klantstem-demo.csv", format="csv")
    add(1.1, Action.EXPORT, board, target="woonstichting-rivierduin.pdf", kind="board_report")
    AuditEvent.objects.bulk_create(rows)
    return len(rows)
