"""Running waves: create, change, start, remind, close, open links, report computation."""

from __future__ import annotations

import io
from uuid import UUID

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from klantcultuur.lib import progress
from klantcultuur.lib.jobs import progress_response
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.scan import selectors, services
from klantcultuur.scan.access import (
    get_open_link_rw_for_user,
    get_wave_rw_for_user,
)
from klantcultuur.scan.forms import OpenLinkForm, WaveForm
from klantcultuur.scan.models import WaveStatus
from klantcultuur.scan.services.reports import PROGRESS_KIND
from klantcultuur.scan.services.waves import scope_unit_ids


def _errors(request: MemberRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@member_required(Perm.MANAGE_SCANS)
def wave_create(request: MemberRequest):
    services.standard_version()  # the standard version is in the database before it is chosen
    form = WaveForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wave = services.wave_create(
                organization=request.organization,
                actor=request.user,
                name=data["name"],
                questionnaire=data["questionnaire"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                reminder_days=data["reminder_days"],
                scope_units=data["scope_units"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The wave is prepared. Check it and start it."))
            return redirect("scan-wave", code=wave.uuid)
    return render(request, "scan/wave_form.html", {"form": form, "wave": None})


@member_required(Perm.MANAGE_SCANS)
def wave_edit(request: MemberRequest, code: UUID):
    wave = get_wave_rw_for_user(request, code)
    form = WaveForm(request.POST or None, instance=wave, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.wave_update(
                wave=wave,
                name=data["name"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                reminder_days=data["reminder_days"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("scan-wave", code=wave.uuid)
    return render(request, "scan/wave_form.html", {"form": form, "wave": wave})


@member_required(Perm.MANAGE_SCANS, methods=("GET",))
def wave_detail(request: MemberRequest, code: UUID):
    wave = get_wave_rw_for_user(request, code)
    tree = UnitTree.for_organization(wave.organization_id)
    rows, total = selectors.response_rates(wave, tree)
    covered = scope_unit_ids(wave, tree)
    loads = selectors.unit_loads(wave, tree)
    links = [
        {
            "link": link,
            "url": settings.SITE_URL + reverse("scan-open", args=[link.token]),
            "load": loads.get(link.unit_id),
        }
        for link in wave.open_links.select_related("unit")
    ]
    overfull = {unit_id for unit_id, load in loads.items() if load.overfull}
    return render(
        request,
        "scan/wave_detail.html",
        {
            "wave": wave,
            "rates": rows,
            "total": total,
            "links": links,
            "overfull": overfull,
            "scope": list(wave.scope_units.order_by("name")),
            "report": selectors.report_row(wave),
            "progress": progress.read(PROGRESS_KIND, wave.uuid),
            "link_form": OpenLinkForm(
                organization=request.organization, tree=tree, covered=covered
            ),
            "WaveStatus": WaveStatus,
        },
    )


@member_required(Perm.MANAGE_SCANS, methods=("POST",))
def wave_launch(request: MemberRequest, code: UUID):
    wave = get_wave_rw_for_user(request, code)
    try:
        count = services.wave_launch(wave=wave)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        wave.refresh_from_db()
        if wave.accepts_answers:
            messages.success(
                request,
                _("The wave has started: %(n)s people were invited by e-mail.") % {"n": count},
            )
        else:
            messages.success(
                request,
                _("The wave is scheduled: %(n)s people get their invitation on the opening day.")
                % {"n": count},
            )
    return redirect("scan-wave", code=wave.uuid)


@member_required(Perm.MANAGE_SCANS, methods=("POST",))
def wave_remind(request: MemberRequest, code: UUID):
    wave = get_wave_rw_for_user(request, code)
    count = services.wave_remind_now(wave=wave)
    messages.success(
        request, _("%(n)s people who have not answered yet got a reminder.") % {"n": count}
    )
    return redirect("scan-wave", code=wave.uuid)


@member_required(Perm.MANAGE_SCANS, methods=("POST",))
def wave_close(request: MemberRequest, code: UUID):
    wave = get_wave_rw_for_user(request, code)
    if wave.launched_at is None:
        messages.error(request, _("A wave that has not started cannot be closed."))
    elif services.wave_close(wave=wave):
        messages.success(request, _("The wave is closed. The report is being computed."))
    return redirect("scan-wave", code=wave.uuid)


@member_required(Perm.MANAGE_SCANS, methods=("POST",))
def wave_compute(request: MemberRequest, code: UUID):
    wave = get_wave_rw_for_user(request, code)
    if wave.closed_at is None:
        # Interim reports of a running wave could be subtracted from each other.
        messages.error(request, _("A report is only computed for a closed wave."))
    else:
        services.report_request(wave=wave)
        messages.success(request, _("The report is being computed."))
    return redirect("scan-wave", code=wave.uuid)


@member_required(Perm.MANAGE_SCANS, methods=("GET",))
def wave_progress(request: MemberRequest, code: UUID):
    wave = get_wave_rw_for_user(request, code)
    report = selectors.report_row(wave)
    context = {
        "wave": wave,
        "report": report,
        "progress": progress.read(PROGRESS_KIND, wave.uuid),
    }
    finished = report is not None and not report.is_busy
    return progress_response(request, "scan/wave_detail.html#report", context, finished=finished)


@member_required(Perm.MANAGE_SCANS, methods=("POST",))
def link_create(request: MemberRequest, code: UUID):
    wave = get_wave_rw_for_user(request, code)
    tree = UnitTree.for_organization(wave.organization_id)
    form = OpenLinkForm(
        request.POST,
        organization=request.organization,
        tree=tree,
        covered=scope_unit_ids(wave, tree),
    )
    if form.is_valid():
        try:
            services.open_link_create(
                wave=wave,
                unit=form.cleaned_data["unit"],
                actor=request.user,
                max_answers=form.cleaned_data["max_answers"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(
                request,
                _("The open link for %(unit)s is ready.")
                % {"unit": form.cleaned_data["unit"].name},
            )
    elif "unit" in form.errors:
        messages.error(request, _("Choose a unit."))
    else:
        for error in form.errors.get("max_answers", []):
            messages.error(request, _("Expected number of people: %(error)s") % {"error": error})
    return redirect("scan-wave", code=wave.uuid)


@member_required(Perm.MANAGE_SCANS, methods=("POST",))
def link_toggle(request: MemberRequest, code: UUID):
    link = get_open_link_rw_for_user(request, code)
    services.open_link_set_active(link=link, active=not link.active)
    return redirect("scan-wave", code=link.wave.uuid)


@member_required(Perm.MANAGE_SCANS, methods=("GET",))
def link_qr(request: MemberRequest, code: UUID):
    link = get_open_link_rw_for_user(request, code)
    url = settings.SITE_URL + reverse("scan-open", args=[link.token])
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
