"""The labelling queue's order and the agreement with an organisation's held-back labels."""

from __future__ import annotations

import pytest

from klantcultuur.textanalysis import Analyser
from klantcultuur.textanalysis.learning import agreement, certainty, held_back, least_sure


@pytest.fixture(scope="module")
def an() -> Analyser:
    return Analyser()


def test_a_clear_compliment_is_surer_than_a_mixed_sentence(an: Analyser) -> None:
    clear = an.label_sentence("Super vriendelijke en behulpzame monteur, echt top!")
    mixed = an.label_sentence("Vriendelijk geholpen, maar wel lang moeten wachten.")
    assert certainty(clear) > certainty(mixed)
    assert 0.0 <= certainty(mixed) <= certainty(clear) <= 1.0


def test_the_queue_asks_about_the_least_sure_sentences_first_and_once(an: Analyser) -> None:
    texts = [
        "Super vriendelijke en behulpzame monteur, echt top!",
        "Vriendelijk geholpen, maar wel lang moeten wachten.",
        "Vriendelijk geholpen, maar wel lang moeten wachten.",
        "Goed.",
    ]
    queue = least_sure(an, texts, 2)
    assert len(queue) == 2
    asked = [text for text, _sentence in queue]
    assert texts[0] not in asked  # the clearest sentence waits
    assert len(set(asked)) == 2  # the same sentence is asked once
    assert certainty(queue[0][1]) <= certainty(queue[1][1])
    assert asked[0] == "Goed."  # a bare "good" only just crosses the line


def test_a_corrected_sentence_is_certain() -> None:
    text = "De bezorger belde aan."
    an = Analyser(corrections={text: "compliment"})
    assert certainty(an.label_sentence(text)) == 1.0


def test_held_back_is_fixed_per_sentence_and_about_one_in_five() -> None:
    texts = [f"Zin nummer {i} over de service." for i in range(1000)]
    share = sum(held_back(t) for t in texts) / len(texts)
    assert 0.15 < share < 0.25
    assert held_back("Zin nummer 7 over de service.") == held_back("zin nummer 7 over de service")


def test_agreement_is_measured_only_on_held_back_labels_that_it_did_not_learn() -> None:
    # The organisation calls these descriptive sentences compliments: a held-back one would
    # score 100% if its own correction were used, so agreement must not use it.
    labels = {
        "De bezorger belde aan.": "compliment",
        "Het pakket lag bij de buren.": "neutral",
        "Niemand heeft me teruggebeld.": "improvement",
        "Heel vriendelijk geholpen.": "compliment",
    }
    hold = {"De bezorger belde aan.", "Niemand heeft me teruggebeld."}
    result = agreement(labels, is_held_back=lambda text: text in hold)
    assert result.n == 2
    assert result.learned_from == 2
    assert result.agreed == 1  # the complaint; the reader itself calls the doorbell neutral
    assert result.share == 0.5
    assert result.report is not None
    assert result.report.confusion["compliment"]["neutral"] == 1


def test_agreement_without_held_back_labels_says_so() -> None:
    result = agreement({"Top!": "compliment"}, is_held_back=lambda text: False)
    assert result.n == 0
    assert result.share is None
    assert result.report is None
