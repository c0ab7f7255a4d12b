"""The business case of retention in the board's own numbers."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.journeys.forms import BusinessCaseForm
from klantcultuur.journeys.models import BusinessCase
from klantcultuur.journeys.selectors import business_case_outcome
from klantcultuur.journeys.services.business import business_case_save
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.VIEW_ALL_UNITS)
def business_case(request: MemberRequest):
    case = BusinessCase.objects.filter(organization=request.organization).first()
    can_edit = request.membership.has_perm(Perm.STEER_ALL_TEAMS)
    form = BusinessCaseForm(request.POST or None, instance=case)
    if request.method == "POST":
        if not can_edit:
            messages.error(
                request,
                _("Only the board, the CX lead and administrators change the business case."),
            )
            return redirect("journeys-business")
        if form.is_valid():
            business_case_save(by=request.membership, values=form.cleaned_data)
            messages.success(request, _("The business case has been saved."))
            return redirect("journeys-business")
    end = timezone.localdate()
    outcome = business_case_outcome(
        case=case, organization=request.organization, start=end - timedelta(days=364), end=end
    )
    return render(
        request,
        "journeys/business.html",
        {"case": case, "form": form, "can_edit": can_edit, **outcome},
    )
