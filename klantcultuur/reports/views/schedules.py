"""Setting up and removing the monthly e-mail of the board report."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.reports import selectors, services
from klantcultuur.reports.access import get_schedule_for_user
from klantcultuur.reports.forms import ScheduleForm


@member_required(Perm.MANAGE_PROGRAMME, methods=("POST",))
def create(request: MemberRequest):
    units = selectors.report_units(request.organization)
    form = ScheduleForm(request.POST, units=units)
    if form.is_valid():
        by_code = {str(u.uuid): u for u in units}
        try:
            services.schedule_create(
                organization=request.organization,
                unit=by_code.get(form.cleaned_data["unit"] or ""),
                roles=form.cleaned_data["roles"],
                language=form.cleaned_data["language"],
                by=request.membership,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The report will be e-mailed at the start of every month."))
    else:
        messages.error(request, _("Choose who receives the report."))
    return redirect("reports-home")


@member_required(Perm.MANAGE_PROGRAMME, methods=("POST",))
def delete(request: MemberRequest, code: UUID):
    schedule = get_schedule_for_user(request, code)
    services.schedule_delete(schedule=schedule)
    messages.success(request, _("The scheduled e-mail is removed."))
    return redirect("reports-home")
