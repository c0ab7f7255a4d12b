"""Setting up Klantstem: settings, touchpoints with their forms, routing rules, topics."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klantcultuur.feedback import selectors
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
from klantcultuur.lib.urls import site_url
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.models import OrgUnit, UnitKind
from klantcultuur.orgs.request import MemberRequest, OrgRequest
from klantcultuur.orgs.roles import Perm

UNROUTED_WARNING = gettext_lazy(
    "Answers through this form reach no team: it has no owning team and no routing rule "
    "catches its name or channel. Choose a team, add a rule, or share a link per team below."
)


@member_required(Perm.MANAGE_FEEDBACK)
def settings_page(request: MemberRequest):
    config = FeedbackSettings.for_organization(request.organization)
    form = SettingsForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings are saved."))
        return redirect("feedback-setup")
    return render(request, "feedback/setup.html", {"section": "setup", "form": form})


def public_link(
    touchpoint: Touchpoint, team: OrgUnit | None = None, request: OrgRequest | None = None
) -> str:
    """The form's address; with a team, answers through it go to that team."""
    link = site_url(request) + reverse("feedback-form", args=[touchpoint.uuid])
    return f"{link}?team={team.uuid}" if team is not None else link


@member_required(Perm.MANAGE_FEEDBACK)
def touchpoints(request: MemberRequest):
    form = TouchpointForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        touchpoint = form.save()
        messages.success(request, _("“%(name)s” is saved.") % {"name": touchpoint.name})
        return redirect("feedback-touchpoint", code=touchpoint.uuid)
    found = list(Touchpoint.objects.filter(organization=request.organization))
    owners = selectors.touchpoint_owners(request.organization, found)
    rows = [(t, owners[t.id]) for t in found]
    unrouted = sum(1 for t, owner in rows if owner is None and t.is_active)
    return render(
        request,
        "feedback/touchpoints.html",
        {
            "section": "touchpoints",
            "form": form,
            "rows": rows,
            "touchpoints": found,
            "unrouted": unrouted,
        },
    )


@member_required(Perm.MANAGE_FEEDBACK)
def touchpoint(request: MemberRequest, code: UUID):
    found = get_touchpoint_for_user(request, code)
    form = TouchpointForm(request.POST or None, instance=found, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("“%(name)s” is saved.") % {"name": found.name})
        return redirect("feedback-touchpoint", code=found.uuid)
    link = public_link(found, request=request)
    owner = selectors.touchpoint_owners(request.organization, [found])[found.id]
    teams = []
    if found.team_id is None:
        units = OrgUnit.objects.filter(
            organization=request.organization, kind=UnitKind.TEAM, archived_at__isnull=True
        ).order_by("name")
        teams = [(unit, public_link(found, unit, request)) for unit in units]
    context = {
        "section": "touchpoints",
        "form": form,
        "touchpoint": found,
        "link": link,
        "qr": qr_code(link),
        "owner": owner,
        "team_links": teams,
        "unrouted_warning": UNROUTED_WARNING,
    }
    return render(request, "feedback/touchpoint.html", context)


@member_required(Perm.MANAGE_FEEDBACK, methods=("GET",))
def touchpoint_qr(request: MemberRequest, code: UUID):
    found = get_touchpoint_for_user(request, code)
    team = selectors.link_team(request.organization, request.GET.get("team", ""))
    if request.GET.get("team") and team is None:
        raise Http404
    title = f"{found.name} · {team.name}" if team is not None else found.name
    response = HttpResponse(
        qr_svg_document(public_link(found, team, request), title), content_type="image/svg+xml"
    )
    name = f"qr-{found.uuid}-{team.uuid}" if team is not None else f"qr-{found.uuid}"
    response["Content-Disposition"] = f'attachment; filename="{name}.svg"'
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
    form = TopicForm(
        request.POST or None, organization=request.organization, instance=Topic(position=len(found))
    )
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
