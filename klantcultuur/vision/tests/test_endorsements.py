"""Draagvlak: publishing asks every manager, answers and objections, reopening, reminders."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from klantcultuur.orgs.models import OrgUnit
from klantcultuur.testing import make_member
from klantcultuur.vision import selectors
from klantcultuur.vision.models import Endorsement, VersionStatus
from klantcultuur.vision.services import endorsements as services
from klantcultuur.vision.services import writing
from klantcultuur.vision.tests.helpers import PROMISES, draft, published


@pytest.fixture
def department_head(world):
    head = make_member(
        world.org,
        "dana@linge.example",
        "manager",
        world.department,
        first_name="Dana",
        last_name="Kok",
    )
    world.department.manager = head
    world.department.save(update_fields=["manager"])
    return head


def test_publishing_asks_every_manager_of_a_unit_and_the_board_once(world, department_head):
    version = published(world)
    asked = {
        (e.manager_id, e.layer, e.unit_id) for e in Endorsement.objects.filter(version=version)
    }
    assert asked == {
        (world.manager.id, "team", world.team.id),
        (department_head.id, "department", world.department.id),
        (world.board.id, "board", None),
    }
    assert all(e.status == "pending" for e in Endorsement.objects.filter(version=version))


def test_a_manager_of_several_units_is_asked_once_in_the_highest_layer(world):
    world.division.manager = world.manager
    world.division.save(update_fields=["manager"])
    version = published(world)
    mine = Endorsement.objects.get(version=version, manager=world.manager)
    assert (mine.layer, mine.unit_id) == ("division", world.division.id)


def test_a_manager_endorses_with_a_remark_or_not_yet_with_a_reason(world):
    version = published(world)
    mine = Endorsement.objects.get(version=version, manager=world.manager)
    with pytest.raises(ValidationError):
        services.endorsement_answer(endorsement=mine, status="not_yet", remark="  ")
    with pytest.raises(ValidationError):
        services.endorsement_answer(endorsement=mine, status="remark")
    services.endorsement_answer(
        endorsement=mine, status="not_yet", remark="Eerst de bezetting op orde."
    )
    mine.refresh_from_db()
    assert mine.is_open_objection and mine.answered_at is not None


def test_an_answer_to_an_objection_asks_the_manager_again(world):
    version = published(world)
    mine = Endorsement.objects.get(version=version, manager=world.manager)
    services.endorsement_answer(endorsement=mine, status="not_yet", remark="Te vaag.")
    services.objection_respond(
        endorsement=mine, response="We maken het concreet.", by=world.cx_lead
    )
    mine.refresh_from_db()
    assert mine.status == "pending" and mine.reopened_at is not None
    assert mine.remark == "Te vaag." and mine.response == "We maken het concreet."
    assert not mine.is_open_objection
    services.endorsement_answer(endorsement=mine, status="endorsed")
    mine.refresh_from_db()
    assert mine.carries


def test_a_new_version_reopens_endorsement_and_keeps_the_earlier_answers(world):
    first = published(world)
    mine = Endorsement.objects.get(version=first, manager=world.manager)
    services.endorsement_answer(endorsement=mine, status="endorsed")
    lineages = [p.lineage for p in first.promises.all()]
    second = draft(world, promises=[*PROMISES[:4], ("Nieuwe belofte", "")], lineages=lineages)
    writing.version_publish(version=second, by=world.cx_lead)
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    again = Endorsement.objects.get(version=second, manager=world.manager)
    assert again.status == "pending"
    assert Endorsement.objects.get(id=mine.id).status == "endorsed"  # history stays
    assert selectors.previous_answers(second, [world.manager.id]) == {world.manager.id: "endorsed"}
    # An answer to the superseded version is refused.
    with pytest.raises(ValidationError):
        services.endorsement_answer(
            endorsement=Endorsement.objects.get(id=mine.id), status="not_yet", remark="Toch niet."
        )


def test_the_manager_answers_on_the_page_and_the_cx_lead_answers_the_objection(world, login):
    version = published(world)
    mine = Endorsement.objects.get(version=version, manager=world.manager)
    client = login(world.manager)
    response = client.get(reverse("vision-endorse-mine"))
    assert response["Location"] == reverse("vision-endorsement", args=[mine.uuid])
    client.post(
        reverse("vision-endorse", args=[mine.uuid]),
        {"status": "not_yet", "remark": "Mijn team kan dit nog niet waarmaken."},
    )
    mine.refresh_from_db()
    assert mine.status == "not_yet"
    # Nobody else answers for the manager.
    assert (
        login(world.cx_lead)
        .post(reverse("vision-endorse", args=[mine.uuid]), {"status": "endorsed"})
        .status_code
        == 403
    )
    overview = login(world.cx_lead).get(reverse("vision-draagvlak"))
    assert "Mijn team kan dit nog niet waarmaken." in overview.content.decode()
    login(world.cx_lead).post(
        reverse("vision-respond", args=[mine.uuid]),
        {"response": "We starten met een terugbelblok.", "reopen": "on"},
    )
    mine.refresh_from_db()
    assert mine.status == "pending" and mine.response == "We starten met een terugbelblok."


def test_an_unknown_answer_is_refused_without_a_change(world, login):
    version = published(world)
    mine = Endorsement.objects.get(version=version, manager=world.manager)
    response = login(world.manager).post(
        reverse("vision-endorse", args=[mine.uuid]), {"status": "maybe"}, follow=True
    )
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.status == "pending"


def test_the_overview_counts_per_layer_and_unit(world, department_head):
    version = published(world)
    team_lead = Endorsement.objects.get(version=version, manager=world.manager)
    services.endorsement_answer(endorsement=team_lead, status="remark", remark="Eens, met zorg.")
    summary = selectors.draagvlak(version)
    assert (summary.total.asked, summary.total.carries, summary.total.pending) == (3, 1, 2)
    layers = {key: t for key, _label, t in summary.layers}
    assert (layers["team"].remark, layers["department"].pending, layers["board"].asked) == (1, 1, 1)
    units = {u.unit_id: u.tally for u in summary.units}
    # The department's row counts its own head and the team leader below it.
    assert (units[world.department.id].asked, units[world.department.id].carries) == (2, 1)
    assert units[world.division.id].asked == 2


def test_reminders_go_by_e_mail_to_managers_who_have_not_answered(world, login):
    version = published(world)
    done = Endorsement.objects.get(version=version, manager=world.manager)
    services.endorsement_answer(endorsement=done, status="endorsed")
    mail.outbox.clear()
    response = login(world.cx_lead).post(reverse("vision-remind"))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[world.board.user.email]]
    assert reverse("vision-endorse-mine") in mail.outbox[0].body
    assert Endorsement.objects.get(version=version, manager=world.board).reminded_at is not None


def test_publishing_by_the_page_asks_the_managers_by_e_mail(world, login):
    version = draft(world)
    mail.outbox.clear()
    response = login(world.cx_lead).post(reverse("vision-publish", args=[version.uuid]))
    assert response["Location"] == reverse("vision-draagvlak")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.manager.user.email, world.board.user.email]
    )


def test_archived_units_and_people_are_not_asked(world):
    OrgUnit.objects.filter(id=world.team.id).update(archived_at="2025-01-01T00:00:00Z")
    version = published(world)
    assert not Endorsement.objects.filter(version=version, manager=world.manager).exists()
