"""Ordinary product and service text that the rules used to read as complaints (issue 19).

Written for these tests in the style of real reviews; no sentence of a real set is copied here.
"""

from __future__ import annotations

import pytest

from klantcultuur.textanalysis import Analyser


@pytest.fixture(scope="module")
def an() -> Analyser:
    """The reader as shipped."""
    return Analyser()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # durations are facts outside waiting
        ("Ik heb de wasmachine nu ruim drie maanden in huis.", "neutral"),
        ("De accu houdt het bij mij wel drie dagen uit.", "neutral"),
        ("De batterij gaat echt lang mee.", "compliment"),
        ("Pas na drie weken kwam er een monteur.", "improvement"),
        ("We hebben ruim een uur moeten wachten.", "improvement"),
        # comparatives compare; only a verbless comparative at the start asks
        ("Veel scherpere beelden en een snellere app.", "compliment"),
        ("Een prima stofzuiger voor een nog betere prijs.", "compliment"),
        ("Misschien wel de beste aankoop van dit jaar.", "compliment"),
        ("Een stuk sneller dan mijn oude laptop.", "compliment"),
        ("Sneller reageren op mails.", "improvement"),
        ("Iets duidelijker uitleggen.", "improvement"),
        ("Als jullie eerder terugbellen.", "improvement"),
        # denied excess, idioms of praise
        ("Hij is niet te zwaar en niet te licht.", "compliment"),
        ("Ik ben erg te spreken over de bezorger.", "compliment"),
        ("Nog geen moment spijt van gehad!", "compliment"),
        ("Een aanrader, deze kapper.", "compliment"),
        ("Zonder veel poespas geregeld.", "compliment"),
        # wishes and modals that are not wishes
        ("Fijn voor mensen die graag buiten fietsen.", "compliment"),
        ("Alles werkt zoals het zou moeten.", "neutral"),
        ("Ik heb de app nog niet kunnen testen.", "neutral"),
        ("Ik weet nog niet of ik hem houd.", "neutral"),
        ("Mijn pakket is nog niet binnen.", "improvement"),
        # drawbacks named as such
        ("Het enige minpunt is de prijs.", "improvement"),
        ("Een nadeel is het geluid.", "improvement"),
        ("De kwaliteit van de foto's is matig.", "improvement"),
    ],
)
def test_ordinary_text_gets_its_plain_label(an: Analyser, text: str, expected: str) -> None:
    assert an.label_sentence(text).label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Een stabiele app en een pluspunt is de prijs.", "compliment"),
        ("Voor dagelijks gebruik doet hij zeker niet onder.", "compliment"),
        ("Er zit een processor in met 8x 2,0 GHz.", "neutral"),
        ("Ik heb 4x gebeld.", "improvement"),
        ("Een superlange accuduur.", "neutral"),
        ("Erg lange doorlooptijd bij de inkoop.", "improvement"),
        ("Drie weken zonder warm water gezeten.", "improvement"),
        ("Ze kwamen zonder te bellen.", "improvement"),
        ("Een hoesje zonder magneetje.", "neutral"),
    ],
)
def test_product_words_and_circumstances(an: Analyser, text: str, expected: str) -> None:
    assert an.label_sentence(text).label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dat mag wat sneller.", "improvement"),
        ("Ik zou geen echte problemen weten.", "compliment"),
        ("Een 10 zou het worden als ik niet steeds opnieuw hoef in te loggen.", "improvement"),
        ("Ik kan je verzekeren dat de nieuwe versie nog beter is.", "compliment"),
        ("Goedkoper, maar het geluid is er niet minder om.", "compliment"),
    ],
)
def test_modal_words_ask_only_when_they_ask(an: Analyser, text: str, expected: str) -> None:
    assert an.label_sentence(text).label == expected
