"""The questionnaire as versioned, bilingual data, and an organisation's customised copy."""

from __future__ import annotations

import copy
import json

import pytest

from klantcultuur.scan.questionnaire import (
    DONT_KNOW,
    QuestionnaireError,
    closed_item_codes,
    customise,
    fingerprint,
    form_pages,
    from_json,
    get_version,
    items_for,
    open_item_codes,
    scale_items,
    to_json,
    validate,
)


@pytest.fixture
def q():
    return get_version("1")


def test_version_one_has_roughly_seventy_closed_items_and_the_four_open_questions(q):
    assert 65 <= len(closed_item_codes(q)) <= 80
    assert open_item_codes(q) == ["OPN1", "OPN2", "OPN3", "OPN4"]


def test_every_scale_has_at_least_three_items_and_some_reverse_keyed_ones(q):
    by_code = {item["code"]: item for item in q["items"]}
    for scale, codes in scale_items(q).items():
        assert len(codes) >= 3, scale
        assert any(by_code[c]["reverse"] for c in codes), scale
        assert not all(by_code[c]["reverse"] for c in codes), scale


def test_the_required_scales_are_all_present(q):
    assert set(scale_items(q)) == {
        "VIS",
        "LEI",
        "HRM",
        "STU",
        "LUI",
        "DRA",
        "KGO",
        "VBZ",
        "VBM",
        "NRM",
        "INT",
        "GED",
        "VER",
    }
    assert q["analysis"]["components"] == ["VIS", "LEI", "HRM", "STU"]


def test_every_text_exists_in_dutch_and_english(q):
    texts = [item["text"] for item in q["items"]]
    texts += [s["title"] for s in q["sections"]] + [s["intro"] for s in q["sections"]]
    texts += [s["name"] for s in q["scales"]]
    for scale in q["response_scales"].values():
        texts += [o["label"] for o in scale["options"]] + [scale["dont_know"]["label"]]
    for text in texts:
        assert text["nl"].strip() and text["en"].strip()


def test_every_closed_question_offers_weet_ik_niet_as_value_zero(q):
    for scale in q["response_scales"].values():
        assert scale["dont_know"]["value"] == DONT_KNOW == 0
        assert scale["dont_know"]["label"]["nl"] == "weet ik niet"


def test_agreement_and_frequency_scales_are_labelled_from_one_to_five(q):
    agreement = q["response_scales"]["agreement"]["options"]
    frequency = q["response_scales"]["frequency"]["options"]
    assert [o["label"]["nl"] for o in (agreement[0], agreement[-1])] == [
        "helemaal oneens",
        "helemaal eens",
    ]
    assert [o["label"]["nl"] for o in (frequency[0], frequency[-1])] == ["nooit", "altijd"]
    assert [o["value"] for o in frequency] == [1, 2, 3, 4, 5]


def test_example_behaviours_are_asked_to_managers_and_about_managers_in_parallel(q):
    self_items = [i for i in q["items"] if i["scale"] == "VBZ"]
    seen_items = [i for i in q["items"] if i["scale"] == "VBM"]
    assert [i["behaviour"] for i in self_items] == [i["behaviour"] for i in seen_items]
    assert {i["audience"] for i in self_items} == {"managers"}
    assert {i["audience"] for i in seen_items} == {"employees"}
    assert {i["response_scale"] for i in self_items + seen_items} == {"frequency"}
    assert self_items[0]["text"]["nl"].startswith("Ik begin het teamoverleg")
    assert "Mijn leidinggevende" in seen_items[0]["text"]["nl"]


def test_managers_see_their_own_example_page_and_employees_their_managers(q):
    manager_pages = [p["key"] for p in form_pages(q, "manager")]
    employee_pages = [p["key"] for p in form_pages(q, "employee", "en")]
    assert "voorbeeld_zelf" in manager_pages and "voorbeeld_leidinggevende" not in manager_pages
    assert "voorbeeld_leidinggevende" in employee_pages and "voorbeeld_zelf" not in employee_pages
    assert len(items_for(q, "manager")) == len(items_for(q, "employee"))


def test_a_form_page_carries_translated_texts_and_the_dont_know_option(q):
    page = form_pages(q, "employee", "en")[0]
    assert page["title"] == "Our customer vision"
    first = page["items"][0]
    assert first["options"][0] == {"value": 1, "label": "strongly disagree"}
    assert first["dont_know"] == {"value": 0, "label": "don't know"}


