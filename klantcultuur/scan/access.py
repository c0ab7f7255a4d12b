"""Loading the scan's objects for the current member: 404 outside the organisation, 403 without the role."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q
from django.shortcuts import get_object_or_404

from klantcultuur.orgs.access import require_perm
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.scan.models import OpenLink, QuestionnaireVersion, Wave


def get_wave_for_user(request: MemberRequest, code: UUID) -> Wave:
    """A wave of the current organisation (404 for any other)."""
    return get_object_or_404(
        Wave.objects.select_related("questionnaire", "organization"),
        organization=request.organization,
        uuid=code,
    )


def get_wave_rw_for_user(request: MemberRequest, code: UUID) -> Wave:
    """A wave the current member may run (404 outside the organisation, 403 without the role)."""
    wave = get_wave_for_user(request, code)
    require_perm(request, Perm.MANAGE_SCANS)
    return wave


def get_wave_report_for_user(request: MemberRequest, code: UUID) -> Wave:
    """A wave whose reports the current member may read (404 elsewhere, 403 without the role)."""
    wave = get_wave_for_user(request, code)
    require_perm(request, Perm.VIEW_SCAN_REPORTS)
    return wave


def get_open_link_for_user(request: MemberRequest, code: UUID) -> OpenLink:
    """An open link of one of the organisation's waves (404 for any other)."""
    return get_object_or_404(
        OpenLink.objects.select_related("wave", "unit"),
        wave__organization=request.organization,
        uuid=code,
    )


def get_open_link_rw_for_user(request: MemberRequest, code: UUID) -> OpenLink:
    """An open link the current member may switch on or off (403 without the role)."""
    link = get_open_link_for_user(request, code)
    require_perm(request, Perm.MANAGE_SCANS)
    return link


def get_version_for_user(request: MemberRequest, code: UUID) -> QuestionnaireVersion:
    """A standard questionnaire version or one of the organisation's own (404 for another's)."""
    return get_object_or_404(
        QuestionnaireVersion.objects.filter(
            Q(organization__isnull=True) | Q(organization=request.organization)
        ),
        uuid=code,
    )
