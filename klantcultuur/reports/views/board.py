"""The board report: the choice page, the print view and the PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from klantcultuur.audit.models import Action
from klantcultuur.audit.services import audit_record
from klantcultuur.lib.params import uuid_or_404
from klantcultuur.orgs.access import get_unit_for_user, member_required
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.reports import selectors
from klantcultuur.reports.forms import ScheduleForm
from klantcultuur.reports.models import Language, ReportSchedule
from klantcultuur.reports.pdf import html_to_pdf
from klantcultuur.reports.period import Period, parse_period, previous_month


def _unit(request: MemberRequest) -> OrgUnit | None:
    code = request.GET.get("unit")
    return get_unit_for_user(request, uuid_or_404(code)) if code else None


def _language(request: MemberRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in Language.values else (translation.get_language() or "nl")[:2]


def _period(request: MemberRequest) -> Period:
    return parse_period(
        request.GET.get("start"), request.GET.get("end"), today=timezone.localdate()
    )


@member_required(Perm.MANAGE_PROGRAMME, methods=("GET",))
def home(request: MemberRequest):
    units = selectors.report_units(request.organization)
    schedules = ReportSchedule.objects.filter(organization=request.organization).select_related(
        "unit"
    )
    return render(
        request,
        "reports/home.html",
        {
            "units": units,
            "period": previous_month(timezone.localdate()),
            "today": timezone.localdate(),
            "languages": Language.choices,
            "schedules": schedules,
            "form": ScheduleForm(units=units),
        },
    )


def _context(request: MemberRequest, *, pdf: bool) -> tuple[dict, str]:
    unit, period, language = _unit(request), _period(request), _language(request)
    with translation.override(language):
        report = selectors.board_report(
            organization=request.organization,
            membership=request.membership,
            unit=unit,
            period=period,
        )
    return {
        "report": report,
        "pdf": pdf,
        "language": language,
        "generated": timezone.now(),
    }, language


@member_required(Perm.MANAGE_PROGRAMME, methods=("GET",))
def board(request: MemberRequest):
    """The print view: one page the browser prints (or saves as PDF)."""
    context, language = _context(request, pdf=False)
    with translation.override(language):
        return render(request, "reports/board.html", context)


@member_required(Perm.MANAGE_PROGRAMME, methods=("GET",))
def board_pdf(request: MemberRequest):
    """The same report as a PDF drawn on the server."""
    context, language = _context(request, pdf=True)
    with translation.override(language):
        html = render_to_string("reports/board_pdf.html", context, request=request)
    report = context["report"]
    name = f"{slugify(report.name) or 'rapport'}-{report.period.start:%Y-%m}.pdf"
    audit_record(
        action=Action.EXPORT,
        organization=request.organization,
        actor=request.user,
        target=name,
        details={"kind": "board_report", **report.period.query()},
        request=request,
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
