"""Recall answers scored against the promises, checked against answers labelled by hand."""

from __future__ import annotations

import pytest

from klantcultuur.vision.scoring.recall import Promise, Scorer, fragments, score_answer

PROMISES = [
    Promise("bereikbaar", "We zijn bereikbaar en bellen terug. Binnen een werkdag hoort u van ons."),
    Promise("afspraak", "Afspraak is afspraak. We komen op de afgesproken tijd of laten het vooraf weten."),
    Promise("helder", "We geven een helder antwoord. In gewone taal, met wat u kunt verwachten."),
    Promise("aanspreekpunt", "Eén aanspreekpunt regelt het. Eén collega houdt uw vraag bij tot hij is opgelost."),
    Promise("luisteren", "We luisteren en doen er iets mee. U hoort wat we met uw verbeterpunt deden."),
]  # fmt: skip

# Answers as colleagues wrote them, each labelled by hand with the promises it names.
LABELLED = [
    ("terugbellen binnen een dag\nafspraak is afspraak\nduidelijke taal", {"bereikbaar", "afspraak", "helder"}),
    ("1. bereikbaar zijn 2. naar de huurder luisteren en er wat mee doen 3. één vast aanspreekpunt",
     {"bereikbaar", "luisteren", "aanspreekpunt"}),
    ("we bellen terug; we komen op tijd; we geven een helder antwoord; één persoon regelt je vraag; we luisteren",
     {"bereikbaar", "afspraak", "helder", "aanspreekpunt", "luisteren"}),
    ("Afspraken nakomen. Geen vakjargon maar gewone taal.", {"afspraak", "helder"}),
    ("- op tijd komen bij reparaties\n- iets met klantgericht", {"afspraak"}),
    ("klantgericht zijn\nvriendelijk zijn\nde huurder staat centraal", set()),
    ("goede service en betaalbaar wonen", set()),
    ("weet ik niet precies meer", set()),
    ("Eén contactpersoon die het regelt", {"aanspreekpunt"}),
    ("telefonisch bereikbaar", {"bereikbaar"}),
    ("vooraf laten weten als we later komen", {"afspraak"}),
    ("verbeterpunten van huurders bespreken we en we koppelen terug", {"luisteren"}),
    ("we denken mee met de huurder", set()),
    ("helder antwoord\nafspraak = afspraak\nterugbellen", {"helder", "afspraak", "bereikbaar"}),
]  # fmt: skip


@pytest.mark.parametrize(("answer", "expected"), LABELLED)
def test_each_hand_labelled_answer_names_exactly_its_promises(answer, expected):
    assert score_answer(answer, PROMISES).keys == expected


def test_the_scores_agree_with_the_hand_labels_on_every_promise_decision():
    scorer = Scorer(PROMISES)
    agree = total = 0
    for answer, expected in LABELLED:
        found = scorer.score(answer).keys
        for promise in PROMISES:
            total += 1
            agree += (promise.key in found) == (promise.key in expected)
    assert agree == total  # 70 decisions, none wrong


def test_a_match_explains_which_words_it_rests_on():
    result = score_answer("terugbellen als we dat zeggen", PROMISES)
    (match,) = result.matches
    assert match.key == "bereikbaar"
    assert match.fragment == "terugbellen als we dat zeggen"
    assert ("terugbellen", "bellen") in match.words


def test_a_promise_counts_once_even_when_named_twice():
    result = score_answer("afspraak is afspraak\nafspraken nakomen", PROMISES)
    assert result.named == 1
    assert result.unmatched == ("afspraken nakomen",)


def test_words_all_promises_share_do_not_name_one():
    assert score_answer("de klant, u en wij", PROMISES).named == 0


def test_fragments_split_lines_lists_and_sentences():
    assert fragments("1. bellen 2. op tijd\n- helder; luisteren. Eén punt!") == [
        "bellen",
        "op tijd",
        "helder",
        "luisteren",
        "Eén punt",
    ]


def test_an_empty_answer_names_nothing():
    assert score_answer("", PROMISES).named == 0
    assert score_answer("   \n ", PROMISES).matches == ()
