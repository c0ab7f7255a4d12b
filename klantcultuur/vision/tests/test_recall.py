"""The recall check: anonymous answers, explained scores, results behind the anonymity gate."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from klantcultuur.vision import selectors
from klantcultuur.vision.models import RecallAnswer, RecallParticipation
from klantcultuur.vision.services.recall import recall_answer_submit
from klantcultuur.vision.tests.helpers import published, recall_check

LABELS = {"all": "Iedereen", "manager": "Leidinggevenden", "employee": "Medewerkers"}


def test_an_answer_is_scored_explained_and_stored_without_the_person(world, login):
    recall = recall_check(world, published(world))
    page = (
        login(world.employee)
        .post(
            reverse("vision-recall-answer", args=[recall.uuid]),
            {
                "text": "terugbellen binnen een dag\nafspraak is afspraak",
                "understanding": "5",
            },
        )
        .content.decode()
    )
    assert "2" in page and "terugbellen" in page and "Afspraak is afspraak" in page
    answer = RecallAnswer.objects.get()
    assert (answer.named, answer.unit_id, answer.is_manager) == (2, world.team.id, False)
    field_names = {f.name for f in RecallAnswer._meta.get_fields()}
    assert not field_names & {"membership", "user", "author", "created_at"}
    assert RecallParticipation.objects.filter(membership=world.employee).exists()


def test_one_answer_per_person(world):
    recall = recall_check(world, published(world))
    recall_answer_submit(recall=recall, membership=world.employee, text="bellen", understanding=3)
    with pytest.raises(ValidationError):
        recall_answer_submit(recall=recall, membership=world.employee, text="tijd", understanding=3)
    assert RecallAnswer.objects.count() == 1


def test_bad_input_is_refused_with_nothing_written(world, login):
    recall = recall_check(world, published(world))
    response = login(world.employee).post(
        reverse("vision-recall-answer", args=[recall.uuid]),
        {"text": "bellen", "understanding": "9"},
    )
    assert response.status_code == 200
    assert not RecallAnswer.objects.exists() and not RecallParticipation.objects.exists()


def _answers(world, recall, unit, n, *, manager=False, text="bellen terug\nop tijd\nhelder"):
    for _i in range(n):
        RecallAnswer.objects.create(
            organization=world.org,
            recall=recall,
            unit=unit,
            is_manager=manager,
            text=text,
            understanding=5,
            named=3,
        )


def test_groups_below_the_threshold_are_never_shown(world, login):
    recall = recall_check(world, published(world))
    _answers(world, recall, world.team, 6)
    _answers(world, recall, world.back_team, 2)
    results = selectors.recall_results(recall, labels=LABELS, unit_id=world.department.id)
    units = {f.label: f for f in results.units}
    planning = units["Planning"]
    assert (planning.shown, planning.reason) == (False, "too_few")
    assert planning.mean_named is None and planning.share_three is None
    # The department (8) minus its other team (6) would give away Planning's 2: the scan's
    # gate hides the smaller of the two subtracted groups, the team.
    assert units["Klantcontact"].shown and units["Klantcontact"].n == 8
    team = units["Klantcontactcentrum"]
    assert (team.shown, team.reason, team.mean_named) == (False, "protects_smaller_group", None)
    page = (
        login(world.cx_lead)
        .get(
            reverse("vision-recall-results", args=[recall.uuid]) + f"?unit={world.department.uuid}"
        )
        .content.decode()
    )
    assert "Te weinig antwoorden om te tonen" in page  # Planning
    assert "Verborgen om een kleinere groep te beschermen" in page  # the other team


def test_nothing_is_shown_when_only_a_few_answered(world, login):
    recall = recall_check(world, published(world))
    _answers(world, recall, world.team, 4)
    results = selectors.recall_results(recall, labels=LABELS)
    assert not results.total.shown and results.total.mean_named is None
    assert all(f.mean_named is None for f in results.units + results.layers)
    assert all(n is None for _p, n in results.promise_counts)


def test_the_organisation_may_raise_the_threshold(world):
    world.org.min_group_size = 8
    world.org.save(update_fields=["min_group_size"])
    recall = recall_check(world, published(world))
    _answers(world, recall, world.team, 7)
    assert not selectors.recall_results(recall, labels=LABELS).total.shown


def test_self_reported_understanding_is_shown_next_to_real_recall(world):
    recall = recall_check(world, published(world))
    _answers(world, recall, world.team, 5, text="x")
    RecallAnswer.objects.filter(recall=recall).update(named=0, understanding=5)
    _answers(world, recall, world.team, 5)
    total = selectors.recall_results(recall, labels=LABELS).total
    assert (total.n, total.share_understand, total.share_three) == (10, 100, 50)


def test_employees_cannot_read_results(world, login):
    recall = recall_check(world, published(world))
    assert (
        login(world.employee).get(reverse("vision-recall-results", args=[recall.uuid])).status_code
        == 403
    )
