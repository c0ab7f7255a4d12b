"""The reports demo: a monthly board report for the board and a few weeks of audit trail;
the demo organisation's report opens with its scan phase and draws as a PDF."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from klantcultuur.audit.models import Action, AuditEvent
from klantcultuur.orgs.demo import ORG_SLUG
from klantcultuur.orgs.models import Membership, Organization
from klantcultuur.orgs.roles import Role
from klantcultuur.reports.models import ReportSchedule

pytestmark = pytest.mark.slow  # loads the demo


@pytest.mark.django_db
def test_the_demo_schedules_the_board_report_and_has_an_audit_trail(client):
    call_command("load_demo")
    org = Organization.objects.get(slug=ORG_SLUG)
    assert ReportSchedule.objects.get(organization=org).roles == ["board"]
    assert AuditEvent.objects.filter(organization=org, action=Action.EXPORT).exists()
    before = (ReportSchedule.objects.count(), AuditEvent.objects.count())
    call_command("load_demo")
    assert (ReportSchedule.objects.count(), AuditEvent.objects.count()) == before

    board = Membership.objects.filter(organization=org, role=Role.BOARD).order_by("id").first()
    assert board is not None
    client.force_login(board.user)
    html = client.get(reverse("reports-board")).content.decode()
    assert "Volwassenheidsfase" in html
    pdf = client.get(reverse("reports-pdf"))
    assert pdf.content.startswith(b"%PDF")
