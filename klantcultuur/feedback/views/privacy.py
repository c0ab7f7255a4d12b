"""Erasing a customer's data on request, with its audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.feedback.forms import EraseForm
from klantcultuur.feedback.models import ErasureLog, FeedbackSettings
from klantcultuur.feedback.services.privacy import customer_erase
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.ERASE_CUSTOMER_DATA)
def page(request: MemberRequest):
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        log = customer_erase(
            organization=request.organization,
            reference=form.cleaned_data["reference"],
            actor=request.user,
        )
        if log.records:
            messages.success(
                request,
                _(
                    "Erased: %(records)s responses, %(cases)s follow-up cases, %(sentences)s sentences."
                )
                % {"records": log.records, "cases": log.cases, "sentences": log.sentences},
            )
        else:
            messages.warning(
                request,
                _(
                    "No responses have this customer reference. It must match exactly, capitals "
                    "included: check how it is written in the feedback."
                ),
            )
        return redirect("feedback-privacy")
    logs = ErasureLog.objects.filter(organization=request.organization).select_related("erased_by")[
        :50
    ]
    config = FeedbackSettings.for_organization(request.organization)
    return render(
        request,
        "feedback/privacy.html",
        {"section": "privacy", "form": form, "logs": logs, "config": config},
    )
