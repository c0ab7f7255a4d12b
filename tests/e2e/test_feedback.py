"""Klantstem in a real browser: a customer on a phone, a CX lead at a desk, a team leader."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from klantcultuur.feedback.models import Feedback, FollowUpCase, RoutingRule, Touchpoint
from klantcultuur.feedback.services.records import feedback_ingest
from klantcultuur.feedback.validation import RecordInput
from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def feedback(world):
    now = timezone.now()
    comments = [
        ("Vriendelijk geholpen, maar wel lang moeten wachten.", 6, True),
        ("De monteur kwam precies op tijd en was erg vakkundig.", 10, False),
        ("Niemand belde terug over mijn lekkage.", 2, True),
        ("Prima geholpen aan de telefoon.", 9, False),
        ("Ik hing twintig minuten in de wacht.", 4, False),
    ] * 3
    items = [
        RecordInput(
            received_at=now - timedelta(days=n % 6, hours=2),
            metric="nps",
            score=score,
            reason=text,
            contact_consent=consent,
            team_id=world.team.id,
            customer_ref=f"H-{n}",
            channel="telefoon",
        )
        for n, (text, score, consent) in enumerate(comments)
    ]
    feedback_ingest(organization=world.org, items=items, source="api")


def test_a_customer_answers_on_a_phone_in_dutch(live_server, page_factory):
    world = build_world()
    touchpoint = Touchpoint.objects.create(
        organization=world.org, name="Reparatie afgerond", subject="de monteur", team=world.team
    )
    page = page_factory(width=390, height=844)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/k/{touchpoint.uuid}/?ref=H-501")
    assert page.get_by_role("heading", level=1).inner_text() == "Reparatie afgerond"
    page.get_by_text("3", exact=True).click()  # the score buttons are labels of radios
    page.get_by_label("Wat is de belangrijkste reden voor uw score?").fill(
        "De monteur kwam niet opdagen en niemand belde."
    )
    page.get_by_label("U mag contact met mij opnemen over mijn antwoord.").check()
    screenshot(page, "feedback-form-phone")
    page.get_by_role("button", name="Versturen").click()
    assert page.get_by_role("heading", name="Bedankt!").is_visible()
    assert errors == []
    record = Feedback.objects.get()
    assert (record.score, record.team, record.customer_ref) == (3, world.team, "H-501")
    assert FollowUpCase.objects.filter(feedback=record).exists()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_back_after_sending_on_a_phone_thanks_again_and_stores_nothing_twice(
    live_server, page_factory
):
    world = build_world()
    touchpoint = Touchpoint.objects.create(
        organization=world.org, name="Reparatie afgerond", subject="de monteur", team=world.team
    )
    page = page_factory(width=390, height=844)
    page.goto(f"{live_server.url}/k/{touchpoint.uuid}/")
    page.get_by_text("8", exact=True).click()
    page.get_by_label("Wat is de belangrijkste reden voor uw score?").fill("Netjes gerepareerd.")
    page.get_by_role("button", name="Versturen").click()
    assert page.get_by_role("heading", name="Bedankt!").is_visible()
    page.go_back()
    assert page.get_by_role("heading", name="Bedankt!").is_visible()
    assert page.get_by_role("button", name="Versturen").count() == 0
    screenshot(page, "feedback-form-back-phone")
    assert Feedback.objects.count() == 1


def test_a_cx_lead_reads_filters_and_corrects_a_label(live_server, page_factory):
    world = build_world()
    feedback(world)
    page = page_factory()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "cees@linge.example")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Klantstem").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Woonstichting De Linge"
    assert page.get_by_text("NPS", exact=True).first.is_visible()
    screenshot(page, "feedback-overview-desktop")
    page.get_by_role("link", name="Feedback lezen").click()
    page.get_by_label("Score").select_option("negative")  # htmx swaps the results in place
    page.wait_for_url("**band=negative**")
    assert "Laag (criticasters)" in page.locator("select#id_band option:checked").inner_text()
    cards = page.locator("#results article.record")
    assert cards.count() == 9  # 6, 2 and 4, three times
    cards.first.get_by_role("link", name="bekijken").click()
    assert page.get_by_role("heading", name="Wat de klant schreef").is_visible()
    page.get_by_label("Label corrigeren").first.select_option("neutral")
    page.get_by_role("button", name="Corrigeren").first.click()
    assert page.get_by_text("Het label is gecorrigeerd").is_visible()
    assert page.get_by_text("ingesteld door een collega").is_visible()
    screenshot(page, "feedback-response-desktop")
    assert errors == []


def test_back_from_a_response_to_a_filtered_inbox_shows_the_whole_page(live_server, page_factory):
    world = build_world()
    feedback(world)
    page = page_factory()
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(live_server.url + "/feedback/inbox/")
    page.get_by_label("Score").select_option("negative")  # htmx swaps the results in place
    page.wait_for_url("**band=negative**")
    page.wait_for_load_state("networkidle")
    page.locator("#results article.record").first.get_by_role("link", name="bekijken").click()
    page.wait_for_load_state("networkidle")
    # Back loads the filtered URL, which htmx fetched as a fragment: not that fragment again.
    page.go_back()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert "Laag (criticasters)" in page.locator("select#id_band option:checked").inner_text()
    assert page.locator("#results article.record").count() == 9


def test_a_team_leader_resolves_a_case_on_a_phone(live_server, page_factory):
    world = build_world()
    feedback(world)
    page = page_factory(width=390, height=844)
    log_in(page, live_server.url, "mila@linge.example")
    page.get_by_text("Menu").click()
    page.locator(".menu__panel").get_by_role("link", name="Klantstem").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Klantcontactcentrum"
    page.get_by_role("link", name="Naar de opvolgingslijst").click()
    rows = page.locator("table.table tbody tr")
    assert rows.count() == FollowUpCase.objects.count() == 6
    # Each case reads whole on the phone: what the customer said, without scrolling sideways.
    assert rows.first.get_by_text(
        "Vriendelijk geholpen, maar wel lang moeten wachten."
    ).is_visible()
    assert page.evaluate(
        "[...document.querySelectorAll('.tablewrap')].every(w => w.scrollWidth <= w.clientWidth)"
    )
    rows.first.get_by_role("link").click()
    page.get_by_label("Status").select_option("resolved")
    page.get_by_label("Uitkomst").select_option("solved")
    page.get_by_label("Notitie").fill("Nieuwe afspraak gemaakt voor donderdag.")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("Het terugbelverzoek is opgeslagen.").is_visible()
    screenshot(page, "feedback-case-phone")
    assert FollowUpCase.objects.filter(status="resolved").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_cx_lead_adds_a_routing_rule_on_a_phone_and_reads_every_rule_whole(
    live_server, page_factory
):
    world = build_world()
    RoutingRule.objects.create(
        organization=world.org, field="channel", value="balie", team=world.back_team, position=1
    )
    page = page_factory(width=390, height=844)
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(f"{live_server.url}/feedback/routing/")
    page.get_by_label("Als").select_option("touchpoint")
    page.get_by_label("Gelijk is aan").fill("Oplevering woning")
    page.get_by_label("dan team").select_option(label=world.team.name)
    page.get_by_role("button", name="Toevoegen").click()
    rules = page.locator("table.table tbody tr")
    assert rules.count() == 2
    screenshot(page, "feedback-routing-phone")
    # Each rule reads as a small card: what it looks at, the value and the team, all in view.
    second = rules.nth(1)
    labels = second.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels[:4] == ['"Regel "', '"Als "', '"gelijk is aan "', '"dan team "']
    assert second.get_by_text("Oplevering woning").is_visible()
    assert second.get_by_text(world.team.name).is_visible()
    assert second.get_by_role("button", name="verwijderen").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate(
        "[...document.querySelectorAll('.tablewrap')].every(w => w.scrollWidth <= w.clientWidth)"
    )


def test_a_cx_lead_imports_a_dutch_export_and_downloads_the_refused_rows(
    live_server, page_factory, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    day = (timezone.localdate() - timedelta(days=3)).strftime("%d-%m-%Y")
    export = tmp_path / "klantonderzoek.csv"
    export.write_text(
        "Datum;Id;Klantnummer;Kanaal;Teamcode;Cijfer;Toelichting;Mag contact\r\n"
        f"{day} 09:14;E-1;H-700101;telefoon;W-KC-1;9;Eén bezoek, monteur was op tijd.;ja\r\n"
        f"{day} 10:02;E-2;H-700102;e-mail;W-KC-1;4;Drie keer gebeld voor een afspraak.;ja\r\n"
        "31-11-2026 11:30;E-3;H-700103;chat;W-KC-1;7;Netjes afgehandeld.;nee\r\n"
        f"{day} 08:45;E-4;H-700104;balie;W-KC-1;12;Snel geholpen.;nee\r\n",
        encoding="cp1252",  # Excel on Windows
    )
    page = page_factory()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(live_server.url + "/feedback/imports/")
    page.locator("input[type=file]").set_input_files(str(export))
    page.locator("form:has(input[type=file]) button[type=submit]").click()
    assert page.get_by_label("Teamcode").input_value() == "Teamcode"  # the columns guessed
    page.get_by_role("button", name="Voorbeeld tonen").click()
    preview = page.locator("table").last.inner_text()
    assert "Score: 12 valt buiten de NPS-schaal (0–10)." in preview
    screenshot(page, "feedback-import-preview")
    # On a phone each previewed row reads as a card, the team included: no sideways scroll.
    page.set_viewport_size({"width": 390, "height": 844})
    wrap = page.locator(".tablewrap").last
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth")
    team = wrap.locator('td[data-label="Team"]').first
    assert team.inner_text() == "Klantcontactcentrum"
    box = team.bounding_box()
    assert box["x"] + box["width"] <= 390
    screenshot(page, "feedback-import-preview-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Import starten").first.click()
    page.wait_for_load_state("networkidle")
    result = page.locator("main").inner_text()
    assert "2\nopgeslagen" in result and "2\ngeweigerd" in result, result
    with page.expect_download() as download:
        page.get_by_role("link", name="Geweigerde regels downloaden (CSV)").click()
    refused = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(";")[0] for line in refused] == ["Regel", "4", "5"]
    assert errors == []
    stored = Feedback.objects.filter(organization=world.org).order_by("external_id")
    assert [(r.external_id, r.score, r.team) for r in stored] == [
        ("E-1", 9, world.team),
        ("E-2", 4, world.team),
    ]
    assert stored[0].reason == "Eén bezoek, monteur was op tijd."
    assert FollowUpCase.objects.filter(feedback__external_id="E-2").exists()
