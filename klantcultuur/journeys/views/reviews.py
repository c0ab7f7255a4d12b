"""The journey review: plan, agenda, minutes, decisions and the export as evidence."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.journeys import access, selectors
from klantcultuur.journeys.forms import DecisionForm, ReviewHoldForm
from klantcultuur.journeys.models import Metric
from klantcultuur.journeys.services import reviews as services
from klantcultuur.lib.spreadsheet import csv_response
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.STEER_ALL_TEAMS, methods=("POST",))
def review_plan(request: MemberRequest, code: UUID):
    journey = access.get_journey_for_user(request, code)
    try:
        review = services.review_plan(journey=journey)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("journeys-journey", code=journey.uuid)
    return redirect("journeys-review", code=review.uuid)


def _agenda(request: MemberRequest, review) -> dict:
    """The frozen agenda of a held review; the live one of a planned review."""
    if review.is_held:
        return review.agenda
    return services.agenda_for(review=review, membership=request.membership).as_json()


@member_required(Perm.VIEW_FEEDBACK)
def review(request: MemberRequest, code: UUID):
    found = access.get_review_for_user(request, code)
    can_review = access.can_review(request)
    hold_form = ReviewHoldForm(
        initial={
            "held_on": found.held_on or timezone.localdate(),
            "minutes": found.minutes,
            "attendees": found.attendees,
        }
    )
    decision_form = DecisionForm(review=found)
    if request.method == "POST":
        found = access.get_review_rw_for_user(request, code)
        if request.POST.get("form") == "hold":
            hold_form = ReviewHoldForm(request.POST)
            if hold_form.is_valid():
                try:
                    services.review_hold(
                        review=found, by=request.membership, **hold_form.cleaned_data
                    )
                except ValidationError as exc:
                    hold_form.add_error(None, exc)
                else:
                    messages.success(request, _("The review has been recorded."))
                    return redirect("journeys-review", code=found.uuid)
        else:
            decision_form = DecisionForm(request.POST, review=found)
            if decision_form.is_valid():
                try:
                    services.decision_add(
                        review=found, by=request.membership, **decision_form.cleaned_data
                    )
                except ValidationError as exc:
                    decision_form.add_error(None, exc)
                else:
                    messages.success(
                        request, _("The decision is on the team's board as an improvement action.")
                    )
                    return redirect("journeys-review", code=found.uuid)
    decisions = found.decisions.select_related("team", "step", "action", "action__owner__user")
    return render(
        request,
        "journeys/review.html",
        {
            "review": found,
            "journey": found.journey,
            "agenda": _agenda(request, found),
            "metrics": dict(Metric.choices),
            "decisions": decisions,
            "hold_form": hold_form,
            "decision_form": decision_form,
            "can_review": can_review,
            "open_actions": selectors.open_actions_of(found.journey),
        },
    )


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def review_print(request: MemberRequest, code: UUID):
    found = access.get_review_for_user(request, code)
    decisions = found.decisions.select_related("team", "step", "action", "action__owner__user")
    return render(
        request,
        "journeys/review_print.html",
        {
            "review": found,
            "journey": found.journey,
            "agenda": _agenda(request, found),
            "metrics": dict(Metric.choices),
            "decisions": decisions,
        },
    )


@member_required(Perm.VIEW_FEEDBACK, methods=("GET",))
def review_export(request: MemberRequest, code: UUID):
    """The review as CSV: evidence for ISO 9001 9.1.2 / 9.3 or an INK/EFQM assessment."""
    found = access.get_review_for_user(request, code)
    agenda = _agenda(request, found)
    metrics = dict(Metric.choices)
    rows: list[list] = [
        [_("Journey review"), found.journey.name],
        [_("Planned for"), found.planned_for.isoformat()],
        [_("Held on"), found.held_on.isoformat() if found.held_on else _("not held yet")],
        [_("Period"), f"{found.period_start.isoformat()} – {found.period_end.isoformat()}"],
        [_("Attendees"), found.attendees],
        [_("Minutes"), found.minutes],
        [],
        [
            _("Section"),
            _("Step"),
            _("Team"),
            _("Metric"),
            _("Value"),
            _("Target"),
            _("Change"),
            _("Moment of truth"),
        ],
    ]
    for section, key in ((_("Below target"), "below_target"), (_("Notable change"), "changes")):
        for line in agenda.get(key, []):
            rows.append(
                [
                    section,
                    line["step"],
                    line["team"],
                    metrics.get(line["metric"], line["metric"]),
                    line["value"],
                    line["target"],
                    line["change"],
                    _("yes") if line["moment_of_truth"] else "",
                ]
            )
    rows += [[], [_("Open actions"), _("Title"), _("Team"), _("State"), _("Due date")]]
    for action in agenda.get("open_actions", []):
        rows.append(["", action["title"], action["team"], action["state"], action["due"]])
    rows += [
        [],
        [_("Decisions"), _("Decision"), _("Team"), _("Step"), _("Improvement action"), _("State")],
    ]
    for d in found.decisions.select_related("team", "step", "action"):
        rows.append(
            [
                "",
                d.text,
                d.team.name,
                d.step.name if d.step else "",
                d.action.title if d.action else "",
                d.action.get_state_display() if d.action else "",
            ]
        )
    name = f"journey-review-{found.journey.name}-{found.planned_for.isoformat()}.csv".replace(
        " ", "-"
    )
    return csv_response(rows, name)
