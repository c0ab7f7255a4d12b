"""Setting up Klantstem (views/setup.py): touchpoints with their link and QR code, routing rules
and topics."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.feedback.models import (
    Feedback,
    Topic,
    Touchpoint,
)
from klantcultuur.feedback.tests.factories import ingest, item


def test_a_rule_on_the_team_code_translates_another_systems_codes(login, world):
    client = login(world.cx_lead)
    client.post(
        reverse("feedback-routing"),
        {"field": "team_code", "value": "kcc-01", "team": world.back_team.id},
    )
    ingest(world.org, item(team_code="KCC-01"), item(team_code="W-KC-1"), item(team_code="KCC-02"))
    routed = dict(Feedback.objects.values_list("team_code", "team"))
    assert routed == {"KCC-01": world.back_team.id, "W-KC-1": world.team.id, "KCC-02": None}
    page = client.get(reverse("feedback-routing")).content.decode()
    assert '<option value="team_code">Teamcode in de gegevens</option>' in page


def test_an_edited_topic_tags_new_comments(login, world):
    client = login(world.cx_lead)
    client.get(reverse("feedback-topics"))
    topic = Topic.objects.get(organization=world.org, slug="prijs")
    client.post(
        reverse("feedback-topic", args=[topic.uuid]),
        {
            "name_nl": "Huurprijs",
            "name_en": "Rent",
            "keywords": "huur\nservicekosten",
            "is_active": "on",
        },
    )
    ingest(world.org, item(team_code="W-KC-1", reason="De servicekosten zijn veel te hoog."))
    assert Feedback.objects.get().topic_slugs == ["prijs"]


def test_a_touchpoint_has_a_link_and_a_qr_code(login, world):
    client = login(world.cx_lead)
    response = client.post(
        reverse("feedback-touchpoints"),
        {
            "name": "Sleuteluitgifte",
            "metric": "csat",
            "subject": "de balie",
            "channel": "qr",
            "team": world.team.id,
            "ask_consent": "on",
            "is_active": "on",
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert "/k/" in page and '<svg class="qr"' in page and "style=" not in page
    qr = client.get(response["Location"] + "qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<path d=" in qr.content


def test_the_touchpoint_page_takes_the_texts_of_the_english_form(login, world):
    touchpoint = Touchpoint.objects.create(organization=world.org, name="Balie", subject="de balie")
    client = login(world.cx_lead)
    page = client.get(reverse("feedback-touchpoint", args=[touchpoint.uuid])).content.decode()
    assert "Wat de klant beoordeelt, in het Engels" in page
    response = client.post(
        reverse("feedback-touchpoint", args=[touchpoint.uuid]),
        {
            "name": "Balie",
            "name_en": "Front desk",
            "metric": "csat",
            "subject": "de balie",
            "subject_en": "our front desk",
            "channel": "balie",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    touchpoint.refresh_from_db()
    assert (touchpoint.name_en, touchpoint.subject_en) == ("Front desk", "our front desk")


def test_the_formbricks_help_text_is_in_the_language_of_the_reader(db):
    from django.utils import translation

    from klantcultuur.feedback.forms import FormbricksFieldsForm

    with translation.override("en"):
        assert str(FormbricksFieldsForm().fields["lines"].help_text).startswith(
            "One per line: question id = field. Fields: score, reason,"
        )
    with translation.override("nl"):
        assert str(FormbricksFieldsForm().fields["lines"].help_text).startswith(
            "Eén per regel: vraag-id = veld. Velden: score, reason,"
        )
