"""The keyword theme taxonomy of open answers."""

from __future__ import annotations

from klantcultuur.scan.themes import OTHER, THEMES, group_by_theme, themes_of


def test_an_answer_gets_every_theme_it_talks_about():
    assert themes_of("De werkdruk is hoog en de huurder merkt dat") == (
        "klant_centraal",
        "werkdruk",
    )


def test_words_match_by_stem_or_whole_word_only():
    assert themes_of("Betere samenwerking tussen afdelingen") == ("samenwerking",)
    assert themes_of("We overleggen regelmatig") == (OTHER,)  # "regel" is a whole word only
    assert themes_of("Te veel regels") == ("regels_systemen",)


def test_accents_and_capitals_do_not_matter():
    assert themes_of("CLIËNTEN staan voorop") == ("klant_centraal",)


def test_english_answers_are_recognised_too():
    assert themes_of("More trust from management") == ("leiderschap", "ruimte")


def test_an_answer_without_a_known_word_is_other():
    assert themes_of("Geen idee eigenlijk") == (OTHER,)


def test_groups_come_largest_first_with_other_last_and_answers_in_alphabetical_order():
    grouped = group_by_theme(
        [
            "Zo weinig tijd",
            "Andere planning",
            "Altijd haast",
            "Meer waardering",
            "Iets anders",
        ]
    )
    assert grouped == [
        ("werkdruk", ["Altijd haast", "Zo weinig tijd"]),
        ("waardering", ["Meer waardering"]),
        (OTHER, ["Andere planning", "Iets anders"]),
    ]


def test_empty_answers_are_left_out_and_whitespace_is_tidied():
    assert group_by_theme(["  ", "Meer\n waardering "]) == [("waardering", ["Meer waardering"])]


def test_the_taxonomy_has_the_themes_culture_answers_keep_finding():
    assert set(THEMES) >= {
        "klant_centraal",
        "samenwerking",
        "leiderschap",
        "werkdruk",
        "regels_systemen",
        "waardering",
        OTHER,
    }
