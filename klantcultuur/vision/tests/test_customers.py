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
