"""Closing the loop in a real browser (issue 17): a customer leaves an address on their phone,
a colleague answers from the case with a template, and the case keeps what was sent."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from klantcultuur.feedback.models import CaseReply, FollowUpCase, Touchpoint
from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot
from tests.e2e.test_daily_use import fits
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "j.dekker@example.org"


def in_view(page, locator) -> bool:
    """The element's top is within the first screen."""
    box = locator.bounding_box()
    return box is not None and box["y"] < page.viewport_size["height"]


def test_a_customer_leaves_an_address_and_the_team_answers_from_the_case(
    live_server, page_factory, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world = build_world()
    touchpoint = Touchpoint.objects.create(
        organization=world.org, name="Reparatie afgerond", subject="de monteur", team=world.team
    )
    customer = page_factory(width=390, height=844)
    customer.goto(f"{live_server.url}/k/{touchpoint.uuid}/")
    customer.get_by_text("3", exact=True).click()
    customer.get_by_label("Wat is de belangrijkste reden voor uw score?").fill(
        "De monteur kwam niet opdagen."
    )
    customer.get_by_label("U mag contact met mij opnemen over mijn antwoord.").check()
    customer.get_by_label("Uw e-mailadres (niet verplicht)").fill(ADDRESS)
    assert fits(customer)
    screenshot(customer, "feedback-form-address-phone")
    customer.get_by_role("button", name="Versturen").click()
    expect(customer.get_by_role("heading", name="Bedankt!")).to_be_visible()
    case = FollowUpCase.objects.get()
    assert case.customer_email == ADDRESS

    for width, height in ((390, 844), (1024, 768), (1280, 900)):
        page = page_factory(width=width, height=height)
        log_in(page, live_server.url, "bob@linge.example")
        page.goto(f"{live_server.url}/feedback/cases/{case.uuid}/")
        expect(page.get_by_text(ADDRESS).first).to_be_visible()
        reply = page.get_by_role("heading", name="Antwoorden per e-mail")
        expect(reply).to_be_visible()
        assert fits(page)
        if width >= 1024:
            assert in_view(page, page.get_by_text("Klantcontactcentrum").first)
        screenshot(page, f"case-reply-{width}")
    page.get_by_label("Beginnen met").select_option(label="Excuses en terugkoppeling (Nederlands)")
    page.get_by_role("button", name="Dit sjabloon gebruiken").click()
    body = page.get_by_label("Bericht")
    expect(body).to_have_value(re.compile(r"^Beste klant,\s+Dank u wel voor uw reactie van "))
    assert "Bob Visser" in body.input_value() and "{" not in body.input_value()
    body.fill(
        body.input_value().replace(
            "[schrijf hier wat u gedaan of afgesproken heeft]", "de monteur komt donderdag"
        )
    )
    page.get_by_role("button", name="Naar de klant sturen").click()
    expect(page.get_by_text("De e-mail aan de klant is onderweg")).to_be_visible()
    expect(page.get_by_role("heading", name="Verstuurd aan de klant")).to_be_visible()
    reply = CaseReply.objects.get()
    assert reply.template_name == "Excuses en terugkoppeling"
    # The team leader heard of the case first; the customer's e-mail is the last one.
    assert [m.to for m in mail.outbox] == [["mila@linge.example"], [ADDRESS]]
    assert "de monteur komt donderdag" in mail.outbox[1].body
    assert mail.outbox[1].reply_to == ["bob@linge.example"]
    screenshot(page, "case-reply-sent-desktop")


def test_the_reply_templates_are_edited_on_every_screen(live_server, page_factory):
    build_world()
    for width, height in ((390, 844), (1024, 768), (1280, 900)):
        page = page_factory(width=width, height=height)
        log_in(page, live_server.url, "alice@linge.example")
        page.goto(f"{live_server.url}/feedback/replies/")
        expect(page.get_by_role("heading", name="Antwoordsjablonen")).to_be_visible()
        expect(page.get_by_role("link", name="Excuses en terugkoppeling")).to_be_visible()
        assert fits(page)
        screenshot(page, f"reply-templates-{width}")
    page.get_by_role("link", name="Excuses en terugkoppeling").click()
    page.get_by_label("Onderwerp").fill("Over {contactmoment} bij {organisatie}")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("cell", name="Over {contactmoment} bij {organisatie}")).to_be_visible()
