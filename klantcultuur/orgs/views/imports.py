"""Importing people and units from an HR export: upload, preview, run, report."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from klantcultuur.lib import progress
from klantcultuur.lib.jobs import JobStatus, progress_response
from klantcultuur.lib.spreadsheet import csv_response
from klantcultuur.lib.tabular import TableError
from klantcultuur.orgs import services
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.forms import ImportUploadForm
from klantcultuur.orgs.models import PeopleImport
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm

PREVIEW_ROWS = 200


def get_import_for_user(request: MemberRequest, code: UUID) -> PeopleImport:
    """An import of the current organisation (404 for any other)."""
    return get_object_or_404(PeopleImport, organization=request.organization, uuid=code)


@member_required(Perm.MANAGE_PEOPLE)
def upload(request: MemberRequest):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        job = services.people_import_create(
            organization=request.organization,
            user=request.user,
            filename=upload_file.name,
            content=upload_file.read(),
        )
        return redirect("orgs-import-detail", code=job.uuid)
    recent = PeopleImport.objects.filter(organization=request.organization).defer("content")[:10]
    return render(request, "orgs/import_upload.html", {"form": form, "recent": recent})


@member_required(Perm.MANAGE_PEOPLE, methods=("GET",))
def detail(request: MemberRequest, code: UUID):
    job = get_import_for_user(request, code)
    context: dict = {"job": job, "progress": progress.read(services.PROGRESS_KIND, job.uuid)}
    if job.status == JobStatus.PREVIEW:
        try:
            plan = services.people_import_plan(job=job, actor=request.membership)
        except TableError as exc:
            context["file_error"] = str(exc)
        else:
            context["counts"] = plan.counts()
            context["rows"] = plan.rows[:PREVIEW_ROWS]
            context["more_rows"] = max(0, len(plan.rows) - PREVIEW_ROWS)
            context["nothing_to_do"] = not (
                context["counts"]["created"] or context["counts"]["changed"]
            )
    elif job.is_finished:
        status_filter = request.GET.get("status", "")
        rows = [r for r in job.report if not status_filter or r["status"] == status_filter]
        context.update(rows=rows, status_filter=status_filter)
    return render(request, "orgs/import_detail.html", context)


@member_required(Perm.MANAGE_PEOPLE, methods=("GET",))
def progress_partial(request: MemberRequest, code: UUID):
    job = get_import_for_user(request, code)
    context = {"job": job, "progress": progress.read(services.PROGRESS_KIND, job.uuid)}
    return progress_response(
        request, "orgs/import_detail.html#progress", context, finished=job.is_finished
    )


@member_required(Perm.MANAGE_PEOPLE, methods=("POST",))
def start(request: MemberRequest, code: UUID):
    job = get_import_for_user(request, code)
    if job.status != JobStatus.PREVIEW:
        messages.info(request, _("This import has already been started."))
    else:
        services.people_import_start(job=job, actor=request.membership)
    return redirect("orgs-import-detail", code=job.uuid)


@member_required(Perm.MANAGE_PEOPLE, methods=("GET",))
def report_csv(request: MemberRequest, code: UUID):
    job = get_import_for_user(request, code)
    return csv_response(services.people_import_report_rows(job), f"import-{job.uuid}.csv")
