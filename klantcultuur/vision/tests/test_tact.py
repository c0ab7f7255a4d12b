"""The TACT check: every element asked for, vague wording flagged with a suggestion."""

from __future__ import annotations

import pytest

from klantcultuur.vision.scoring.tact import check, sentence, vague_phrases
from klantcultuur.vision.tact_messages import SUGGESTIONS, explain


def test_a_concrete_behaviour_passes():
    result = check("de klant", "bel ik", "Bij elke klacht", "binnen een werkdag terug")
    assert result.ok


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("klantgericht zijn", "customer_focused"),
        ("we werken klantgericht", "customer_focused"),
        ("proactief", "proactive"),
        ("pro-actief benaderen", "proactive"),
        ("altijd het beste", "best"),
        ("ons best doen", "best"),
        ("zo snel mogelijk", "asap"),
        ("zsm", "asap"),
        ("waar mogelijk", "where_possible"),
        ("altijd als het kan", "where_possible"),
        ("optimaal helpen", "quality_word"),
        ("meedenken", "think_along"),
        ("empathisch reageren", "attitude"),
        ("communiceren", "communicate"),
    ],
)
def test_vague_wording_is_found_with_its_suggestion(text, code):
    assert code in [c for _p, c in vague_phrases(text)]
    assert code in SUGGESTIONS


def test_the_issue_examples_are_each_flagged_where_they_are_written():
    result = check(
        "de klant", "klantgericht zijn en proactief", "altijd het beste", "zo snel mogelijk"
    )
    found = {(f.element, f.code) for f in result.findings}
    assert ("action", "customer_focused") in found
    assert ("action", "proactive") in found
    assert ("context", "best") in found
    assert ("time", "asap") in found
    assert not result.ok


def test_a_missing_element_is_asked_for():
    result = check("", "bel ik", "bij elke klacht", "")
    assert {(f.element, f.code) for f in result.findings} == {
        ("target", "missing"),
        ("time", "missing"),
    }


def test_a_time_without_a_moment_or_term_is_flagged():
    result = check("de huurder", "bel ik", "na elke reparatie", "regelmatig")
    assert [(f.element, f.code) for f in result.findings] == [("time", "vague_time")]
    assert check("de huurder", "bel ik", "na elke reparatie", "de dag erna").ok


def test_concrete_words_that_look_like_vague_ones_are_not_flagged():
    # "goed" is vague, but "goedkeuring" is a concrete noun.
    assert vague_phrases("vraag ik goedkeuring aan de opzichter") == []


def test_the_behaviour_reads_as_one_sentence():
    assert sentence("de klant", "bel ik", "Bij elke klacht", "binnen een werkdag terug") == (
        "Bij elke klacht bel ik de klant binnen een werkdag terug."
    )
    assert sentence("", "", "", "") == ""


def test_findings_come_with_a_translated_suggestion():
    rows = explain(check("de klant", "proactief bellen", "bij klachten", "morgen").findings)
    assert rows[0]["element"] == "action"
    assert "voordat de klant erom vraagt" in str(rows[0]["suggestion"]) or rows[0]["suggestion"]
