"""The audit trail for the organisation's administrator: filter, export, retention."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.audit.models import Action, AuditSettings
from klantcultuur.audit.services import audit_record, retention_set
from klantcultuur.lib.spreadsheet import csv_response
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.reports.audit_trail import events_for
from klantcultuur.reports.forms import AuditFilterForm, RetentionForm

PER_PAGE = 100
CSV_MAX_ROWS = 200_000


def _filtered(request: MemberRequest):
    form = AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    events = events_for(
        request.organization,
        action=data.get("action") or "",
        who=data.get("who") or "",
        start=data.get("start"),
        end=data.get("end"),
    )
    return form, events


@member_required(Perm.MANAGE_SETTINGS, methods=("GET",))
def trail(request: MemberRequest):
    form, events = _filtered(request)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/audit.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "retention": RetentionForm(
                initial={"retention_days": AuditSettings.retention_for(request.organization.id)}
            ),
        },
    )


@member_required(Perm.MANAGE_SETTINGS, methods=("GET",))
def export(request: MemberRequest):
    _form, events = _filtered(request)
    header = [_("When"), _("What"), _("Who"), _("About"), _("Details"), _("Address")]
    labels = dict(Action.choices)
    zone = timezone.get_current_timezone()
    rows = [header] + [
        [
            e.at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"),
            str(labels.get(e.action, e.action)),
            e.actor_email,
            e.target,
            e.details_text,
            e.ip_address,
        ]
        for e in events[:CSV_MAX_ROWS]
    ]
    name = f"audittrail-{timezone.localdate().isoformat()}.csv"
    audit_record(
        action=Action.EXPORT,
        organization=request.organization,
        actor=request.user,
        target=name,
        details={"kind": "audit_trail", "rows": len(rows) - 1},
        request=request,
    )
    return csv_response(rows, name)


@member_required(Perm.MANAGE_SETTINGS, methods=("POST",))
def retention(request: MemberRequest):
    form = RetentionForm(request.POST)
    if form.is_valid():
        retention_set(
            organization=request.organization,
            actor=request.user,
            days=form.cleaned_data["retention_days"],
            request=request,
        )
        messages.success(request, _("The retention period is saved."))
    else:
        messages.error(request, " ".join(str(m) for errs in form.errors.values() for m in errs))
    return redirect("reports-audit")
