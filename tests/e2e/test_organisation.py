"""A user logs in and walks through the organisation pages in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(base + "/start/")


def test_an_administrator_logs_in_and_walks_the_organisation(live_server, page_factory):
    build_world()
    page = page_factory()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "alice@linge.example")
    assert page.get_by_role("heading", level=1).inner_text() == "Fijn je te zien, Alice"

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Organisatie").click()
    assert page.get_by_role("heading", name="Woonstichting De Linge").is_visible()
    page.get_by_role("link", name="Klantcontactcentrum").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Klantcontactcentrum")
    assert page.get_by_text("Bob Visser").is_visible()
    screenshot(page, "organisation-unit-desktop")

    page.get_by_role("link", name="Wijzigen of verplaatsen").click()
    page.get_by_label("Naam").fill("Klantcontactcentrum Noord")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("“Klantcontactcentrum Noord” is opgeslagen.").is_visible()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Organisatie").click()
    page.get_by_role("navigation", name="Organisatie").get_by_role("link", name="Mensen").click()
    page.get_by_label("Zoeken").fill("visser")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert "Bob Visser" in page.locator("#results").inner_text()
    assert "q=visser" in page.url  # htmx pushed the search into the address bar
    assert errors == []


def test_on_a_phone_the_menu_opens_and_the_keyboard_reaches_it(live_server, page_factory):
    build_world()
    page = page_factory(width=390, height=844)
    log_in(page, live_server.url, "bob@linge.example")
    assert not page.locator(".mainnav").is_visible()
    page.get_by_text("Menu").click()
    menu = page.locator(".menu__panel")
    assert menu.get_by_role("link", name="Organisatie").is_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused
    screenshot(page, "menu-phone")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Organisatie"
    ).first.click()
    assert page.get_by_role("heading", name="Woonstichting De Linge").is_visible()
