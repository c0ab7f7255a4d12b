"""The organisation's reply templates: the texts a case handler starts a reply from."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.feedback.access import get_reply_template_for_user
from klantcultuur.feedback.forms import ReplyTemplateForm
from klantcultuur.feedback.replytext import PLACEHOLDERS
from klantcultuur.feedback.services.replies import reply_templates_ensure
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.MANAGE_FEEDBACK)
def templates(request: MemberRequest):
    form = ReplyTemplateForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
        return redirect("feedback-reply-templates")
    context = {
        "section": "replies",
        "form": form,
        "templates": reply_templates_ensure(organization=request.organization),
        "placeholders": PLACEHOLDERS,
    }
    return render(request, "feedback/reply_templates.html", context)


@member_required(Perm.MANAGE_FEEDBACK)
def template(request: MemberRequest, code: UUID):
    found = get_reply_template_for_user(request, code)
    form = ReplyTemplateForm(
        request.POST or None, instance=found, organization=request.organization
    )
    if request.method == "POST":
        if request.POST.get("delete") == "1":
            found.delete()
            messages.success(request, _("The template is removed."))
            return redirect("feedback-reply-templates")
        if form.is_valid():
            form.save()
            messages.success(request, _("“%(name)s” is saved.") % {"name": found.name})
            return redirect("feedback-reply-templates")
    context = {
        "section": "replies",
        "form": form,
        "template": found,
        "placeholders": PLACEHOLDERS,
    }
    return render(request, "feedback/reply_template.html", context)
