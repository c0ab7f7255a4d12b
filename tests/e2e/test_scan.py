"""The culture scan in a real browser: the form on a phone without JavaScript, and the reports."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from klantcultuur.scan import services
from klantcultuur.scan.models import Invitation, Response
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave
from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def personal_link(world) -> tuple[str, object]:
    wave = make_wave(world.org, launched=False)
    services.wave_launch(wave=wave)
    invitation = Invitation.objects.get(wave=wave, membership=world.employee)
    return "/s/" + services.invitation_token(invitation) + "/", wave


def test_a_respondent_fills_in_the_scan_on_a_phone_without_javascript(live_server, browser):
    world = build_world()
    path, wave = personal_link(world)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + path)
    expect(page.get_by_text("Je antwoorden zijn anoniem")).to_be_visible()
    page.get_by_role("button", name="Beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Onze klantvisie")

    # Tap an answer, and answer another with the keyboard only.
    first = page.get_by_role("group", name="Het is mij duidelijk wat onze organisatie")
    first.get_by_text("eens", exact=True).click()
    second = page.get_by_role("group", name="Ik kan in eigen woorden uitleggen")
    second.get_by_label("oneens", exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # radio groups move with the arrow keys
    assert second.get_by_label("niet eens, niet oneens").is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "scan-form-phone")
    page.get_by_role("button", name="Opslaan en later verder").click()
    expect(page.get_by_text("Je antwoorden zijn bewaard.")).to_be_visible()

    # Another device continues where the first stopped.
    other = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", java_script_enabled=False
    ).new_page()
    other.goto(live_server.url + path + "?page=1")
    assert (
        other.get_by_role("group", name="Het is mij duidelijk")
        .get_by_label("eens", exact=True)
        .is_checked()
    )
    for _ in range(40):
        if other.get_by_role("button", name="Mijn antwoorden versturen").count():
            break
        other.get_by_role("button", name="Volgende").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Controleren en versturen")
    screenshot(other, "scan-review-phone")
    other.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(other.get_by_role("heading", name="Dank je wel!")).to_be_visible()

    stored = Response.objects.get(wave=wave)
    assert stored.answers == {"VIS1": 4, "VIS2": 3} and stored.role == "employee"
    page.goto(live_server.url + path + "?page=1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Je hebt deze scan al ingevuld")
    assert page.get_by_role("radio").count() == 0
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_cx_lead_reads_the_report_pages_without_errors(live_server, page_factory, width):
    world = build_world()
    wave = make_wave(world.org, name="Cultuurscan 2026")
    add_responses(wave, world.team, 12, comment="Meer tijd voor de huurder")
    add_responses(wave, world.back_team, 4, level=2)
    add_responses(wave, world.department, 5, role="manager", level=5)
    close_and_report(wave)
    page = page_factory(width=width, height=900)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "cees@linge.example")
    for name, heading in (
        ("report", "Cultuurscan 2026"),
        ("heatmap", "Cultuurscan 2026"),
        ("comments", "Cultuurscan 2026"),
    ):
        page.goto(f"{live_server.url}/scan/waves/{wave.uuid}/{name}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        screenshot(page, f"scan-{name}-{width}")
    expect(page.get_by_text("Meer tijd voor de huurder (0)").first).to_be_attached()
    page.goto(f"{live_server.url}/scan/waves/{wave.uuid}/heatmap/")
    expect(page.locator("td.heat-none").first).to_be_visible()
    if width == 390:
        # Wide tables scroll inside their frame; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []  # no Content-Security-Policy violations, no script errors
