"""HR documents per process: add (paste or upload), read the alignment, rate and act."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.hrm import access, selectors
from klantcultuur.hrm.forms import DocumentForm, RatingForm
from klantcultuur.hrm.reading.documents import MAX_BYTES
from klantcultuur.hrm.services import documents as services
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.vision import selectors as vision


@member_required(Perm.VIEW_ALL_UNITS)
def home(request: MemberRequest):
    can_edit = request.membership.has_perm(Perm.MANAGE_PEOPLE)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_edit:
            messages.error(request, _("Only HR and administrators add HR documents."))
            return redirect("hrm-home")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload is not None:
                    # Read at most one byte past the limit: a huge upload is refused unread.
                    data = upload.read(MAX_BYTES + 1)
                    document = services.document_add(
                        by=request.membership,
                        process=form.cleaned_data["process"],
                        title=form.cleaned_data["title"],
                        filename=upload.name,
                        data=data,
                    )
                else:
                    document = services.document_add(
                        by=request.membership,
                        process=form.cleaned_data["process"],
                        title=form.cleaned_data["title"],
                        text=form.cleaned_data["text"],
                    )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("hrm-document", code=document.uuid)
    return render(
        request,
        "hrm/home.html",
        {
            "rows": selectors.latest_per_process(request.organization),
            "form": form,
            "can_edit": can_edit,
            "version": vision.published_version(request.organization),
        },
    )


@member_required(Perm.VIEW_ALL_UNITS)
def document(request: MemberRequest, code: UUID):
    found = access.get_document_for_user(request, code)
    can_edit = request.membership.has_perm(Perm.MANAGE_PEOPLE)
    initial = {
        "rating": found.rating,
        "note": found.rating_note,
        "action": found.action,
        "owner": found.action_owner_id,
        "due": found.action_due,
    }
    form = RatingForm(request.POST or None, initial=initial, organization=request.organization)
    if request.method == "POST":
        found = access.get_document_rw_for_user(request, code)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.rating_save(
                    document=found,
                    rating=data["rating"],
                    note=data["note"],
                    action=data["action"],
                    owner=data["owner"],
                    due=data["due"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("hrm-document", code=found.uuid)
    promises, behaviours = [], []
    if found.version is not None:
        pairs = vision.behaviours_by_promise(found.version)
        by_key = {f["key"]: f["sentences"] for f in found.alignment.get("promises", [])}
        by_behaviour = {f["key"]: f["sentences"] for f in found.alignment.get("behaviours", [])}
        promises = [(p, by_key.get(str(p.uuid), [])) for p, _b in pairs]
        behaviours = [(b, by_behaviour.get(str(b.uuid), [])) for _p, bs in pairs for b in bs]
    history = selectors.history(request.organization, found.process)[:10]
    return render(
        request,
        "hrm/document.html",
        {
            "document": found,
            "promises": promises,
            "behaviours": behaviours,
            "form": form,
            "can_edit": can_edit,
            "history": history,
        },
    )
