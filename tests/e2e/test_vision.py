"""The customer vision in a real browser: recognising a colleague on a phone."""

from __future__ import annotations

import pytest
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
