"""Customer-centred HRM in a real browser: a newcomer's first week on a phone, the room to
decide on the team's dagstart board, and HR's side-by-side view."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klantcultuur.hrm.services.documents import document_add, rating_save
from klantcultuur.hrm.services.onboarding import path_start, room_add
from klantcultuur.orgs.roles import Role
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave
from klantcultuur.testing import build_world, make_member
from klantcultuur.vision.tests.helpers import published
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def above_the_fold(locator, page) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] + box["height"] <= page.viewport_size["height"]


def test_a_newcomer_finds_the_path_on_the_start_page_and_ticks_a_step(live_server, page_factory):
    world = build_world()
    published(world)
    room_add(
        organization=world.org,
        role=Role.EMPLOYEE,
        job_title="",
        what="Een tegemoetkoming toekennen",
        amount=Decimal("150"),
    )
    nina = make_member(
        world.org, "nina@linge.example", Role.EMPLOYEE, world.team, first_name="Nina"
    )
    path_start(membership=nina)
    page = page_factory(390, 800)
    log_in(page, live_server.url, "nina@linge.example")
    card = page.get_by_role("heading", name="Jouw inwerkpad")
    expect(card).to_be_visible()
    assert above_the_fold(card, page)
    page.get_by_role("link", name="Verder").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Welkom: zo werken wij hier")
    first_step = page.get_by_role("heading", name="Onze visie en beloftes")
    assert above_the_fold(heading, page) and above_the_fold(first_step, page)
    expect(page.get_by_text("0 van 6 stappen gedaan")).to_be_visible()
    assert fits(page)
    page.get_by_role("button", name="Gelezen").first.click()
    expect(page.get_by_text("1 van 6 stappen gedaan")).to_be_visible()
    expect(page.get_by_text("tot € 150")).to_be_visible()
    screenshot(page, "hrm-onboarding-phone")


def test_the_team_board_shows_the_room_to_decide(live_server, page_factory):
    world = build_world()
    room_add(
        organization=world.org,
        role=Role.EMPLOYEE,
        job_title="",
        what="Kosteloos een extra bezoek inplannen",
        amount=None,
    )
    page = page_factory(1024, 768)
    log_in(page, live_server.url, "bob@linge.example")
    page.goto(f"{live_server.url}/huddle/{world.team.uuid}/dagstart/")
    block = page.get_by_role("heading", name="Beslisruimte")
    expect(block).to_be_visible()
    expect(page.get_by_text("Kosteloos een extra bezoek inplannen")).to_be_visible()
    assert fits(page)
    screenshot(page, "hrm-room-on-board-tablet")


def test_hr_sees_what_it_says_beside_what_employees_see(live_server, page_factory):
    world = build_world()
    published(world)
    document = document_add(
        by=world.hr, process="onboarding", title="Inwerkprogramma", text="Week 1: de systemen."
    )
    rating_save(document=document, rating=5, note="", action="", owner=None, due=None)
    today = timezone.localdate()
    wave = make_wave(
        world.org, name="Cultuurscan 2026", opens_on=today - timedelta(days=20), closes_on=today
    )
    add_responses(wave, world.team, 12, level=2)
    close_and_report(wave)
    for width in (1280, 390):
        page = page_factory(width, 900)
        log_in(page, live_server.url, "hanna@linge.example")
        page.goto(live_server.url + "/hrm/alignment/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        onboarding = page.locator("#process-onboarding")
        expect(onboarding.get_by_text("HR ziet het rooskleuriger dan medewerkers")).to_be_visible()
        assert fits(page)
        screenshot(page, f"hrm-alignment-{width}")
