"""The customer vision in a real browser: recognising a colleague on a phone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from klantcultuur.testing import build_world
from klantcultuur.vision.models import Observation
from klantcultuur.vision.tests.helpers import behaviour, published
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_colleague_is_recognised_on_a_phone_in_a_few_taps(live_server, page_factory):
    world = build_world()
    version = published(world)
    seen = behaviour(world, version)
    behaviour(world, version, name="Samenvatten voor ophangen")
    page = page_factory(width=390, height=844)
    log_in(page, live_server.url, "mila@linge.example")
    page.goto(live_server.url + "/vision/observe/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Collega waarderen")
    # Nothing sideways on a phone: the page is as wide as the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Wie liet het zien?").select_option(label="Bob Visser")
    page.get_by_text(seen.short_name, exact=True).click()
    button = page.get_by_role("button", name="Vastleggen")
    assert button.bounding_box()["height"] >= 44  # a touch target
    screenshot(page, "vision-observe-phone")
    button.click()
    expect(page.locator(".message--success")).to_contain_text("Bob")
    observation = Observation.objects.get()
    assert (observation.behaviour_id, observation.shown_by_id, observation.observer_id) == (
        seen.id,
        world.employee.id,
        world.manager.id,
    )
    # Bob sees it on his own phone.
    page2 = page_factory(width=390, height=844)
    log_in(page2, live_server.url, "bob@linge.example")
    page2.goto(live_server.url + "/vision/observe/")
    expect(page2.locator(".observations")).to_contain_text(seen.short_name)


def test_the_team_tags_its_story_with_a_behaviour_on_the_board_on_a_phone(
    live_server, page_factory
):
    from django.utils import timezone

    from klantcultuur.feedback.tests.factories import ingest, item
    from klantcultuur.huddle.models import Huddle
    from klantcultuur.vision.models import CustomerTag

    world = build_world()
    version = published(world)
    call_back = behaviour(world, version)
    record = ingest(
        world.org,
        item(reason="Ze belden me dezelfde middag terug, top!", score=10, team_id=world.team.id),
    ).created[0]
    Huddle.objects.create(
        organization=world.org, unit=world.team, day=timezone.localdate(), story=record
    )
    page = page_factory(width=390, height=844)
    log_in(page, live_server.url, "mila@linge.example")
    page.goto(f"{live_server.url}/huddle/{world.team.uuid}/")
    block = page.locator(".week-behaviour__story")
    expect(block).to_contain_text("Welk gedrag laat het verhaal zien?")  # loaded by htmx
    block.get_by_label("Welk gedrag laat het zien?").select_option(label=call_back.short_name)
    block.get_by_role("button", name="Koppel").click()
    expect(page.locator(".week-behaviour__story .tags")).to_contain_text(call_back.short_name)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "vision-story-tag-phone")
    assert CustomerTag.objects.get().as_story
    # "Klanten merken" counts it, at the top of the page.
    page.goto(f"{live_server.url}/vision/tags/")
    noticed = page.get_by_role("heading", name="Opgemerkt in de laatste 8 weken")
    expect(noticed).to_be_in_viewport()
    expect(page.locator("table").first).to_contain_text(call_back.short_name)
    screenshot(page, "vision-tags-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_customer_answers_the_vision_question_under_a_touchpoint_form_on_a_phone(
    live_server, page_factory
):
    from klantcultuur.feedback.models import Feedback, Touchpoint
    from klantcultuur.vision.models import CustomerQuestion

    world = build_world()
    touchpoint = Touchpoint.objects.create(
        organization=world.org,
        name="Reparatie afgerond",
        subject="de monteur",
        metric="nps",
        team=world.team,
    )
    CustomerQuestion.objects.create(organization=world.org).touchpoints.add(touchpoint)
    page = page_factory(width=390, height=844)
    page.goto(live_server.url + reverse("feedback-form", args=[touchpoint.uuid]))
    page.locator("label[for='id_score_9']").click()
    page.get_by_label("Wat verwacht u van ons?").fill("Dat u belt als de monteur later komt.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "vision-question-on-form-phone")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Bedankt!")).to_be_visible()
    answer = Feedback.objects.get(channel="klantvisie")
    assert answer.reason == "Dat u belt als de monteur later komt."
