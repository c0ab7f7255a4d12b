from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.journeys.models import Decision, Review
from klantcultuur.journeys.services import reviews
from klantcultuur.journeys.tests.helpers import feed, repair_journey

pytestmark = pytest.mark.django_db


def test_the_next_review_is_the_start_of_the_next_quarter(world):
    journey, _c, _p = repair_journey(world)
    assert reviews.next_review_date(journey, date(2026, 2, 14)) == date(2026, 4, 1)
    assert reviews.next_review_date(journey, date(2026, 12, 7)) == date(2027, 1, 1)


def test_the_agenda_lists_steps_below_target_moments_of_truth_first(world):
    journey, contact, planning = repair_journey(world)
    feed(world)
    review = reviews.review_plan(journey=journey, planned_for=date.today())
    agenda = reviews.agenda_for(review=review, membership=world.cx_lead)
    assert [line.step for line in agenda.below_target] == [contact.name, planning.name]


def test_a_decision_appears_on_the_owning_teams_board(world, login):
    journey, _contact, planning = repair_journey(world)
    feed(world)
    review = reviews.review_plan(journey=journey)
    client = login(world.board)
    response = client.post(
        reverse("journeys-review", args=[review.uuid]),
        {
            "form": "decision",
            "title": "Planners bellen monteurs terug binnen een uur",
            "text": "Monteurs zijn ontevreden over de planning.",
            "step": planning.id,
        },
    )
    assert response.status_code == 302
    action = ImprovementAction.objects.get(title="Planners bellen monteurs terug binnen een uur")
    assert action.team == world.back_team and action.state == "plan"
    board = login(world.admin).get(reverse("huddle-board", args=[world.back_team.uuid]))
    assert "Planners bellen monteurs terug binnen een uur" in board.content.decode()
    agenda = reviews.agenda_for(review=review, membership=world.cx_lead)
    assert [a.title for a in agenda.open_actions] == [action.title]


def test_a_decision_without_title_stores_nothing(world):
    journey, contact, _p = repair_journey(world)
    review = reviews.review_plan(journey=journey)
    with pytest.raises(ValidationError):
        reviews.decision_add(review=review, by=world.board, text="Iets", title=" ", step=contact)
    assert not ImprovementAction.objects.exists() and not Decision.objects.exists()


def test_holding_a_review_freezes_its_agenda(world, login):
    journey, contact, _p = repair_journey(world)
    feed(world)
    review = reviews.review_plan(journey=journey, planned_for=date.today())
    client = login(world.cx_lead)
    client.post(
        reverse("journeys-review", args=[review.uuid]),
        {
            "form": "hold",
            "held_on": date.today().isoformat(),
            "attendees": "Thomas, Marieke",
            "minutes": "Planning blijft achter bij de norm.",
        },
    )
    review.refresh_from_db()
    assert review.is_held and review.held_by == world.cx_lead
    steps = [line["step"] for line in review.agenda["below_target"]]
    assert steps[0] == contact.name
    contact.target = -100
    contact.save(update_fields=["target"])
    response = client.get(reverse("journeys-review", args=[review.uuid]))
    assert contact.name in response.content.decode()


def test_a_review_without_minutes_is_not_recorded(world, login):
    journey, _c, _p = repair_journey(world)
    review = reviews.review_plan(journey=journey)
    login(world.cx_lead).post(
        reverse("journeys-review", args=[review.uuid]),
        {"form": "hold", "held_on": "2026-12-01", "minutes": ""},
    )
    assert not Review.objects.get(pk=review.pk).is_held


def test_the_export_holds_agenda_minutes_and_decisions(world, login):
    journey, _contact, planning = repair_journey(world)
    feed(world)
    review = reviews.review_plan(journey=journey, planned_for=date.today())
    reviews.decision_add(
        review=review,
        by=world.board,
        title="=Planning terugbellen",
        text="Terugbellen binnen een uur.",
        step=planning,
    )
    reviews.review_hold(review=review, by=world.board, minutes="Besproken.", attendees="MT")
    response = login(world.cx_lead).get(reverse("journeys-review-export", args=[review.uuid]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Afspraak inplannen" in text and "Besproken." in text
    assert "'=Planning terugbellen" in text  # neutralised for spreadsheets


def test_an_employee_may_read_but_not_decide(world, login):
    journey, contact, _p = repair_journey(world)
    review = reviews.review_plan(journey=journey)
    client = login(world.employee)
    assert client.get(reverse("journeys-review", args=[review.uuid])).status_code == 200
    response = client.post(
        reverse("journeys-review", args=[review.uuid]),
        {"form": "decision", "title": "x", "text": "y", "step": contact.id},
    )
    assert response.status_code == 403
    assert not ImprovementAction.objects.exists()


def test_holding_a_review_plans_the_next_one(world):
    journey, _c, _p = repair_journey(world)
    review = reviews.review_plan(journey=journey, planned_for=date(2026, 10, 1))
    reviews.review_hold(
        review=review, by=world.board, minutes="Besproken.", attendees="", held_on=date(2026, 10, 2)
    )
    assert list(journey.reviews.filter(status="planned").values_list("planned_for", flat=True)) == [
        date(2027, 1, 1)
    ]
    assert reviews.reviews_plan_due(today=date(2026, 10, 2), journeys=[journey]) == 0
