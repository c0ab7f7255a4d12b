"""Compliments and the dagstart's story tagged with behaviours: which behaviours customers
notice, per behaviour and per team, with the customer's words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.huddle.models import Huddle
from klantcultuur.vision import selectors
from klantcultuur.vision.models import CustomerTag
from klantcultuur.vision.services.tags import tag_add
from klantcultuur.vision.tests.helpers import behaviour, published


@pytest.fixture
def call_back(world):
    return behaviour(world, published(world))


def _compliment(world, text="Ze belden me dezelfde middag terug, top!", **values):
    values.setdefault("team_id", world.team.id)
    return ingest(world.org, item(reason=text, score=10, **values)).created[0]


def test_a_colleague_tags_a_compliment_and_everyone_sees_which_behaviour_customers_notice(
    world, login, call_back
):
    record = _compliment(world)
    employee = login(world.employee)
    page = employee.get(reverse("vision-tags")).content.decode()
    assert "Ze belden me dezelfde middag terug" in page
    response = employee.post(
        reverse("vision-tag-create"),
        {"feedback": str(record.uuid), "behaviour": str(call_back.uuid)},
    )
    assert response.status_code == 302
    tag = CustomerTag.objects.get()
    assert (tag.feedback_id, tag.unit, tag.day, tag.as_story) == (
        record.uuid,
        world.team,
        record.day,
        False,
    )
    page = employee.get(reverse("vision-tags")).content.decode()
    assert 'Terugbellen binnen een werkdag</a></th><td class="num">1</td>' in page
    detail = employee.get(reverse("vision-behaviour", args=[call_back.uuid])).content.decode()
    assert "Ze belden me dezelfde middag terug, top!" in detail


def test_tagging_twice_keeps_one_tag_and_it_can_be_taken_off(world, login, call_back):
    record = _compliment(world)
    tag_add(behaviour=call_back, record=record, by=world.employee)
    tag = tag_add(behaviour=call_back, record=record, by=world.manager, as_story=True)
    assert CustomerTag.objects.count() == 1 and tag.as_story
    login(world.employee).post(reverse("vision-tag-delete", args=[tag.uuid]))
    assert not CustomerTag.objects.exists()


def test_only_customers_compliments_can_be_tagged(world, call_back):
    complaint = ingest(
        world.org, item(reason="Niemand belde terug.", score=2, team_id=world.team.id)
    ).created[0]
    colleague = _compliment(world, "Fijne samenwerking, dank!", is_internal=True)
    for record in (complaint, colleague):
        with pytest.raises(ValidationError):
            tag_add(behaviour=call_back, record=record, by=world.employee)


def test_a_compliment_of_a_unit_one_may_not_read_cannot_be_tagged(world, login, call_back):
    record = _compliment(world, team_id=world.back_team.id)
    response = login(world.employee).post(
        reverse("vision-tag-create"),
        {"feedback": str(record.uuid), "behaviour": str(call_back.uuid)},
    )
    assert response.status_code == 403 and not CustomerTag.objects.exists()
    outsider = login(world.outsider).post(
        reverse("vision-tag-create"),
        {"feedback": str(_compliment(world).uuid), "behaviour": str(call_back.uuid)},
    )
    assert outsider.status_code == 404


def test_the_board_tags_its_story_and_shows_the_behaviour(world, login, call_back):
    record = _compliment(world)
    day = timezone.localdate()
    Huddle.objects.create(organization=world.org, unit=world.team, day=day, story=record)
    manager = login(world.manager)
    url = reverse("vision-week", args=[world.team.uuid]) + f"?day={day.isoformat()}"
    block = manager.get(url).content.decode()
    assert "Welk gedrag laat het verhaal zien?" in block and 'name="as_story" value="1"' in block
    manager.post(
        reverse("vision-tag-create"),
        {"feedback": str(record.uuid), "behaviour": str(call_back.uuid), "as_story": "1"},
    )
    assert CustomerTag.objects.get().as_story
    assert "Terugbellen binnen een werkdag" in manager.get(url + "&wall=1").content.decode()


def test_counts_per_behaviour_follow_the_units_one_may_see_and_the_period(world, call_back):
    today = timezone.localdate()
    ours = _compliment(world)
    theirs = _compliment(world, "Keurig geholpen door planning.", team_id=world.back_team.id)
    old = _compliment(world, "Heel fijn geholpen.", received_at=timezone.now() - timedelta(days=70))
    for record in (ours, theirs, old):
        tag_add(behaviour=call_back, record=record, by=world.cx_lead)
    since = today - timedelta(weeks=8)
    (all_units,) = selectors.behaviours_customers_notice(world.org, unit_ids=None, since=since)
    assert all_units.count == 2
    (team_only,) = selectors.behaviours_customers_notice(
        world.org, unit_ids=[world.team.id], since=since
    )
    assert team_only.count == 1


def test_erasing_the_customer_removes_the_tag(world, call_back):
    from klantcultuur.feedback.services.privacy import customer_erase

    record = _compliment(world, customer_ref="K-88")
    tag_add(behaviour=call_back, record=record, by=world.employee)
    customer_erase(organization=world.org, reference="K-88", actor=world.cx_lead.user)
    assert not CustomerTag.objects.exists()


def test_after_the_retention_period_the_tag_counts_but_the_words_are_not_quoted(world, call_back):
    from klantcultuur.feedback.models import FeedbackSettings
    from klantcultuur.feedback.services.privacy import retention_apply

    old = _compliment(world, "Heel fijn geholpen.", received_at=timezone.now() - timedelta(days=40))
    recent = _compliment(world)
    for record in (old, recent):
        tag_add(behaviour=call_back, record=record, by=world.employee)
    settings = FeedbackSettings.for_organization(world.org)
    settings.retention_days = 30
    settings.save()
    assert retention_apply(organization=world.org) == 1
    quotes = selectors.customer_quotes(call_back, unit_ids=None)
    assert [texts for _tag, texts in quotes] == [["Ze belden me dezelfde middag terug, top!"]]
    since = timezone.localdate() - timedelta(weeks=8)
    (noticed,) = selectors.behaviours_customers_notice(world.org, unit_ids=None, since=since)
    assert noticed.count == 2
