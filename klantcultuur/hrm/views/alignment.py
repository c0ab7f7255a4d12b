"""What HR says against what employees see: per HR process over the scan's waves."""

from __future__ import annotations

from django.shortcuts import render

from klantcultuur.hrm import selectors, steps
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.VIEW_ALL_UNITS, methods=("GET",))
def alignment(request: MemberRequest):
    found = selectors.alignment(request.organization, request.membership)
    return render(
        request,
        "hrm/alignment.html",
        {"alignment": found, "tab": "alignment", "gap_notable": steps.GAP_NOTABLE},
    )
