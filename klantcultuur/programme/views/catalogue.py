"""The organisation's catalogue of next steps: add, change, take out."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.programme import selectors
from klantcultuur.programme.access import can_manage, get_template_rw_for_user
from klantcultuur.programme.forms import TemplateForm
from klantcultuur.programme.models import Component
from klantcultuur.programme.services import steps as services


@member_required(perm=Perm.VIEW_SCAN_REPORTS, methods=("GET", "POST"))
def catalogue(request: MemberRequest):
    """The catalogue per component; board and CX lead add steps."""
    services.catalogue_ensure(organization=request.organization)
    form = TemplateForm(initial={"component": request.GET.get("component", "")})
    if request.method == "POST":
        if not can_manage(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                services.template_save(organization=request.organization, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The step is in the catalogue."))
                return redirect("programme-catalogue")
    templates = selectors.catalogue(request.organization)
    groups = [
        (v, label, [t for t in templates if t.component == v]) for v, label in Component.choices
    ]
    return render(
        request,
        "programme/catalogue.html",
        {
            "groups": groups,
            "form": form,
            "can_manage": can_manage(request),
        },
    )


@member_required(perm=Perm.MANAGE_PROGRAMME, methods=("GET", "POST"))
def template_edit(request: MemberRequest, code: UUID):
    template = get_template_rw_for_user(request, code)
    if request.method == "POST":
        if request.POST.get("archive"):
            services.template_archive(template=template)
            messages.success(request, _("The step is taken out of the catalogue."))
            return redirect("programme-catalogue")
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                services.template_save(
                    organization=request.organization, template=template, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The step is saved."))
                return redirect("programme-catalogue")
    else:
        form = TemplateForm(
            initial={
                "component": template.component,
                "title": template.title,
                "description": template.description,
            }
        )
    return render(request, "programme/template_form.html", {"template": template, "form": form})
