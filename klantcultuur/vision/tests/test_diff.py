"""The readable difference between two versions."""

from __future__ import annotations

from klantcultuur.vision.scoring.diff import changed, diff_paragraphs, diff_text


def _render(rows):
    out = []
    for row in rows:
        text = "".join(
            f"[+{s.text}]"
            if s.kind == "added"
            else f"[-{s.text}]"
            if s.kind == "removed"
            else s.text
            for s in row.segments
        )
        out.append((row.kind, text))
    return out


def test_a_changed_sentence_shows_the_words_struck_and_added_inside_it():
    rows = diff_text(
        "Ze doen wat ze zeggen en ze denken met me mee.", "Ze doen wat ze zeggen en ze regelen het."
    )
    assert _render(rows) == [
        ("changed", "Ze doen wat ze zeggen en ze [-denken met me mee.][+regelen het.]")
    ]


def test_added_and_removed_paragraphs_are_whole_rows():
    rows = diff_text("Eén.\n\nTwee.", "Eén.\n\nDrie is helemaal nieuw hier.\n\nTwee.")
    assert _render(rows) == [
        ("same", "Eén."),
        ("added", "[+Drie is helemaal nieuw hier.]"),
        ("same", "Twee."),
    ]
    assert _render(diff_text("A.\n\nB.", "A.")) == [("same", "A."), ("removed", "[-B.]")]


def test_a_rewritten_promise_is_removed_and_added_rather_than_word_soup():
    rows = diff_paragraphs(["We denken met u mee"], ["We geven een helder antwoord in gewone taal"])
    assert [r.kind for r in rows] == ["removed", "added"]


def test_unchanged_texts_have_no_change():
    assert not changed(diff_text("Zelfde tekst.", "Zelfde   tekst."))
    assert changed(diff_text("a", "b"))
