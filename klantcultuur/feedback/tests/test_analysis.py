"""Reading Dutch comments through the app: negation, mixed comments, suggestions, corrections."""

from __future__ import annotations

import pytest

from klantcultuur.feedback.analysis import analyse_pending, build_analyser, read_comment
from klantcultuur.feedback.models import (
    CommentField,
    Feedback,
    FeedbackSentence,
    LabelCorrection,
)
from klantcultuur.feedback.tests.factories import ingest, item


@pytest.fixture
def analyser(world):
    return build_analyser(world.org)


@pytest.mark.parametrize(
    ("text", "label"),
    [("De medewerker was niet vriendelijk.", "improvement"),
     ("Helemaal niet tevreden over de reparatie.", "improvement"),
     ("Nooit meer zo snel geholpen, super!", "compliment"),
     ("Geen enkel probleem, alles ging goed.", "compliment"),
     ("Erg vriendelijk en vakkundig.", "compliment"),
     ("Ik heb op 3 maart gebeld.", "neutral")],
)  # fmt: skip
def test_negation_and_intensifiers_decide_the_label(analyser, text, label):
    assert read_comment(analyser, CommentField.REASON, text)[0].label == label


def test_a_mixed_comment_keeps_both_sides_and_the_last_one_decides(analyser):
    [sentence] = read_comment(
        analyser, CommentField.REASON, "Vriendelijk geholpen, maar wel lang moeten wachten."
    )
    assert sentence.label == "improvement"
    assert any(word in sentence.reasons for word in ("lang", "wachten", "lang moeten wachten"))
    assert "wachttijd" in sentence.topics and "vriendelijkheid" in sentence.topics


def test_sentences_are_split_and_emoji_count(analyser):
    read = read_comment(
        analyser, CommentField.REASON, "Top geholpen 👍 Wel jammer van de wachttijd."
    )
    assert [s.label for s in read] == ["compliment", "improvement"]


def test_a_suggestion_for_a_ten_is_an_improvement_point_unless_it_asks_for_nothing(analyser):
    suggestion = CommentField.SUGGESTION
    assert (
        read_comment(analyser, suggestion, "Binnen een week langskomen.")[0].label == "improvement"
    )
    assert (
        read_comment(analyser, suggestion, "Een handleiding op intranet.")[0].label == "improvement"
    )
    assert read_comment(analyser, suggestion, "Niets, ga zo door!")[0].label == "compliment"
    assert read_comment(analyser, suggestion, "Weet ik niet.")[0].label == "neutral"


def test_the_organisations_corrections_are_used(world):
    LabelCorrection.objects.create(
        organization=world.org,
        key="x",
        label="improvement",
        text="Het parkeren bij jullie kantoor.",
    )
    [sentence] = read_comment(
        build_analyser(world.org), CommentField.REASON, "Het parkeren bij jullie kantoor."
    )
    assert (sentence.label, sentence.corrected) == ("improvement", True)


def test_records_keep_their_counts_and_topics_in_step_with_their_sentences(world):
    ingest(
        world.org,
        item(
            reason="Vriendelijk geholpen, maar wel lang moeten wachten. Top monteur!",
            suggestion="Sneller terugbellen.",
            team_code="W-KC-1",
        ),
    )
    from klantcultuur.feedback.models import Feedback

    record = Feedback.objects.get()
    labels = list(record.sentences.values_list("label", flat=True))
    assert record.n_compliments == labels.count("compliment")
    assert record.n_improvements == labels.count("improvement") >= 2
    assert "wachttijd" in record.topic_slugs


def test_unread_comments_are_read_chunk_after_chunk_and_none_is_left_behind(world):
    ingest(
        world.org,
        *[
            item(reason=f"Vriendelijk geholpen door Sanne ({n}).", external_id=f"L-{n}")
            for n in range(7)
        ],
    )
    records = Feedback.objects.filter(organization=world.org)
    first = records.order_by("pk").first()

    def unread(chosen) -> None:
        FeedbackSentence.objects.filter(feedback__in=chosen).delete()
        chosen.update(analysed=False)

    unread(records)
    progress = []

    def on_chunk(done: int) -> None:
        progress.append(done)
        if done == 2:  # another reader let go of the first record without reading it
            unread(records.filter(pk=first.pk))

    assert analyse_pending(records, build_analyser(world.org), chunk=2, on_chunk=on_chunk) == 8
    # Each chunk goes on after the previous one; the first record is read again at the end.
    assert progress == [2, 4, 6, 7, 8]
    assert not records.filter(analysed=False).exists()
    assert records.get(pk=first.pk).sentences.count() == 1
