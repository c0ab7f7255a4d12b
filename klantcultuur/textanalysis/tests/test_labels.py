"""Labelling: negation, intensifiers, contrast, Flemish and informal Dutch, emoji, reasons."""

from __future__ import annotations

import pytest

from klantcultuur.textanalysis import LABELS, Analyser
from klantcultuur.textanalysis.evaluate import evaluate, format_report, read_tsv
from tools.textanalysis.sets import DATA_DIR


@pytest.fixture(scope="module")
def an() -> Analyser:
    """One analyser for the module: compiling is the expensive part."""
    return Analyser()


def label(an: Analyser, text: str) -> str:
    """The sentence label of `text`."""
    return an.label_sentence(text).label


def test_labels_are_the_three_documented_values() -> None:
    assert LABELS == ("compliment", "improvement", "neutral")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De monteur was vriendelijk.", "compliment"),
        ("De monteur was niet vriendelijk.", "improvement"),
        ("Niet echt vriendelijk.", "improvement"),
        ("Niet onvriendelijk.", "compliment"),
        ("Geen probleem, werd meteen opgelost.", "compliment"),
        ("Ik ben helemaal niet blij.", "improvement"),
        ("Nooit meer last gehad van storingen.", "compliment"),
        ("Niet lang hoeven wachten.", "compliment"),
        ("Ze hebben nooit teruggebeld.", "improvement"),
        ("Hij kwam niet.", "improvement"),
        ("Het werkt nog steeds niet.", "improvement"),
        ("De container is niet geleegd.", "improvement"),
        ("Nog nooit zo slecht geholpen.", "improvement"),
        ("Nog nooit zo snel geholpen.", "compliment"),
        ("Niks aan te merken, top geregeld!", "compliment"),
    ],
)
def test_negation_flips_or_softens_what_follows(an: Analyser, text: str, expected: str) -> None:
    assert label(an, text) == expected


def test_negation_stops_at_a_comma(an: Analyser) -> None:
    sentence = an.label_sentence("Ik weet het niet, maar de monteur was vriendelijk.")
    assert sentence.label == "compliment"
    assert sentence.segments[-1].reasons == ("vriendelijk",)


def test_negated_praise_names_the_negator_and_the_word_as_reasons(an: Analyser) -> None:
    assert an.label_sentence("Niet echt vriendelijk.").segments[0].reasons == (
        "niet",
        "vriendelijk",
    )


def test_intensifiers_raise_and_downtoners_lower_the_score(an: Analyser) -> None:
    def score(text: str) -> float:
        return an.label_sentence(text).segments[0].score

    assert score("erg vriendelijk") > score("vriendelijk") > score("een beetje vriendelijk") > 0
    assert score("supervriendelijk") > score("vriendelijk")
    assert score("heel erg slecht") < score("slecht") < 0


def test_excess_te_is_a_complaint_but_te_gek_is_praise(an: Analyser) -> None:
    assert label(an, "Veel te duur.") == "improvement"
    assert "te duur" in an.label_sentence("Veel te duur.").segments[0].reasons
    assert label(an, "De uitleg was te technisch.") == "improvement"
    assert label(an, "Te gek geholpen!") == "compliment"


def test_a_mixed_comment_has_a_compliment_and_an_improvement_segment(an: Analyser) -> None:
    sentence = an.analyse("Vriendelijk geholpen, maar wel lang moeten wachten. 👍").sentences[0]
    assert [seg.label for seg in sentence.segments] == ["compliment", "improvement"]
    assert sentence.label == "improvement"
    assert sentence.segments[0].reasons == ("vriendelijk", "geholpen")
    assert sentence.segments[1].reasons == ("lang", "moeten", "wachten")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het duurde even, maar het resultaat is prima.", "compliment"),
        ("Lang gewacht, maar daarna heel goed geholpen.", "compliment"),
        ("De zorg is goed, alleen de planning rammelt.", "improvement"),
        ("Duidelijke uitleg, helaas geen oplossing.", "improvement"),
        ("Snelle levering, wel jammer dat de doos beschadigd was.", "improvement"),
        ("De app is handig, echter mis ik een overzicht van mijn facturen.", "improvement"),
        ("Ik had het liever anders gezien, toch ben ik tevreden.", "compliment"),
    ],
)
def test_the_clause_after_the_contrastive_word_decides(
    an: Analyser, text: str, expected: str
) -> None:
    sentence = an.label_sentence(text)
    assert sentence.label == expected
    assert {seg.label for seg in sentence.segments} >= {expected}
    assert len(sentence.segments) == 2


