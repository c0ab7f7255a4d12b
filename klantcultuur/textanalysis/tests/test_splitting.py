"""Sentence and clause splitting of Dutch feedback comments."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantcultuur.textanalysis import Analyser, normalise


@pytest.fixture(scope="module")
def an() -> Analyser:
    """One analyser for the module: compiling is the expensive part."""
    return Analyser()


def sentence_texts(an: Analyser, text: str) -> list[str]:
    """The sentence texts the analyser finds."""
    return [s.text for s in an.analyse(text).sentences]


def test_abbreviations_do_not_end_a_sentence(an: Analyser) -> None:
    text = "Ik heb o.a. met dhr. Jansen gebeld, bijv. over de factuur. Daarna niks meer gehoord."
    assert sentence_texts(an, text) == [
        "Ik heb o.a. met dhr. Jansen gebeld, bijv. over de factuur.",
        "Daarna niks meer gehoord.",
    ]


def test_decimal_numbers_and_times_do_not_end_a_sentence(an: Analyser) -> None:
    text = "Ik betaalde 3.5 keer zoveel en de monteur kwam om 10.30 uur. Schandalig!"
    assert sentence_texts(an, text) == [
        "Ik betaalde 3.5 keer zoveel en de monteur kwam om 10.30 uur.",
        "Schandalig!",
    ]


def test_emoji_after_a_full_stop_stay_with_the_sentence_before_them(an: Analyser) -> None:
    assert sentence_texts(an, "Top geholpen. 👍👍") == ["Top geholpen. 👍👍"]
    assert sentence_texts(an, "Weer niks gehoord! 😡 De monteur kwam ook niet.") == [
        "Weer niks gehoord! 😡",
        "De monteur kwam ook niet.",
    ]


def test_an_emoji_followed_by_more_words_ends_the_sentence(an: Analyser) -> None:
    assert sentence_texts(an, "Top service 👍 snel geholpen") == ["Top service 👍", "snel geholpen"]


def test_a_comment_without_punctuation_is_one_sentence_split_into_clauses(an: Analyser) -> None:
    result = an.analyse("vriendelijk geholpen maar lang moeten wachten")
    assert len(result.sentences) == 1
    assert [seg.text for seg in result.segments] == [
        "vriendelijk geholpen",
        "maar lang moeten wachten",
    ]


def test_line_breaks_separate_sentences_and_bullets_are_dropped(an: Analyser) -> None:
    assert sentence_texts(an, "- snel geholpen\n- monteur was netjes") == [
        "snel geholpen",
        "monteur was netjes",
    ]


def test_question_and_exclamation_marks_end_sentences(an: Analyser) -> None:
    assert sentence_texts(an, "Waarom duurt het zo lang?! Ik wacht al weken") == [
        "Waarom duurt het zo lang?!",
        "Ik wacht al weken",
    ]


def test_offsets_point_into_the_original_text(an: Analyser) -> None:
    text = "  Vriendelijk geholpen, maar wel lang moeten wachten. 👍\nVerder prima, dank u!  "
    result = an.analyse(text)
    assert len(result.sentences) == 2
    for sentence in result.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for seg in sentence.segments:
            assert text[seg.start : seg.end] == seg.text
            assert sentence.start <= seg.start < seg.end <= sentence.end


def test_an_empty_comment_has_no_sentences_and_labels_neutral(an: Analyser) -> None:
    assert an.analyse("").sentences == ()
    assert an.analyse("   ").segments == ()
    assert an.label_sentence("").label == "neutral"


def test_label_sentence_treats_the_whole_text_as_one_sentence(an: Analyser) -> None:
    sentence = an.label_sentence("Wat zou het een 10 maken? Als jullie sneller terugbellen.")
    assert sentence.text == "Wat zou het een 10 maken? Als jullie sneller terugbellen."
    assert sentence.label == "improvement"


def test_normalise_ignores_case_accents_punctuation_and_spacing_but_keeps_emoji() -> None:
    assert normalise("Níet  ECHT vriendelijk!!") == normalise("niet echt vriendelijk")
    assert normalise("Ik heb mij geërgerd.") == "ik heb mij geergerd"
    assert normalise("Top 👍🏽") == "top 👍"
    assert normalise("Top 👍") != normalise("Top 😡")


_ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEF .,!?;:()-'\"\n\t0123456789 éëö€😀👍🏽❤️😡\u200d🙄…—/"
_WORDS = (
    "niet",
    "geen",
    "nooit",
    "zonder",
    "maar",
    "alleen",
    "toch",
    "helaas",
    "hoewel",
    "wel",
    "erg",
    "super",
    "te",
    "lang",
    "wachten",
    "vriendelijk",
    "slecht",
    "top",
    "prima",
    "graag",
    "zou",
    "fijn",
    "binnen",
    "drie",
    "weken",
    "keer",
    "moeten",
    "bellen",
    "er",
    "zat",
    "nie",
    "goe",
    "ge",
    "da",
    "o.a.",
    "3.5",
    "dhr.",
    "👍",
    "😡",
    ":)",
    "?",
    "!",
    ",",
    ".",
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=_ALPHABET, max_size=120),
        st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join),
    )
)
def test_any_text_gets_consistent_offsets_labels_and_reasons(text: str) -> None:
    an = _shared()
    result = an.analyse(text)
    assert sum(len(s.segments) for s in result.sentences) == len(result.segments)
    for sentence in result.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.label in {seg.label for seg in sentence.segments}
        for seg in sentence.segments:
            assert text[seg.start : seg.end] == seg.text
            assert seg.label in ("compliment", "improvement", "neutral")
            assert -1.0 <= seg.score <= 1.0
            if seg.label == "neutral" and not seg.corrected:
                assert seg.reasons == ()
            for reason in seg.reasons:
                assert reason in " ".join(seg.text.lower().split())
    assert an.label_sentence(text).label in ("compliment", "improvement", "neutral")


_SHARED: list[Analyser] = []


def _shared() -> Analyser:
    """A module-wide analyser for property tests (hypothesis does not mix with fixtures)."""
    if not _SHARED:
        _SHARED.append(Analyser())
    return _SHARED[0]
