"""Promise matching against hand-labelled sentences of HR texts."""

from __future__ import annotations

from klantcultuur.hrm.reading.matching import align
from klantcultuur.vision.scoring.recall import Promise

PROMISES = [
    Promise(
        "bereikbaar", "We zijn bereikbaar en bellen terug. Binnen een werkdag hoort u van ons."
    ),
    Promise(
        "afspraak",
        "Afspraak is afspraak. We komen op de afgesproken tijd of laten het vooraf weten.",
    ),
    Promise("helder", "We geven een helder antwoord. In gewone taal, met wat u kunt verwachten."),
    Promise(
        "aanspreekpunt",
        "Eén aanspreekpunt regelt het. Eén collega houdt uw vraag bij tot hij is opgelost.",
    ),
]

# (sentence, the promise a person finds in it or None), labelled by hand.
LABELLED = [
    ("Je belt klanten binnen een werkdag terug, ook zonder antwoord.", "bereikbaar"),
    ("Je komt op de afgesproken tijd en meldt het vooraf als dat niet lukt.", "afspraak"),
    ("Je schrijft brieven in gewone taal, zonder vakjargon.", "helder"),
    ("Je blijft het aanspreekpunt van de huurder tot de vraag is opgelost.", "aanspreekpunt"),
    ("Je hebt een afgeronde mbo-opleiding op niveau 4.", None),
    ("Het salaris valt in schaal 7 van de cao Woondiensten.", None),
    ("Je werkt 32 tot 36 uur per week.", None),
]


def test_each_labelled_sentence_names_the_promise_a_person_finds_in_it():
    for sentence, expected in LABELLED:
        found = align(sentence, PROMISES, [])
        present = [f.key for f in found.promises if f.present]
        assert present == ([expected] if expected else []), sentence


def test_a_document_shows_which_promises_appear_with_their_sentences_and_which_are_missing():
    text = "\n".join(s for s, _ in LABELLED[:2] + LABELLED[4:])
    found = align(text, PROMISES, [])
    by_key = {f.key: f.sentences for f in found.promises}
    assert by_key["bereikbaar"] == [LABELLED[0][0].rstrip(".")]
    assert by_key["afspraak"] == [LABELLED[1][0].rstrip(".")]
    assert by_key["helder"] == [] and by_key["aanspreekpunt"] == []
    assert found.present == 2
