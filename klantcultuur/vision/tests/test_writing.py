"""Writing the vision: guiding questions, co-creation rounds, versions, publishing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from klantcultuur.vision.models import Behaviour, Contribution, Reaction, VisionVersion
from klantcultuur.vision.services import writing
from klantcultuur.vision.tests.helpers import PROMISES, behaviour, draft, published


def test_every_organisation_starts_with_the_dutch_guiding_questions(world):
    questions = writing.questions_ensure(organization=world.org)
    texts = [q.text for q in questions]
    assert texts[0].startswith("Waar willen we")
    assert any("níet" in t for t in texts)
    assert any("beloftes" in t for t in texts)
    assert any("leidinggevenden" in t for t in texts)
    assert writing.questions_ensure(organization=world.org) == questions  # not twice


def test_the_cx_lead_edits_and_removes_a_question(world, login):
    questions = writing.questions_ensure(organization=world.org)
    client = login(world.cx_lead)
    q = questions[0]
    client.post(
        reverse("vision-question", args=[q.uuid]),
        {f"{q.uuid}-text": "Waar staan we in 2030?", f"{q.uuid}-help_text": ""},
    )
    q.refresh_from_db()
    assert q.text == "Waar staan we in 2030?"
    client.post(reverse("vision-question", args=[q.uuid]), {"archive": "1"})
    assert q.uuid not in [x.uuid for x in writing.questions_ensure(organization=world.org)]
    client.post(reverse("vision-questions"), {"text": "Wat merkt de huurder?", "help_text": ""})
    assert writing.questions_ensure(organization=world.org)[-1].text == "Wat merkt de huurder?"


def test_colleagues_contribute_agree_and_comment_in_a_round(world, login):
    response = login(world.cx_lead).post(
        reverse("vision-round-create"), {"title": "Ronde 1", "invitation": ""}
    )
    round_url = response["Location"]
    question = writing.questions_ensure(organization=world.org)[1]
    employee = login(world.employee)
    employee.post(round_url, {"question": question.uuid, "text": "Een betrouwbare verhuurder."})
    contribution = Contribution.objects.get()
    assert (contribution.author, contribution.question) == (world.employee, question)
    login(world.manager).post(reverse("vision-react", args=[contribution.uuid]), {"kind": "agree"})
    login(world.manager).post(
        reverse("vision-react", args=[contribution.uuid]), {"kind": "comment", "text": "Mee eens!"}
    )
    page = login(world.employee).get(round_url).content.decode()
    assert "Een betrouwbare verhuurder." in page and "Mee eens!" in page
    assert Reaction.objects.filter(kind="agree").count() == 1
    # A second agree takes it back.
    login(world.manager).post(reverse("vision-react", args=[contribution.uuid]), {"kind": "agree"})
    assert Reaction.objects.filter(kind="agree").count() == 0


def test_a_closed_round_takes_no_more_answers(world):
    round_ = writing.round_start(organization=world.org, title="R", by=world.cx_lead)
    writing.round_close(round=round_)
    question = writing.questions_ensure(organization=world.org)[0]
    with pytest.raises(ValidationError):
        writing.contribution_add(round=round_, question=question, author=world.employee, text="x")


def test_an_empty_answer_is_refused_with_a_message_and_nothing_stored(world, login):
    round_ = writing.round_start(organization=world.org, title="R", by=world.cx_lead)
    question = writing.questions_ensure(organization=world.org)[0]
    response = login(world.employee).post(
        reverse("vision-round", args=[round_.uuid]),
        {"question": question.uuid, "text": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_each_save_is_the_next_version_and_earlier_ones_stay(world, login):
    client = login(world.cx_lead)
    data = {"title": "Thuis", "text": "Eerste tekst.", "change_note": ""}
    for i, (title, explanation) in enumerate(PROMISES[:3]):
        data |= {f"promise_{i}": title, f"explanation_{i}": explanation}
    client.post(reverse("vision-version-create"), data)
    client.post(reverse("vision-version-create"), data | {"text": "Tweede tekst."})
    v1, v2 = VisionVersion.objects.order_by("number")
    assert (v1.number, v1.text, v2.number, v2.text) == (1, "Eerste tekst.", 2, "Tweede tekst.")
    diff = client.get(reverse("vision-version-diff", args=[v2.uuid])).content.decode()
    assert "<del>Eerste</del>" in diff and "<ins>Tweede</ins>" in diff


def test_publishing_needs_three_to_seven_promises(world):
    version = draft(world, promises=PROMISES[:2])
    with pytest.raises(ValidationError):
        writing.version_publish(version=version, by=world.cx_lead)
    with pytest.raises(ValidationError):
        draft(world, promises=PROMISES + PROMISES[:3])  # eight


def test_behaviours_follow_their_promise_into_the_next_version(world):
    first = published(world)
    kept = behaviour(world, first)
    lineages = [p.lineage for p in first.promises.all()]
    second = draft(
        world,
        promises=[("Bereikbaar, ook 's avonds bij spoed", ""), *PROMISES[1:]],
        lineages=lineages,
    )
    writing.version_publish(version=second, by=world.cx_lead)
    kept.refresh_from_db()
    assert kept.promise.version_id == second.id
    assert kept.promise.title == "Bereikbaar, ook 's avonds bij spoed"
    assert Behaviour.objects.count() == 1


def test_the_published_vision_and_its_print_view_show_the_promises(world, login):
    published(world)
    client = login(world.employee)
    for name in ("vision-home", "vision-print"):
        page = client.get(reverse(name)).content.decode()
        assert "Thuis bij De Linge" in page
        assert all(title in page for title, _e in PROMISES)


def test_drafts_are_hidden_from_members_who_do_not_write(world, login):
    version = draft(world)
    assert (
        login(world.employee).get(reverse("vision-version", args=[version.uuid])).status_code == 403
    )
    assert (
        login(world.cx_lead).get(reverse("vision-version", args=[version.uuid])).status_code == 200
    )