def test_a_fronted_concession_does_not_decide(an: Analyser) -> None:
    sentence = an.label_sentence("Hoewel het lang duurde, ben ik heel tevreden.")
    assert sentence.label == "compliment"
    assert [seg.label for seg in sentence.segments] == ["improvement", "compliment"]


def test_without_a_contrastive_word_a_complaint_outweighs_praise(an: Analyser) -> None:
    sentence = an.label_sentence("Vriendelijk geholpen, lang moeten wachten.")
    assert sentence.label == "improvement"
    assert [seg.label for seg in sentence.segments] == ["compliment", "improvement"]


def test_not_only_but_also_is_not_a_contrast(an: Analyser) -> None:
    assert label(an, "Niet alleen snel maar ook heel vriendelijk.") == "compliment"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Den technieker was nie op tijd.", "improvement"),
        ("Ik heb mij geërgerd aan de wachttijd.", "improvement"),
        ("Chapeau, goe geholpen!", "compliment"),
        ("Ambetant da ge altijd moet herbellen.", "improvement"),
        ("Content van de service, dikke merci.", "compliment"),
        ("Efkes gewacht maar dan rap geholpen.", "compliment"),
        ("gwn top geholpen", "compliment"),
        ("idd veelste lang gewacht", "improvement"),
        ("heeeeel vriendelijk", "compliment"),
        ("vriendleijk geholpen", "compliment"),
        ("Erg onduideijke brief.", "improvement"),
    ],
)
def test_flemish_informal_and_misspelled_dutch_is_understood(
    an: Analyser, text: str, expected: str
) -> None:
    assert label(an, text) == expected


def test_real_words_are_not_mistaken_for_typos_of_sentiment_words(an: Analyser) -> None:
    # "verdeelde" is one letter from "verveelde", "Zwolle" two from "zwoel".
    assert label(an, "We hebben de taken verdeeld.") == "neutral"
    assert label(an, "Heeft u ook een vestiging in Zwolle?") == "neutral"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("😡", "improvement"),
        ("👍", "compliment"),
        ("Monteur kwam niet opdagen 👎", "improvement"),
        ("Prima :)", "compliment"),
        ("Niet echt geholpen :(", "improvement"),
        ("Heel blij met mijn nieuwe woning 🥰", "compliment"),
    ],
)
def test_emoji_and_emoticons_carry_polarity(an: Analyser, text: str, expected: str) -> None:
    assert label(an, text) == expected


def test_an_angry_emoji_alone_is_its_own_reason(an: Analyser) -> None:
    assert an.label_sentence("😡").segments[0].reasons == ("😡",)


@pytest.mark.parametrize(
    "text",
    [
        "Geweldig, weer drie weken wachten op een monteur.",
        "Fijn hoor, dat ik voor de derde keer mijn gegevens moet doorgeven.",
        "Super, de trein rijdt weer niet.",
    ],
)
def test_sarcastic_praise_before_a_complaint_is_an_improvement(an: Analyser, text: str) -> None:
    assert label(an, text) == "improvement"


def test_sincere_praise_interjections_stay_compliments(an: Analyser) -> None:
    assert label(an, "Geweldig geholpen!") == "compliment"
    assert label(an, "Super, alles werkt weer.") == "compliment"


@pytest.mark.parametrize(
    "text",
    [
        "Sneller reageren op mijn mail.",
        "Het zou fijn zijn als ik een tijdvak kreeg.",
        "Graag vooraf bellen als de monteur later komt.",
        "De app zou wat overzichtelijker mogen.",
        "Zorg dat de monteur de juiste onderdelen bij zich heeft.",
        "Kunnen jullie voortaan een sms sturen?",
        "Het kan beter.",
    ],
)
def test_suggestions_and_wishes_are_improvement_points(an: Analyser, text: str) -> None:
    assert label(an, text) == "improvement"


