"""The customer question: public form, answers read into themes, erasure and retention."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.feedback.models import Feedback
from klantcultuur.vision import selectors
from klantcultuur.vision.models import CustomerQuestion
from klantcultuur.vision.models.customers import CHANNEL, TOUCHPOINT


def test_a_customer_answers_without_logging_in_and_the_answer_is_feedback(world, client):
    question = CustomerQuestion.objects.create(organization=world.org)
    page = client.get(reverse("vision-ask", args=[question.token]))
    assert "Wat verwacht u van ons?" in page.content.decode()
    response = client.post(
        reverse("vision-ask", args=[question.token]),
        {"answer": "Dat de monteur op tijd komt en vooraf belt."},
    )
    assert response["Location"] == reverse("vision-ask-thanks", args=[question.token])
    record = Feedback.objects.get(organization=world.org)
    assert (record.channel, record.touchpoint, record.score) == (CHANNEL, TOUCHPOINT, None)
    assert record.analysed  # read by the comment analyser


def test_an_empty_answer_is_refused_and_nothing_stored(world, client):
    question = CustomerQuestion.objects.create(organization=world.org)
    response = client.post(reverse("vision-ask", args=[question.token]), {"answer": "  "})
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_a_closed_question_is_not_found(world, client):
    question = CustomerQuestion.objects.create(organization=world.org, is_open=False)
    assert client.get(reverse("vision-ask", args=[question.token])).status_code == 404


def test_the_writing_team_sees_what_customers_ask_for_with_quotes(world, client, login):
    question = CustomerQuestion.objects.create(organization=world.org)
    for text in (
        "De monteur kwam twee keer niet op de afspraak.",
        "Terugbellen als dat beloofd is.",
        "Duidelijke brieven graag.",
    ):
        client.post(reverse("vision-ask", args=[question.token]), {"answer": text})
    themes = selectors.customer_themes(world.org)
    assert themes.answers == 3
    quotes = [q for t in themes.themes for q in t.quotes] + themes.unthemed_quotes
    assert "Terugbellen als dat beloofd is." in quotes
    page = login(world.cx_lead).get(reverse("vision-customers")).content.decode()
    assert "Duidelijke brieven graag." in page and "<svg" in page  # quotes and the QR code


def test_erasure_of_a_customer_removes_their_answer(world):
    from klantcultuur.feedback.services.privacy import customer_erase
    from klantcultuur.vision.services.customers import customer_answer_submit

    question = CustomerQuestion.objects.create(organization=world.org)
    customer_answer_submit(question=question, text="Bereikbaar zijn.", customer_ref="K-1001")
    customer_erase(organization=world.org, reference="K-1001", actor=world.cx_lead.user)
    assert selectors.customer_themes(world.org).answers == 0


def _touchpoint(org, **values):
    from klantcultuur.feedback.models import Touchpoint

    values.setdefault("name", "Reparatie afgerond")
    return Touchpoint.objects.create(organization=org, subject="de monteur", metric="nps", **values)


def _open_form(client, touchpoint):
    import re

    page = client.get(reverse("feedback-form", args=[touchpoint.uuid]), follow=True)
    html = page.content.decode()
    fields = {
        "token": re.search(r'name="token" value="([^"]+)"', html)[1],
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1],
    }
    return html, fields


def test_the_cx_lead_puts_the_question_on_a_touchpoint_form_and_answers_reach_the_themes(
    world, client, login
):
    chosen = _touchpoint(world.org, team=world.team)
    _touchpoint(world.org, name="Verhuizing")
    lead = login(world.cx_lead)
    page = lead.get(reverse("vision-customers")).content.decode()
    assert "Reparatie afgerond" in page and "Verhuizing" in page
    response = lead.post(
        reverse("vision-customers"), {"which": "touchpoints", "touchpoints": [chosen.pk]}
    )
    assert response.status_code == 302
    question = CustomerQuestion.objects.get(organization=world.org)
    assert list(question.touchpoints.all()) == [chosen]

    customer = type(client)()
    html, fields = _open_form(customer, chosen)
    assert "Wat verwacht u van ons?" in html
    customer.post(
        reverse("feedback-form", args=[chosen.uuid]),
        {
            **fields,
            "score": "8",
            "reason": "Netjes gerepareerd.",
            "x_klantvisie": "Dat u vooraf belt als de monteur later komt.",
        },
    )
    own = Feedback.objects.get(organization=world.org, touchpoint="Reparatie afgerond")
    answer = Feedback.objects.get(organization=world.org, channel=CHANNEL)
    assert (answer.touchpoint, answer.score, answer.team) == (TOUCHPOINT, None, world.team)
    assert answer.external_id == f"{own.external_id}-klantvisie"
    themes = selectors.customer_themes(world.org)
    quotes = [q for t in themes.themes for q in t.quotes] + themes.unthemed_quotes
    assert themes.answers == 1 and "Dat u vooraf belt als de monteur later komt." in quotes


def test_a_form_without_the_question_or_with_it_closed_does_not_ask_it(world, client):
    attached = _touchpoint(world.org)
    plain = _touchpoint(world.org, name="Verhuizing")
    question = CustomerQuestion.objects.create(organization=world.org)
    question.touchpoints.add(attached)
    assert "Wat verwacht u van ons?" not in _open_form(client, plain)[0]
    assert "Wat verwacht u van ons?" in _open_form(client, attached)[0]
    question.is_open = False
    question.save(update_fields=["is_open"])
    assert "Wat verwacht u van ons?" not in _open_form(client, attached)[0]


def test_the_english_form_asks_the_default_question_in_english(world, client):
    attached = _touchpoint(world.org)
    CustomerQuestion.objects.create(organization=world.org).touchpoints.add(attached)
    page = client.get(reverse("feedback-form", args=[attached.uuid]) + "?lang=en", follow=True)
    assert "What do you expect from us?" in page.content.decode()


def test_sending_the_same_form_twice_stores_the_answer_once(world, client):
    attached = _touchpoint(world.org)
    CustomerQuestion.objects.create(organization=world.org).touchpoints.add(attached)
    _html, fields = _open_form(client, attached)
    data = {**fields, "score": "9", "reason": "Top.", "x_klantvisie": "Eerlijke planning."}
    client.post(reverse("feedback-form", args=[attached.uuid]), data)
    client.post(reverse("feedback-form", args=[attached.uuid]), data)
    assert Feedback.objects.filter(channel=CHANNEL).count() == 1


def test_colleagues_touchpoints_and_another_organisations_cannot_be_chosen(world, login):
    internal = _touchpoint(world.org, name="Planning intern", is_internal=True)
    foreign = _touchpoint(world.other_org, name="Declaratie")
    lead = login(world.cx_lead)
    page = lead.get(reverse("vision-customers")).content.decode()
    assert "Planning intern" not in page and "Declaratie" not in page
    for touchpoint in (internal, foreign):
        response = lead.post(
            reverse("vision-customers"), {"which": "touchpoints", "touchpoints": [touchpoint.pk]}
        )
        assert response.status_code == 200  # refused: not a choice
    assert not CustomerQuestion.objects.get(organization=world.org).touchpoints.exists()


def test_only_who_manages_the_vision_chooses_the_touchpoints(world, login):
    chosen = _touchpoint(world.org)
    response = login(world.manager).post(
        reverse("vision-customers"), {"which": "touchpoints", "touchpoints": [chosen.pk]}
    )
    assert response.status_code == 403
