"""The API page: how to send feedback, the organisation's tokens, the Formbricks mapping."""

from __future__ import annotations

import json
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from klantcultuur.feedback.access import get_token_for_user
from klantcultuur.feedback.api.openapi import RECORD_EXAMPLE, schema
from klantcultuur.feedback.forms import FormbricksFieldsForm, TokenForm
from klantcultuur.feedback.models import ApiToken
from klantcultuur.feedback.services.setup import token_create, token_revoke
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


def type_label(spec: dict) -> str:
    """A field's JSON type for people: "integer or null", "string (date-time)"."""
    types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    label = ", ".join(t for t in types if t != "null")
    if spec.get("format"):
        label = f"{label} ({spec['format']})"
    return _("%(type)s or null") % {"type": label} if "null" in types else label


@member_required(Perm.MANAGE_FEEDBACK)
def page(request: MemberRequest):
    form = TokenForm(request.POST or None, organization=request.organization)
    secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _token, secret = token_create(
            organization=request.organization,
            name=data["name"],
            user=request.user,
            can_ingest=data["can_ingest"],
            can_webhook=data["can_webhook"],
            touchpoint=data["touchpoint"],
        )
        form = TokenForm(organization=request.organization)
    spec = schema(language=translation.get_language())
    endpoints = [
        {
            "path": path,
            "method": method.upper(),
            "summary": operation["summary"],
            "description": operation.get("description", ""),
        }
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    ]
    example = json.dumps({"records": [RECORD_EXAMPLE]}, ensure_ascii=False, indent=2)
    context = {
        "section": "api",
        "form": form,
        "secret": secret,
        "tokens": ApiToken.objects.filter(organization=request.organization).select_related(
            "touchpoint"
        ),
        "endpoints": endpoints,
        "example": example,
        "base": settings.SITE_URL,
        "schema_url": settings.SITE_URL + reverse("feedback-api-schema"),
        "fields": [
            {"name": name, "type": type_label(field), "description": field.get("description", "")}
            for name, field in spec["components"]["schemas"]["Record"]["properties"].items()
        ],
    }
    return render(request, "feedback/api.html", context)


@member_required(Perm.MANAGE_FEEDBACK)
def token(request: MemberRequest, code: UUID):
    found = get_token_for_user(request, code)
    initial = "\n".join(f"{q} = {f}" for q, f in found.formbricks_fields.items())
    form = FormbricksFieldsForm(request.POST or None, initial={"lines": initial})
    if request.method == "POST" and form.is_valid():
        found.formbricks_fields = form.cleaned_data["lines"]
        found.save(update_fields=["formbricks_fields"])
        messages.success(request, _("The question mapping is saved."))
        return redirect("feedback-token", code=found.uuid)
    webhook = settings.SITE_URL + reverse("feedback-api-formbricks", args=["<token>"])
    return render(
        request,
        "feedback/token.html",
        {"section": "api", "token": found, "form": form, "webhook": webhook},
    )


@member_required(Perm.MANAGE_FEEDBACK, methods=("POST",))
def revoke(request: MemberRequest, code: UUID):
    found = get_token_for_user(request, code)
    token_revoke(token=found)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": found.name})
    return redirect("feedback-api-docs")