def test_comparisons_and_habits_are_not_suggestions(an: Analyser) -> None:
    assert label(an, "Ze reageerden sneller dan verwacht.") == "compliment"
    assert label(an, "Ik kom hier graag terug.") == "compliment"
    assert label(an, "Top service, ga zo door!") == "compliment"
    assert label(an, "Dat kon niet beter.") == "compliment"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik heb vier keer moeten bellen.", "improvement"),
        ("Al drie weken wacht ik op antwoord.", "improvement"),
        ("De uitslag kwam pas na drie weken.", "improvement"),
        ("Ik moest zelf overal achteraan bellen.", "improvement"),
        ("Binnen een dag was alles geregeld.", "compliment"),
        ("Ik hoefde maar één keer te bellen.", "compliment"),
        ("Mijn moeder krijgt twee keer per dag hulp.", "neutral"),
        ("Ik ben al twintig jaar klant.", "neutral"),
        # parts of a day count as durations, and what something "cost" in time is a wait
        ("Het kostte me een hele middag wachten.", "improvement"),
        ("Het kostte me drie weken om iemand te spreken.", "improvement"),
        ("Het duurde twee werkdagen voor ik antwoord kreeg.", "improvement"),
        ("De monteur kwam de volgende ochtend al.", "compliment"),
        ("Het kostte maar een kwartier.", "compliment"),
        ("Het kostte 20 euro.", "neutral"),
    ],
)
def test_effort_repetition_and_durations_without_sentiment_words(
    an: Analyser, text: str, expected: str
) -> None:
    assert label(an, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ik had een vraag over mijn jaaropgave.",
        "Ik belde over een storing.",
        "Geen opmerkingen.",
        "nvt",
        "-",
        "weet ik niet",
        "Niets",
        "Wanneer komt de monteur?",
        "Ik woon hier sinds 2015.",
    ],
)
def test_facts_questions_and_empty_answers_are_neutral(an: Analyser, text: str) -> None:
    sentence = an.label_sentence(text)
    assert sentence.label == "neutral"
    assert all(seg.reasons == () for seg in sentence.segments)


def test_every_non_neutral_segment_explains_itself_with_words_from_its_text(an: Analyser) -> None:
    comments = [
        "Vriendelijk geholpen, maar wel lang moeten wachten.",
        "Ik heb vier keer moeten bellen 😡",
        "Binnen een dag was alles geregeld.",
        "Het zou fijn zijn als ik een tijdvak kreeg.",
        "Den technieker was nie op tijd.",
        "Geweldig, weer drie weken wachten op een monteur.",
    ]
    seen = 0
    for comment in comments:
        for seg in an.analyse(comment).segments:
            if seg.label == "neutral":
                continue
            seen += 1
            assert seg.reasons, seg
            for reason in seg.reasons:
                assert reason in seg.text.lower(), (reason, seg.text)
    assert seen >= len(comments)


def test_scores_agree_with_labels(an: Analyser) -> None:
    result = an.analyse("Top geholpen! Lang moeten wachten. Ik belde over mijn factuur.")
    by_label = {seg.label: seg.score for seg in result.segments}
    assert by_label["compliment"] > 0 > by_label["improvement"]
    assert -0.3 < by_label["neutral"] < 0.3


def test_dev_set_macro_f1_stays_above_target() -> None:
    report = evaluate(read_tsv(DATA_DIR / "dev_nl.tsv"))
    assert report.n >= 400
    assert report.macro_f1 >= 0.9, format_report(report)
    assert "confusion" in format_report(report)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het internet valt elke avond uit.", "improvement"),
        ("De service viel niet tegen.", "compliment"),
        ("Het groenafval werd niet meegenomen.", "improvement"),
        ("De monteur kwam zonder de juiste onderdelen.", "improvement"),
        ("De klantenservice is alleen overdag bereikbaar.", "improvement"),
        ("Ik wilde weten of fysiotherapie vergoed wordt.", "neutral"),
        ("De rekening klopte niet, dat hebben ze snel gecorrigeerd.", "compliment"),
        ("De factuur was hoger dan afgesproken.", "improvement"),
        ("De medewerkster bleef rustig en vriendelijk, ook toen ik boos werd.", "compliment"),
        ("Ik was mijn wachtwoord vergeten.", "neutral"),
        ("Er werd geld afgeschreven zonder dat ik het wist.", "improvement"),
    ],
)
def test_separable_verbs_omissions_limits_and_scene_setting(
    an: Analyser, text: str, expected: str
) -> None:
    assert label(an, text) == expected
