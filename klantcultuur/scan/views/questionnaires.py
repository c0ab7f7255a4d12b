"""The questionnaire: the standard version, the organisation's own copy and its own questions."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.scan import selectors, services
from klantcultuur.scan.access import get_version_for_user
from klantcultuur.scan.forms import QuestionForm
from klantcultuur.scan.questionnaire import form_pages
from klantcultuur.scan.questionnaire.schema import text_in
from klantcultuur.scan.reporting.labels import language
from klantcultuur.scan.services.questionnaires import latest_copy


def _sections(version) -> list[tuple[str, str]]:
    lang = language()
    return [(s["key"], s["title"][lang]) for s in version.questionnaire["sections"]]


@member_required(Perm.MANAGE_SCANS)
def questionnaire(request: MemberRequest):
    organization = request.organization
    standard = services.standard_version()
    own = latest_copy(organization)
    form = QuestionForm(request.POST or None, sections=_sections(own or standard))
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "copy":
            services.questionnaire_copy_create(organization=organization, actor=request.user)
            messages.success(request, _("Your own copy of the questionnaire is ready."))
            return redirect("scan-questionnaire")
        if action == "remove" and own is not None:
            removed = services.questionnaire_remove_item(
                organization=organization, actor=request.user, code=request.POST.get("code", "")
            )
            if removed is not None:
                messages.success(request, _("The question was removed from your next version."))
            return redirect("scan-questionnaire")
        if action == "add" and own is not None and form.is_valid():
            data = form.cleaned_data
            try:
                services.questionnaire_add_item(
                    organization=organization,
                    actor=request.user,
                    section=data["section"],
                    kind=data["kind"],
                    text_nl=data["text_nl"],
                    text_en=data["text_en"],
                    reverse=data["reverse"],
                    audience=data["audience"],
                )
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The question was added."))
                return redirect("scan-questionnaire")
    own_items = []
    if own is not None:
        sections = dict(_sections(own))
        lang = language()
        own_items = [
            {
                "code": item["code"],
                "text": text_in(item["text"], lang),
                "section": sections[item["section"]],
                "kind": item["type"],
                "audience": item["audience"],
                "reverse": item["reverse"],
            }
            for item in own.custom_items
        ]
    return render(
        request,
        "scan/questionnaire.html",
        {
            "standard": standard,
            "own": own,
            "own_items": own_items,
            "form": form,
            "versions": selectors.versions_of(organization),
        },
    )


@member_required(Perm.MANAGE_SCANS, methods=("GET",))
def version_detail(request: MemberRequest, code: UUID):
    version = get_version_for_user(request, code)
    role = "manager" if request.GET.get("role") == "manager" else "employee"
    pages = form_pages(version.questionnaire, role, language())
    custom = {item["code"] for item in version.custom_items}
    return render(
        request,
        "scan/version.html",
        {
            "version": version,
            "pages": pages,
            "role": role,
            "custom": custom,
            "n_items": sum(len(page["items"]) for page in pages),
        },
    )
