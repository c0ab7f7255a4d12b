"""The scan's start page: what the member can fill in, run and read."""

from __future__ import annotations

from django.shortcuts import render

from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.scan import selectors
from klantcultuur.scan.services import invitation_token


@member_required(methods=("GET",))
def index(request: MemberRequest):
    membership = request.membership
    waves = list(selectors.waves_of(request.organization))
    if not membership.has_perm(Perm.MANAGE_SCANS):
        waves = [wave for wave in waves if wave.launched_at is not None]
    to_fill = [
        {"wave": invitation.wave, "token": invitation_token(invitation)}
        for invitation in selectors.open_invitations(membership)
    ]
    # report_status: annotated by selectors.waves_for
    published = [
        w for w in waves if w.is_closed and getattr(w, "report_status", None) == JobStatus.DONE
    ]
    return render(
        request,
        "scan/index.html",
        {
            "waves": waves,
            "to_fill": to_fill,
            "published": published,
            "can_manage": membership.has_perm(Perm.MANAGE_SCANS),
            "can_read_reports": membership.has_perm(Perm.VIEW_SCAN_REPORTS),
        },
    )
