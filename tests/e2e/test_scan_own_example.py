"""A manager finds their own example-behaviour block at the top of their team's scan page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave
from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_the_managers_block_is_above_the_fold_on_their_team_page(
    live_server, page_factory, width, height
):
    world = build_world()
    wave = make_wave(world.org, name="Cultuurscan 2026")
    add_responses(wave, world.team, 12)
    add_responses(wave, world.department, 5, role="manager", level=5)
    close_and_report(wave)
    page = page_factory(width=width, height=height)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "mila@linge.example")
    page.goto(f"{live_server.url}/scan/waves/{wave.uuid}/units/{world.team.uuid}/")
    title = page.get_by_role("heading", name="Jouw voorbeeldgedrag: jij en je team")
    expect(title).to_be_visible()
    box = title.bounding_box()
    assert box is not None and box["y"] + box["height"] <= height  # seen without scrolling
    block = page.locator("#own-example")
    expect(block.get_by_role("columnheader", name="Zo ziet je team het")).to_be_visible()
    if width == 390:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, f"scan-own-example-{width}")
    assert errors == []
