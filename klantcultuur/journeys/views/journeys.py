"""The journey list, the journey map and a step's page; setting steps up."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klantcultuur.feedback import selectors as feedback_selectors
from klantcultuur.feedback.models import Topic
from klantcultuur.feedback.period import PERIODS
from klantcultuur.journeys import access, selectors
from klantcultuur.journeys.forms import JourneyForm, StepForm
from klantcultuur.journeys.models import Review, ReviewStatus
from klantcultuur.journeys.services import journeys as services
from klantcultuur.journeys.views.common import period_of, period_query
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.VIEW_FEEDBACK)
def home(request: MemberRequest):
    form = JourneyForm(request.POST or None)
    if request.method == "POST":
        if not access.can_set_up(request):
            return redirect("journeys-home")
        if form.is_valid():
            try:
                journey = services.journey_create(
                    organization=request.organization, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("journeys-journey", code=journey.uuid)
    journeys = selectors.journeys_for(request.organization).annotate(n_steps=Count("steps"))
    planned = {
        r.journey_id: r
        for r in Review.objects.filter(
            organization=request.organization, status=ReviewStatus.PLANNED
        ).order_by("-planned_for")
    }
    rows = [(j, planned.get(j.id)) for j in journeys]
    return render(
        request,
        "journeys/home.html",
        {
            "rows": rows,
            "form": form,
            "can_set_up": access.can_set_up(request),
            # The business case is for those who see every unit (board, CX lead, HR, admin).
            "perms_all_units": request.membership.has_perm(Perm.VIEW_ALL_UNITS),
        },
    )


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def journey(request: MemberRequest, code: UUID):
    found = access.get_journey_for_user(request, code)
    period = period_of(request)
    journey_map = selectors.journey_map(
        journey=found, membership=request.membership, start=period.start, end=period.end
    )
    names = {
        t.slug: t.name(get_language())
        for t in Topic.objects.filter(organization=request.organization)
    }
    for item in journey_map.steps:
        item.topic_labels = [names.get(slug, slug) for slug, _n in item.topics]
    context = {
        "map": journey_map,
        "journey": found,
        "period": period,
        "periods": PERIODS,
        "query": period_query(period),
        "reviews": found.reviews.all()[:8],
        "can_set_up": access.can_set_up(request),
        "can_review": access.can_review(request),
    }
    if context["can_set_up"]:
        context["step_form"] = StepForm(organization=request.organization)
    return render(request, "journeys/journey.html", context)


@member_required(Perm.MANAGE_FEEDBACK, methods=("POST",))
def step_add(request: MemberRequest, code: UUID):
    found = access.get_journey_rw_for_user(request, code)
    form = StepForm(request.POST, organization=request.organization)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.step_add(
                journey=found,
                phase_name=data["phase"],
                name=data["name"],
                team=data["team"],
                metric=data["metric"],
                target=data["target"],
                touchpoints=list(data["touchpoints"]),
                is_internal=data["is_internal"],
                internal_customer=data["internal_customer"],
                moment_of_truth=data["moment_of_truth"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The step has been added."))
    else:
        errors = [
            f"{form.fields[k].label if k in form.fields else ''}: {' '.join(str(e) for e in v)}"
            for k, v in form.errors.items()
        ]
        messages.error(request, " ".join(errors))
    return redirect("journeys-journey", code=found.uuid)


@member_required(Perm.MANAGE_FEEDBACK, methods=("POST",))
def step_remove(request: MemberRequest, code: UUID):
    step = access.get_step_rw_for_user(request, code)
    journey_code = step.journey.uuid
    services.step_remove(step=step)
    messages.success(request, _("The step has been removed."))
    return redirect("journeys-journey", code=journey_code)


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def step(request: MemberRequest, code: UUID):
    found = access.get_step_for_user(request, code)
    period = period_of(request)
    figures = selectors.step_figures(
        step=found, membership=request.membership, start=period.start, end=period.end
    )
    quotes = {}
    if figures is not None and figures.visible and figures.figures is not None:
        organization = request.organization
        colleagues_ok = figures.figures.counts.with_comment >= organization.min_comment_group_size
        if not found.is_internal or colleagues_ok:
            quotes = feedback_selectors.topic_quotes(
                organization=organization,
                unit_ids=[found.team_id],
                start=period.start,
                end=period.end,
                topics=[slug for slug, _n in figures.topics],
                per_topic=2,
                internal=found.is_internal,
            )
    names = {
        t.slug: t.name(get_language())
        for t in Topic.objects.filter(organization=request.organization)
    }
    topics = [
        (names.get(slug, slug), n, quotes.get(slug, []))
        for slug, n in (figures.topics if figures else [])
    ]
    return render(
        request,
        "journeys/step.html",
        {
            "step": found,
            "item": figures,
            "period": period,
            "periods": PERIODS,
            "query": period_query(period),
            "topics": topics,
            "touchpoints": found.touchpoints.all(),
            "can_set_up": access.can_set_up(request),
        },
    )
