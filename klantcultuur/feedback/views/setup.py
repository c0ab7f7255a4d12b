"""Setting up Klantstem: settings, touchpoints with their forms, routing rules, topics."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from klantcultuur.feedback.access import (
    get_rule_for_user,
    get_topic_for_user,
    get_touchpoint_for_user,
)
from klantcultuur.feedback.analysis import default_topics, topics_for
from klantcultuur.feedback.forms import RoutingRuleForm, SettingsForm, TopicForm, TouchpointForm
from klantcultuur.feedback.models import (
    FeedbackSettings,
    LabelCorrection,
    RoutingRule,
    Topic,
    Touchpoint,
)
from klantcultuur.feedback.qr import qr_code, qr_svg_document
from klantcultuur.feedback.services import setup as services
from klantcultuur.feedback.services.records import analyser_changed
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.MANAGE_FEEDBACK)
def settings_page(request: MemberRequest):
    config = FeedbackSettings.for_organization(request.organization)
    form = SettingsForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings are saved."))
        return redirect("feedback-setup")
    return render(request, "feedback/setup.html", {"section": "setup", "form": form})


def public_link(touchpoint: Touchpoint) -> str:
    return django_settings.SITE_URL + reverse("feedback-form", args=[touchpoint.uuid])


@member_required(Perm.MANAGE_FEEDBACK)
def touchpoints(request: MemberRequest):
    form = TouchpointForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        touchpoint = form.save()
        messages.success(request, _("“%(name)s” is saved.") % {"name": touchpoint.name})
        return redirect("feedback-touchpoint", code=touchpoint.uuid)
    found = Touchpoint.objects.filter(organization=request.organization).select_related("team")
    return render(request, "feedback/touchpoints.html",
                  {"section": "touchpoints", "form": form, "touchpoints": found})  # fmt: skip


@member_required(Perm.MANAGE_FEEDBACK)
def touchpoint(request: MemberRequest, code: UUID):
    found = get_touchpoint_for_user(request, code)
    form = TouchpointForm(request.POST or None, instance=found, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("“%(name)s” is saved.") % {"name": found.name})
        return redirect("feedback-touchpoint", code=found.uuid)
    link = public_link(found)
    context = {"section": "touchpoints", "form": form, "touchpoint": found, "link": link,
               "qr": qr_code(link)}  # fmt: skip
    return render(request, "feedback/touchpoint.html", context)


@member_required(Perm.MANAGE_FEEDBACK, methods=("GET",))
def touchpoint_qr(request: MemberRequest, code: UUID):
    found = get_touchpoint_for_user(request, code)
    response = HttpResponse(qr_svg_document(public_link(found), found.name),
                            content_type="image/svg+xml")  # fmt: skip
    response["Content-Disposition"] = f'attachment; filename="qr-{found.uuid}.svg"'
    return response


@member_required(Perm.MANAGE_FEEDBACK)
def routing(request: MemberRequest):
    form = RoutingRuleForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        rule = form.save(commit=False)
        rule.value = rule.value.strip()
        try:
            services.rule_add(rule=rule)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The rule is added. Apply it to the waiting responses below.")
            )
            return redirect("feedback-routing")
    rules = RoutingRule.objects.filter(organization=request.organization).select_related("team")
    config = FeedbackSettings.for_organization(request.organization)
    context = {"section": "routing", "form": form, "rules": rules, "config": config}
    return render(request, "feedback/routing.html", context)


@member_required(Perm.MANAGE_FEEDBACK, methods=("POST",))
def rule_delete(request: MemberRequest, code: UUID):
    get_rule_for_user(request, code).delete()
    messages.success(request, _("The rule is removed; responses keep their team."))
    return redirect("feedback-routing")


@member_required(Perm.MANAGE_FEEDBACK, methods=("POST",))
def rule_move(request: MemberRequest, code: UUID):
    services.rule_move(rule=get_rule_for_user(request, code), up=request.POST.get("up") == "1")
    return redirect("feedback-routing")


@member_required(Perm.MANAGE_FEEDBACK)
def topics(request: MemberRequest):
    found = topics_for(request.organization)
    form = TopicForm(request.POST or None, organization=request.organization,
                     instance=Topic(position=len(found)))  # fmt: skip
    if request.method == "POST":
        if request.POST.get("restore") == "1":
            existing = {t.slug for t in found}
            missing = [t for t in default_topics(request.organization) if t.slug not in existing]
            Topic.objects.bulk_create(missing)
            analyser_changed(request.organization.id)
            messages.success(request, _("The default topics are back."))
            return redirect("feedback-topics")
        if form.is_valid():
            services.topic_save(topic=form.save(commit=False))
            messages.success(request, _("The topic is added; new comments are read with it."))
            return redirect("feedback-topics")
    corrections = LabelCorrection.objects.filter(organization=request.organization)[:50]
    context = {"section": "topics", "topics": found, "form": form, "corrections": corrections}
    return render(request, "feedback/topics.html", context)


@member_required(Perm.MANAGE_FEEDBACK)
def topic(request: MemberRequest, code: UUID):
    found = get_topic_for_user(request, code)
    form = TopicForm(request.POST or None, instance=found, organization=request.organization)
    if request.method == "POST":
        if request.POST.get("delete") == "1":
            services.topic_delete(topic=found)
            messages.success(request, _("The topic is removed."))
            return redirect("feedback-topics")
        if form.is_valid():
            services.topic_save(topic=form.save(commit=False))
            messages.success(request, _("The topic is saved; new comments are read with it."))
            return redirect("feedback-topics")
    return render(
        request, "feedback/topic.html", {"section": "topics", "form": form, "topic": found}
    )
