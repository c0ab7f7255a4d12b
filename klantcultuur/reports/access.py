"""Loaders of the reports app's objects."""

from __future__ import annotations

from uuid import UUID

from django.shortcuts import get_object_or_404

from klantcultuur.orgs.access import require_perm
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.reports.models import ReportSchedule


def get_schedule_for_user(request: MemberRequest, code: UUID) -> ReportSchedule:
    """A schedule of the current organisation (404 for any other, 403 without the role)."""
    schedule = get_object_or_404(
        ReportSchedule.objects.select_related("unit"),
        organization=request.organization,
        uuid=code,
    )
    require_perm(request, Perm.MANAGE_PROGRAMME)
    return schedule
