"""A real Qualtrics export in the browser: what the import guessed, what it left open."""

from __future__ import annotations

from pathlib import Path

import pytest

from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

EXPORTS = Path(__file__).resolve().parents[2] / "klantcultuur/feedback/tests/data/exports"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_legacy_qualtrics_export_says_what_it_left_open(
    live_server, page_factory, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    build_world()
    page = page_factory()
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(live_server.url + "/feedback/imports/")
    page.locator("input[type=file]").set_input_files(str(EXPORTS / "qualtrics_sample_legacy.csv"))
    page.get_by_label("Geëxporteerd uit").select_option("qualtrics")
    page.locator("form:has(input[type=file]) button[type=submit]").click()
    main = page.locator("main").inner_text()
    assert "oudere opmaak van Qualtrics" in main
    assert "is leeg gelaten" in main  # no comment column guessed from a multiple choice
    assert page.get_by_label("Wat zou er een 10 van maken").input_value() == ""
    page.get_by_label("Belangrijkste reden voor de score").select_option(
        "This is a free text question."
    )
    page.get_by_role("button", name="Voorbeeld tonen").click()
    preview = page.locator("table").last.inner_text()
    assert "Hello World!" in preview and "R_2YPOQ602ER1jkf1" in preview
    screenshot(page, "feedback-import-qualtrics-legacy")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "feedback-import-qualtrics-legacy-phone")
