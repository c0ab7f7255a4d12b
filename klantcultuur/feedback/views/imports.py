"""Importing feedback files: upload, choose the columns, preview, run, report."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.audit.models import Action
from klantcultuur.audit.services import audit_record
from klantcultuur.feedback.access import get_import_for_user
from klantcultuur.feedback.exports import stream_csv
from klantcultuur.feedback.forms import ImportUploadForm, MappingForm
from klantcultuur.feedback.models import FeedbackImport, ImportMapping, Touchpoint
from klantcultuur.feedback.services import imports as services
from klantcultuur.feedback.validation import FIELD_LABELS
from klantcultuur.lib import progress, storage
from klantcultuur.lib.jobs import JobStatus, progress_response
from klantcultuur.lib.tabular import TableError
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.MANAGE_FEEDBACK)
def upload(request: MemberRequest):
    mappings = ImportMapping.objects.filter(organization=request.organization)
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        mappings=[(str(m.uuid), m.name) for m in mappings],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = services.import_create(
            organization=request.organization,
            user=request.user,
            upload=data["file"],
            preset=data["preset"],
        )
        saved = mappings.filter(uuid=data["mapping"]).first() if data["mapping"] else None
        if saved is not None:
            job.preset = saved.preset
            job.save(update_fields=["preset"])
            services.import_configure(job=job, columns=saved.columns, options=saved.options)
        return redirect("feedback-import", code=job.uuid)
    recent = list(FeedbackImport.objects.filter(organization=request.organization)[:20])
    running = progress.read_many(
        services.PROGRESS_KIND, [j.uuid for j in recent if not j.is_finished]
    )
    for job in recent:
        job.progress = running.get(job.uuid)
    return render(
        request, "feedback/imports.html", {"section": "imports", "form": form, "recent": recent}
    )


def _mapping_form(request: MemberRequest, job: FeedbackImport, inspection: services.Inspection):
    touchpoints = [
        (str(t.uuid), t.name) for t in Touchpoint.objects.filter(organization=request.organization)
    ]
    columns = job.columns or inspection.guessed
    options = job.options or {
        "metric": inspection.metric_guess,
        "zone": inspection.zone or "",
        "date_order": inspection.date_order,
    }
    initial = {f"col_{name}": header for name, header in columns.items()}
    initial.update(options)
    data = request.POST if request.method == "POST" else None
    return MappingForm(
        data,
        initial=initial,
        headers=inspection.headers,
        labels=inspection.labels,
        touchpoints=touchpoints,
    )


@member_required(Perm.MANAGE_FEEDBACK)
def detail(request: MemberRequest, code: UUID):
    job = get_import_for_user(request, code)
    services.import_recover(job=job)
    context: dict = {"section": "imports", "job": job}
    if job.status in (JobStatus.MAPPING, JobStatus.FAILED):
        try:
            inspection = services.import_inspect(job)
        except (TableError, FileNotFoundError) as exc:
            context["file_error"] = (
                str(exc) if isinstance(exc, TableError) else _("The file is gone.")
            )
            return render(request, "feedback/import.html", context)
        form = _mapping_form(request, job, inspection)
        if request.method == "POST" and form.is_valid():
            services.import_configure(
                job=job,
                columns=form.columns(),
                options=form.options(),
                save_as=form.cleaned_data.get("save_as", ""),
                user=request.user,
            )
            if request.POST.get("action") == "start":
                services.import_start(job=job)
                messages.info(request, _("The import has started."))
            return redirect("feedback-import", code=job.uuid)
        context.update(form=form, inspection=inspection)
        if job.columns:
            try:
                preview = services.import_preview(job)
            except TableError as exc:
                context["preview_error"] = str(exc)
            else:
                teams = {p.team_id for p in preview.rows if p.team_id}
                context.update(
                    preview=preview,
                    teams=OrgUnit.objects.in_bulk(teams),
                    preview_labels=[(f, FIELD_LABELS[f]) for f in preview.fields],
                )
    else:
        context["progress"] = progress.read(services.PROGRESS_KIND, job.uuid)
        context["analysis"] = progress.read(services.ANALYSIS_KIND, job.uuid)
        context["report_kept"] = storage.exists(job.report_name)  # gone after the retention period
        context["report_rows"] = list(_first(services.import_report_rows(job), 21))[1:]
    return render(request, "feedback/import.html", context)


def _first(rows, count: int):
    for index, row in enumerate(rows):
        if index >= count:
            return
        yield row


@member_required(Perm.MANAGE_FEEDBACK, methods=("GET",))
def progress_partial(request: MemberRequest, code: UUID):
    job = get_import_for_user(request, code)
    context = {
        "job": job,
        "progress": progress.read(services.PROGRESS_KIND, job.uuid),
        "analysis": progress.read(services.ANALYSIS_KIND, job.uuid),
    }
    # Only a page that showed the import running reloads (the result replaces its bar).
    finished = job.is_finished and request.GET.get("running") == "1"
    return progress_response(request, "feedback/import.html#progress", context, finished=finished)


@member_required(Perm.MANAGE_FEEDBACK, methods=("GET",))
def report(request: MemberRequest, code: UUID):
    """The refused rows with their line number and reason (already neutralised)."""
    job = get_import_for_user(request, code)
    if not storage.exists(job.report_name):  # the import's page says so
        return redirect("feedback-import", code=job.uuid)
    rows = services.import_report_rows(job)
    audit_record(
        action=Action.EXPORT,
        organization=request.organization,
        actor=request.user,
        target=f"geweigerd-{job.uuid}.csv",
        request=request,
    )
    response = StreamingHttpResponse(stream_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="geweigerd-{job.uuid}.csv"'
    return response
