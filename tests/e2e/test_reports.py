"""The board report and the audit trail in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_board_opens_its_report_and_sees_the_culture_first(live_server, page_factory, width):
    build_world()
    page = page_factory(width=width, height=844)
    log_in(page, live_server.url, "dirk@linge.example")
    page.goto(live_server.url + "/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestuursrapport")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"board-report-home-{width}")
    page.get_by_role("button", name="Afdrukweergave openen").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Bestuursrapport Woonstichting De Linge")
    culture = page.get_by_role("heading", name="Cultuur: volwassenheidsfase en de vier bouwstenen")
    # Above the fold: the title, the period, the anonymity rule and the culture section.
    assert culture.bounding_box()["y"] < 844
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    expect(page.get_by_role("link", name="Downloaden als pdf")).to_be_visible()
    screenshot(page, f"board-report-{width}")


def test_the_administrator_sees_their_own_login_in_the_audit_trail(live_server, page_factory):
    build_world()
    page = page_factory(width=1024, height=800)
    log_in(page, live_server.url, "alice@linge.example")
    page.goto(live_server.url + "/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audittrail")
    first_row = page.locator("tbody tr").first
    expect(first_row).to_contain_text("Ingelogd")
    expect(first_row).to_contain_text("alice@linge.example")
    assert first_row.bounding_box()["y"] < 800
    screenshot(page, "audit-trail")
