"""Organisation corrections override labels, are flagged, and generalise only cautiously."""

from __future__ import annotations

import pytest

from klantcultuur.textanalysis import Analyser
from klantcultuur.textanalysis.evaluate import read_tsv
from tools.textanalysis.sets import DATA_DIR


def test_a_correction_overrides_the_same_sentence_and_is_flagged() -> None:
    an = Analyser(corrections={"De monteur was er binnen een uur.": "neutral"})
    assert Analyser().label_sentence("De monteur was er binnen een uur.").label == "compliment"
    sentence = an.label_sentence("de monteur was er BINNEN een uur!")
    assert sentence.label == "neutral"
    assert sentence.segments[0].label == "neutral"
    assert sentence.segments[0].corrected is True


def test_a_correction_applies_inside_a_longer_comment() -> None:
    an = Analyser(corrections={"Lekker bezig.": "improvement"})
    result = an.analyse("Weer geen monteur gezien. Lekker bezig!")
    assert [s.label for s in result.sentences] == ["improvement", "improvement"]
    assert [seg.corrected for seg in result.segments] == [False, True]


def test_uncorrected_segments_are_not_flagged() -> None:
    result = Analyser().analyse("Vriendelijk geholpen, maar wel lang moeten wachten.")
    assert not any(seg.corrected for seg in result.segments)


def test_a_correction_of_one_clause_changes_only_that_clause() -> None:
    an = Analyser(corrections={"maar het duurde even": "neutral"})
    sentence = an.label_sentence("Goed geholpen, maar het duurde even.")
    assert [seg.label for seg in sentence.segments] == ["compliment", "neutral"]
    assert [seg.corrected for seg in sentence.segments] == [False, True]
    assert sentence.label == "compliment"


def test_add_correction_applies_at_once_and_is_exposed_normalised() -> None:
    an = Analyser()
    assert an.label_sentence("Ik kreeg een tegoedbon.").label == "neutral"
    an.add_correction("Ik kreeg een tegoedbon!", "compliment")
    assert an.label_sentence("Ik kreeg een tegoedbon.").label == "compliment"
    assert an.corrections == {"ik kreeg een tegoedbon": "compliment"}
    with pytest.raises(ValueError):
        an.add_correction("Iets", "positive")


def test_repeated_corrections_teach_a_cue_that_labels_new_sentences() -> None:
    corrections = {"De kliko bleef staan.": "improvement", "Ons afval bleef staan!": "improvement"}
    an = Analyser(corrections=corrections)
    assert an.learned_cues == {("bleef", "staan"): "improvement"}
    assert Analyser().label_sentence("Mijn container bleef staan.").label == "neutral"
    sentence = an.label_sentence("Mijn container bleef staan.")
    assert sentence.label == "improvement"
    assert sentence.segments[0].reasons == ("bleef staan",)
    assert sentence.segments[0].corrected is False


def test_a_single_correction_or_a_bare_subject_teaches_no_cue() -> None:
    single = Analyser(corrections={"De kliko bleef staan.": "improvement"})
    assert single.learned_cues == {}
    subjects = Analyser(
        corrections={"Het groenafval.": "improvement", "Het groenafval!!": "improvement"}
    )
    assert subjects.learned_cues == {}


def test_conflicting_corrections_teach_no_cue() -> None:
    an = Analyser(
        corrections={
            "De kliko bleef staan.": "improvement",
            "Ons afval bleef staan!": "improvement",
            "De bus bleef staan voor mij, heel aardig.": "compliment",
            "De tram bleef staan tot ik er was.": "compliment",
        }
    )
    assert ("bleef", "staan") not in an.learned_cues


def test_corrections_do_not_change_unrelated_sentences() -> None:
    rows = read_tsv(DATA_DIR / "dev_nl.tsv")
    plain = Analyser()
    corrections = {
        "De kliko bleef staan.": "improvement",
        "Ons afval bleef staan!": "improvement",
        "Lekker bezig.": "improvement",
        "Het terugbelverzoek werd keurig afgehandeld.": "neutral",
        "Ik kreeg een tegoedbon.": "compliment",
    }
    corrected = Analyser(corrections=corrections)
    for row in rows:
        assert (
            corrected.label_sentence(row["sentence"]).label
            == plain.label_sentence(row["sentence"]).label
        ), row
