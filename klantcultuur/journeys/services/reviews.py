"""The journey review: plan it, hold it (agenda frozen, minutes), decide (actions on boards)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.huddle.services.actions import action_create
from klantcultuur.journeys import selectors
from klantcultuur.journeys.models import Decision, Journey, Review, ReviewStatus, Step
from klantcultuur.journeys.quality import agenda as agendas
from klantcultuur.orgs.models import Membership, OrgUnit


def next_review_date(journey: Journey, after: date) -> date:
    """The first day of the quarter (or other cycle) after `after`."""
    months = journey.review_months
    month_index = (after.year * 12 + after.month - 1) // months * months + months
    return date(month_index // 12, month_index % 12 + 1, 1)


@transaction.atomic
def review_plan(
    *, journey: Journey, planned_for: date | None = None, today: date | None = None
) -> Review:
    """Plan the next review; its period is the cycle before it."""
    today = today or timezone.localdate()
    planned_for = planned_for or next_review_date(journey, today)
    if Review.objects.filter(journey=journey, planned_for=planned_for).exists():
        raise ValidationError(_("A review is planned on that day already."))
    start = planned_for - timedelta(days=30 * journey.review_months)
    return Review.objects.create(
        organization_id=journey.organization_id,
        journey=journey,
        planned_for=planned_for,
        period_start=start,
        period_end=planned_for - timedelta(days=1),
    )


def agenda_for(*, review: Review, membership: Membership) -> agendas.Agenda:
    """The agenda generated from the data of the review's period."""
    found = selectors.journey_map(
        journey=review.journey,
        membership=membership,
        start=review.period_start,
        end=review.period_end,
    )
    lines = [
        agendas.StepLine(
            step=s.step.name,
            team=s.step.team.name,
            metric=s.step.metric,
            value=(
                None
                if s.estimate is None or s.estimate.value is None
                else round(s.estimate.value, 1)
            ),
            target=float(s.step.target),
            status=s.judged.status,
            change=None if s.change is None else round(s.change, 1),
            moment_of_truth=s.step.moment_of_truth,
            clearly_below=s.judged.clearly_below,
        )
        for s in found.steps
        if s.visible
    ]
    actions = [
        agendas.ActionLine(
            d.action.title,
            d.action.team.name,
            d.action.state,
            d.action.due_date.isoformat() if d.action.due_date else "",
        )
        for d in selectors.open_actions_of(review.journey)
    ]
    return agendas.build(lines, actions)


@transaction.atomic
def review_hold(
    *, review: Review, by: Membership, minutes: str, attendees: str, held_on: date | None = None
) -> Review:
    """Record the review as held, with the agenda as it stands now (frozen as evidence)."""
    if not minutes.strip():
        raise ValidationError(_("Write the minutes of the review."))
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not review.is_held:
        review.agenda = agenda_for(review=review, membership=by).as_json()
    review.minutes, review.attendees = minutes.strip(), attendees.strip()
    review.status, review.held_by = ReviewStatus.HELD, by
    review.held_on = held_on or timezone.localdate()
    review.save(update_fields=["agenda", "minutes", "attendees", "status", "held_by", "held_on"])
    # The quality cycle goes on: the next review is planned when this one is held.
    reviews_plan_due(today=review.held_on, journeys=[review.journey])
    return review


def reviews_plan_due(*, today: date, journeys=None) -> int:
    """Plan the next review of every journey that has none planned after `today`."""
    journeys = journeys if journeys is not None else Journey.objects.all()
    planned = 0
    for journey in journeys:
        if not Review.objects.filter(
            journey=journey, planned_for__gt=today, status=ReviewStatus.PLANNED
        ).exists():
            when = next_review_date(journey, today)
            if not Review.objects.filter(journey=journey, planned_for=when).exists():
                review_plan(journey=journey, planned_for=when)
                planned += 1
    return planned


@transaction.atomic
def decision_add(
    *,
    review: Review,
    by: Membership,
    text: str,
    title: str,
    step: Step | None = None,
    team: OrgUnit | None = None,
    owner: Membership | None = None,
    due_date: date | None = None,
) -> Decision:
    """A decision; it becomes an improvement action in "plan" on the owning team's board."""
    text, title = text.strip(), title.strip()
    if not text or not title:
        raise ValidationError(_("A decision needs a title and a description."))
    if step is not None and step.journey_id != review.journey_id:
        raise ValidationError(_("The step belongs to another journey."))
    team = step.team if step is not None and team is None else team
    if team is None:
        raise ValidationError(_("Choose the step or the team that carries out the decision."))
    if team.organization_id != review.organization_id:
        raise ValidationError(_("The team belongs to another organisation."))
    problem = _("Journey review %(journey)s of %(date)s: %(text)s") % {
        "journey": review.journey.name,
        "date": review.planned_for.isoformat(),
        "text": text,
    }
    action = action_create(
        action=ImprovementAction(
            team=team, title=title[:150], problem=problem, owner=owner, due_date=due_date
        ),
        by=by,
    )
    return Decision.objects.create(review=review, step=step, team=team, text=text, action=action)
