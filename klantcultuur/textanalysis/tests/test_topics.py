"""Topic tagging with the default taxonomy and organisation-edited ones."""

from __future__ import annotations

import pytest

from klantcultuur.textanalysis import DEFAULT_TOPICS, Analyser, Topic


@pytest.fixture(scope="module")
def an() -> Analyser:
    """One analyser with the default taxonomy."""
    return Analyser()


def topics_of(an: Analyser, text: str) -> tuple[str, ...]:
    """Topics of the first segment of `text`."""
    return an.label_sentence(text).segments[0].topics


def test_the_default_taxonomy_has_the_issue_topics() -> None:
    slugs = {t.slug for t in DEFAULT_TOPICS}
    assert slugs == {
        "wachttijd",
        "bereikbaarheid",
        "vriendelijkheid",
        "deskundigheid",
        "communicatie",
        "afspraken_nakomen",
        "prijs",
        "kwaliteit",
        "digitale_kanalen",
    }
    assert all(t.name_nl and t.name_en and t.keywords for t in DEFAULT_TOPICS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lang moeten wachten aan de telefoon.", {"wachttijd", "bereikbaarheid"}),
        ("De monteur was onvriendelijk.", {"vriendelijkheid"}),
        ("De app werkt niet.", {"digitale_kanalen"}),
        ("Afspraken worden niet nagekomen.", {"afspraken_nakomen"}),
        ("De premie is te hoog.", {"prijs"}),
        ("Vakkundig en deskundig advies.", {"deskundigheid"}),
        ("Ik kreeg geen terugkoppeling op mijn mail.", {"communicatie"}),
        ("Het abonnement is te duur.", {"prijs"}),
        ("Het duurt erg lang voordat er iemand komt.", {"wachttijd"}),  # lasts, not pricey
        ("Het duurde een week.", {"wachttijd"}),
    ],
)
def test_default_topics_are_tagged(an: Analyser, text: str, expected: set[str]) -> None:
    assert set(topics_of(an, text)) == expected


def test_each_segment_of_a_mixed_sentence_has_its_own_topics(an: Analyser) -> None:
    segments = an.label_sentence("Vriendelijk geholpen, maar wel lang moeten wachten.").segments
    assert segments[0].topics == ("vriendelijkheid",)
    assert segments[1].topics == ("wachttijd",)


def test_a_custom_taxonomy_replaces_the_defaults() -> None:
    waste = Topic("afval", "Afval", "Waste", ("container*", "kliko", "vuilnis*", "milieustraat"))
    an = Analyser(topics=(waste,))
    assert an.label_sentence("De container is niet geleegd.").segments[0].topics == ("afval",)
    assert an.label_sentence("Lang moeten wachten aan de telefoon.").segments[0].topics == ()


def test_keyword_kinds_match_words_inflections_prefixes_heads_and_phrases() -> None:
    topics = (
        Topic("afspraak", "Afspraak", "Appointment", ("afspraak",)),
        Topic("app", "App", "App", ("app",)),
        Topic("formulier", "Formulier", "Form", ("*formulier",)),
        Topic("lijn", "Telefoonlijn", "Phone line", ("aan de lijn",)),
        Topic("wachten", "Wachten", "Waiting", ("wacht*",)),
    )
    an = Analyser(topics=topics)

    def slugs(text: str) -> set[str]:
        return {slug for seg in an.analyse(text).segments for slug in seg.topics}

    assert slugs("Twee afspraken gemist.") == {"afspraak"}
    assert slugs("De app crasht.") == {"app"}
    assert slugs("Mooi appartement.") == set()
    assert slugs("Het aanvraagformulier is onduidelijk.") == {"formulier"}
    assert slugs("Nooit iemand aan de lijn.") == {"lijn"}
    assert slugs("Lijn 12 rijdt niet.") == set()
    assert slugs("Wachttijden zijn lang.") == {"wachten"}


def test_a_quoted_keyword_finds_only_that_word() -> None:
    an = Analyser(topics=(Topic("prijs", "Prijs", "Price", ('"duur"', "“kost”")),))

    def slugs(text: str) -> set[str]:
        return {slug for seg in an.analyse(text).segments for slug in seg.topics}

    assert slugs("Veel te duur.") == {"prijs"}
    assert slugs("Wat kost dat?") == {"prijs"}
    assert slugs("Het duurt lang.") == slugs("Het duurde lang.") == slugs("Het kan duren.") == set()
    assert slugs("Dat kostte een middag.") == set()


def test_keywords_ignore_case_and_accents() -> None:
    an = Analyser(topics=(Topic("cafe", "Café", "Café", ("Café",)),))
    assert an.label_sentence("Het CAFE was dicht.").segments[0].topics == ("cafe",)


def _name(n: int) -> str:
    """A distinct lowercase word for a number: 0 -> 'aa', 27 -> 'bb'."""
    return chr(97 + n // 26) + chr(97 + n % 26)


def test_a_large_edited_taxonomy_tags_the_right_topics() -> None:
    # 50 topics x 40 keywords: prefixes, plain words and two-word phrases.
    topics = tuple(
        Topic(
            f"t{i}",
            f"Thema {i}",
            f"Topic {i}",
            tuple(
                f"woord{_name(i)}{_name(j)}*"
                if j % 3 == 0
                else f"zin{_name(i)} {_name(j)}"
                if j % 3 == 1
                else f"los{_name(i)}{_name(j)}"
                for j in range(40)
            ),
        )
        for i in range(50)
    )
    an = Analyser(topics=topics)
    text = f"Het woord{_name(7)}{_name(3)}je was zin{_name(9)} {_name(13)}, en los{_name(2)}{_name(5)}!"
    assert an.label_sentence(text).segments[0].topics == ("t2", "t7", "t9")
    assert an.label_sentence(f"zin{_name(9)} {_name(12)}").segments[0].topics == ()
