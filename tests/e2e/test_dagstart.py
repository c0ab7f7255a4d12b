"""The dagstart in a real browser: a KPI value entered on a tablet, the wall screen, a phone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klantcultuur.huddle.models import KpiValue
from klantcultuur.huddle.steering.days import lookback
from klantcultuur.huddle.tests.helpers import feedback, team_board, value
from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def yesterday_in_the_team(world):
    """Customers and values of the days today's dagstart looks back at."""
    board = team_board(world)
    window = lookback(timezone.localdate())
    day = window.start
    feedback(world, day, 10, "Mevrouw belde zelf terug zoals beloofd, dat waardeer ik enorm.")
    feedback(world, day, 9, "De monteur was keurig op tijd en liet alles netjes achter.", hour=11)
    feedback(world, day, 3, "De wachttijd aan de telefoon was veel te lang.", hour=12)
    for i, score in enumerate((9, 10, 8, 6, 9)):
        feedback(world, day, score, hour=13 + i)
    value(board.reach, day, 84)
    for i in range(1, 12):
        value(board.reach, day - timedelta(days=i), 70 + (i * 7) % 18)
    return board


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def test_a_kpi_value_entered_on_a_tablet_updates_the_tile_without_a_reload(
    live_server, page_factory
):
    world = build_world()
    board = yesterday_in_the_team(world)
    page = page_factory(width=1024, height=768)
    errors = console_errors(page)
    log_in(page, live_server.url, "bob@linge.example")
    page.goto(live_server.url + "/huddle/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dagstart Klantcontactcentrum")
    page.evaluate("window.stillTheSamePage = true")

    tile = page.locator(f"#tile-{board.wait.uuid}")
    field = tile.get_by_role("textbox")
    assert field.get_attribute("inputmode") == "decimal"
    box = tile.get_by_role("button", name="Opslaan").bounding_box()
    assert box["height"] >= 44  # a touch target
    field.fill("7,5")
    tile.get_by_role("button", name="Opslaan").click()
    tile = page.locator(f"#tile-{board.wait.uuid}")
    expect(tile).to_contain_text("Opgeslagen.")
    expect(tile.locator(".tile__value")).to_have_text("7,5 min")
    expect(tile).to_contain_text("✓ op doel")
    assert page.evaluate("window.stillTheSamePage") is True  # htmx swapped the tile only
    stored = KpiValue.objects.get(kpi=board.wait.kpi)
    assert stored.value == Decimal("7.5")
    assert stored.period_start == lookback(timezone.localdate()).start
    screenshot(page, "dagstart-board-tablet-landscape")

    portrait = page_factory(width=768, height=1024)
    log_in(portrait, live_server.url, "bob@linge.example")
    portrait.goto(live_server.url + f"/huddle/{world.team.uuid}/")
    expect(portrait.locator(f"#tile-{board.wait.uuid} .tile__value")).to_have_text("7,5 min")
    screenshot(portrait, "dagstart-board-tablet-portrait")

    wall = page_factory(width=1920, height=1080)
    wall_errors = console_errors(wall)
    log_in(wall, live_server.url, "bob@linge.example")
    wall.goto(live_server.url + f"/huddle/{world.team.uuid}/dagstart/")
    expect(wall.locator(f"#tile-{board.wait.uuid} .tile__value")).to_have_text("7,5 min")
    expect(wall.get_by_text("Het klantverhaal")).to_be_visible()
    expect(wall.locator(".quote--big")).to_contain_text("De monteur was keurig op tijd")
    size = wall.locator(f"#tile-{board.reach.uuid} .tile__value").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert size >= 56  # readable from two metres
    body = wall.locator(".quote--big p").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert body >= 24
    assert wall.locator("[data-refresh-url]").count() == 1  # it refreshes itself
    screenshot(wall, "dagstart-wall-1920")
    wall.screenshot(
        path=str(screenshot(wall, "dagstart-wall-1920").with_name("dagstart-wall-1920-screen.png"))
    )
    assert errors == [] and wall_errors == []  # among them: no Content-Security-Policy refusals


def test_on_a_phone_a_value_is_entered_on_its_own_page(live_server, page_factory):
    world = build_world()
    board = yesterday_in_the_team(world)
    page = page_factory(width=390, height=844)
    errors = console_errors(page)
    log_in(page, live_server.url, "bob@linge.example")
    page.goto(live_server.url + f"/huddle/team-kpis/{board.reach.uuid}/value/")
    field = page.get_by_label("Waarde (%)")
    assert field.get_attribute("inputmode") == "decimal"
    field.fill("86,5")
    screenshot(page, "dagstart-value-phone")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Bereikbaarheid telefoon: 87% opgeslagen.")).to_be_visible()
    assert KpiValue.objects.get(
        kpi=board.reach.kpi, period_start=lookback(timezone.localdate()).start
    ).value == Decimal("86.5")
    assert errors == []