def test_the_approach_question_offers_the_four_approaches(q):
    approach = next(i for i in q["items"] if i["code"] == "AAN1")
    options = q["response_scales"][approach["response_scale"]]["options"]
    assert [o["key"] for o in options] == ["frontoffice", "specialisten", "directie", "ecosysteem"]
    assert approach["type"] == "choice"


def test_a_version_survives_a_json_round_trip_with_the_same_fingerprint(q):
    stored = to_json(q)
    assert json.loads(stored)["version"] == "1"
    assert fingerprint(from_json(stored)) == fingerprint(q)


def test_each_call_returns_an_independent_copy(q):
    q["items"][0]["text"]["nl"] = "gewijzigd"
    assert get_version("1")["items"][0]["text"]["nl"] != "gewijzigd"


def test_an_unknown_version_is_refused():
    with pytest.raises(KeyError):
        get_version("99")


EXTRA = {
    "code": "X_TEAM1",
    "section": "sturing",
    "text": {"nl": "Ons bord hangt op een zichtbare plek.", "en": "Our board hangs visibly."},
}


def test_a_customised_copy_adds_items_after_their_section_and_keeps_the_base_intact(q):
    base_print = fingerprint(q)
    custom = customise(q, "acme-v1", items=[EXTRA])
    codes = [i["code"] for i in custom["items"]]
    assert codes[codes.index("STU7") + 1] == "X_TEAM1"
    assert custom["based_on"] == q["id"] and custom["version"] == "1"
    assert custom["items"][codes.index("X_TEAM1")]["origin"] == "custom"
    assert fingerprint(q) == base_print
    assert fingerprint(custom) != base_print


def test_a_customised_copy_can_add_its_own_scale_on_its_own_page_before_the_open_questions(q):
    texts = [{"nl": f"Vraag {n}", "en": f"Question {n}"} for n in range(3)]
    custom = customise(
        q,
        "acme-v1",
        scales=[{"code": "XDIG", "name": {"nl": "Digitaal", "en": "Digital"}}],
        sections=[{"key": "digitaal", "title": texts[0], "intro": texts[1]}],
        items=[
            {"code": f"XDIG{n}", "section": "digitaal", "scale": "XDIG", "text": t}
            for n, t in enumerate(texts, 1)
        ],
    )
    keys = [s["key"] for s in custom["sections"]]
    assert keys[-2:] == ["digitaal", "open"]
    assert scale_items(custom)["XDIG"] == ["XDIG1", "XDIG2", "XDIG3"]
    validate(custom)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "VIS1"}, "already used"),
        ({"scale": "NOPE"}, "does not exist"),
        ({"scale": "VIS"}, "breaks comparability"),
        ({"text": {"nl": "Alleen Nederlands"}}, "missing 'en' text"),
        ({"section": "nergens"}, "section 'nergens' does not exist"),
        ({"code": "lower"}, "code must match"),
    ],
)
def test_customising_refuses_an_invalid_item(q, change, message):
    with pytest.raises(QuestionnaireError, match=message):
        customise(q, "acme-v1", items=[{**EXTRA, **change}])


def test_customising_refuses_two_items_with_the_same_code(q):
    with pytest.raises(QuestionnaireError, match="already used"):
        customise(q, "acme-v1", items=[EXTRA, EXTRA])


def test_customising_allows_a_standard_scale_only_when_asked_explicitly(q):
    item = {**EXTRA, "scale": "STU"}
    custom = customise(q, "acme-v1", items=[item], allow_standard_scales=True)
    assert "X_TEAM1" in scale_items(custom)["STU"]


def test_a_custom_scale_with_fewer_than_three_items_is_refused(q):
    with pytest.raises(QuestionnaireError, match="at least 3 items"):
        customise(
            q,
            "acme-v1",
            scales=[{"code": "XDIG", "name": {"nl": "Digitaal", "en": "Digital"}}],
            items=[{**EXTRA, "scale": "XDIG"}],
        )


def test_a_copy_needs_an_id_of_its_own(q):
    with pytest.raises(QuestionnaireError, match="own id"):
        customise(q, q["id"], items=[EXTRA])


def test_validation_lists_a_scale_that_mixes_audiences(q):
    broken = copy.deepcopy(q)
    next(i for i in broken["items"] if i["code"] == "VIS1")["audience"] = "managers"
    with pytest.raises(QuestionnaireError, match="different audiences"):
        validate(broken)
