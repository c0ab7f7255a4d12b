"""The change programme in a real browser: a leader logs a visit on a phone, the visited team
sees it and the pulse on its dagstart board, and answers it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klantcultuur.programme.models import Visit
from klantcultuur.programme.services import visits as services
from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_logs_a_visit_on_a_phone_and_the_team_answers_the_pulse(live_server, page_factory):
    world = build_world()
    visit = services.visit_plan(
        organization=world.org,
        leader=world.board,
        unit=world.team,
        planned_on=timezone.localdate(),
        by=world.board,
    )
    page = page_factory(width=390, height=844)
    log_in(page, live_server.url, "dirk@linge.example")
    page.goto(f"{live_server.url}/programme/visits/{visit.uuid}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezoek aan Klantcontactcentrum")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    heard = page.get_by_label("Wat heb je gehoord?")
    heard.fill("Klanten worden drie keer doorverbonden voor een reparatie.")
    page.get_by_label("Terugkoppeling aan het team op hun bord").check()
    page.get_by_label("Ja, duidelijk").check()
    button = page.get_by_role("button", name="Verslag opslaan")
    assert button.bounding_box()["height"] >= 44  # a touch target
    screenshot(page, "programme-visit-log-phone")
    button.click()
    expect(page.locator(".message--success")).to_contain_text("Vastgelegd")
    assert Visit.objects.get().status == "done"

    # Bob's dagstart board shows the feedback and the pulse question, above the fold.
    board = page_factory(width=1280, height=900)
    log_in(board, live_server.url, "bob@linge.example")
    board.goto(f"{live_server.url}/huddle/{world.team.uuid}/")
    news = board.locator(".programme-news")
    expect(news).to_contain_text("drie keer doorverbonden")
    invite = news.get_by_role("link", name="Heb je iets gemerkt van het bezoek van Dirk Bakker?")
    expect(invite).to_be_visible()
    screenshot(board, "programme-board-block")
    invite.click()
    board.get_by_label("Een beetje").check()
    board.get_by_role("button", name="Antwoord", exact=True).click()
    expect(board.locator(".message--success")).to_contain_text("anoniem")
    visit.refresh_from_db()
    assert visit.pulse_a_little == 1


@pytest.mark.parametrize("width", [390, 1024, 1280])
def test_the_interest_analysis_and_coverage_fit_the_screen(live_server, page_factory, width):
    from klantcultuur.programme.services import interests

    world = build_world()
    trait = interests.trait_add(organization=world.org, by=world.cx_lead, text="Eilandjes")
    stakeholder = interests.stakeholder_save(
        by=world.cx_lead,
        trait=trait,
        who="Afdelingshoofden",
        gain="Eigen budget",
        influence_kind="formal",
    )
    interests.position_record(
        stakeholder=stakeholder,
        by=world.cx_lead,
        measured_on=timezone.localdate(),
        influence=3,
        stance="opponent",
    )
    page = page_factory(width=width, height=900)
    log_in(page, live_server.url, "cees@linge.example")
    for path, title in (
        ("/programme/interests/", "Belangenanalyse"),
        ("/programme/visits/coverage/", "Leiders op de werkvloer"),
        ("/programme/dashboard/", "Programmadashboard"),
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        screenshot(page, f"programme{path.replace('/', '-').rstrip('-')}-{width}")
