"""Guessing a file's columns: whole words, and never a customer's words from codes."""

from __future__ import annotations

from klantcultuur.feedback.importing import presets


def test_tip_inside_multiple_and_ten_as_a_question_number_are_no_suggestion():
    headers = ["Datum", "Q1", "Q10", "Q11"]
    questions = [
        "Datum",
        "This is a multiple choice question.",
        "10 - Which operating systems do you use?",
        "Date of 10 March visit",
    ]
    samples = [
        ["2025-01-02"],
        ["multiple answers given here"],
        ["Windows 10 and Linux"],
        ["10 March"],
    ]
    guess = presets.guess_columns("qualtrics", headers, questions, samples)
    assert "suggestion" not in guess.columns


def test_a_free_text_field_is_never_guessed_from_codes_yes_no_or_numbers():
    headers = ["Datum", "Wat zou er een 10 van maken?", "Toelichting", "Verbeterpunt"]
    samples = [["2025-01-02", "2025-01-03"], ["1", "5"], ["Yes", "No"], ["A1", "B2"]]
    guess = presets.guess_columns("generic", headers, None, samples)
    assert "suggestion" not in guess.columns and "reason" not in guess.columns
    assert any("Wat zou er een 10 van maken?" in note for note in guess.notes)


def test_a_free_text_column_with_a_stray_code_is_still_guessed():
    headers = ["Datum", "Wat zou er een 10 van maken?"]
    samples = [["2025-01-02"] * 3, ["Sneller terugbellen", "n.v.t.", "Een vaste contactpersoon"]]
    guess = presets.guess_columns("generic", headers, None, samples)
    assert guess.columns["suggestion"] == "Wat zou er een 10 van maken?"


def test_consent_is_only_guessed_from_yes_no_answers():
    headers = ["Datum", "Contactgegevens", "Mogen wij contact met u opnemen?"]
    samples = [["2025-01-02"] * 2, ["Jan, 06-12345678", "Piet, piet@example.nl"], ["Ja", "Nee"]]
    guess = presets.guess_columns("generic", headers, None, samples)
    assert guess.columns["contact_consent"] == "Mogen wij contact met u opnemen?"


def test_an_empty_column_is_not_guessed_and_the_note_says_so():
    guess = presets.guess_columns("generic", ["Datum", "Toelichting"], None, [["2025-01-02"], [""]])
    assert "reason" not in guess.columns
    assert guess.notes


def test_labelled_answers_read_as_their_code():
    assert presets.label_value("Somewhat agree (5)") == "5"
    assert presets.label_value("Yes (Y)") == "Y"
    assert presets.label_value("10 - Extremely likely") == "10"
    assert presets.label_value("Gewoon een zin") == "Gewoon een zin"


def test_month_first_dates_are_found_from_a_day_above_twelve():
    assert presets.date_order("generic", ["3/15/2025 9:30:45"]) == "mdy"
    assert presets.date_order("generic", ["15/3/2025 9:30:45"]) == "dmy"
    assert presets.date_order("googleforms", ["3/4/2025 14:02:11"]) == "mdy"
    assert presets.date_order("generic", ["3/4/2025 14:02:11"]) == "dmy"
    assert presets.month_first("4/14/2025 01:09:47 PM") == "2025-04-14 13:09:47"
    assert presets.month_first("4/14/2025 12:05:00 AM") == "2025-04-14 00:05:00"


def test_two_digit_years_as_excel_saves_a_us_export_again_are_read_month_first():
    # SurveyMonkey's CSV opened and saved again in a US Excel: "8/22/22 15:44".
    assert presets.date_order("surveymonkey", ["8/22/22 15:44", "8/25/22 15:47"]) == "mdy"
    assert presets.date_order("generic", ["8/22/22 15:44"]) == "mdy"
    assert presets.date_order("generic", ["22/8/22 15:44"]) == "dmy"
    assert presets.month_first("8/24/22 9:51") == "2022-08-24 09:51:00"
    assert presets.month_first("12/31/99 23:59") == "1999-12-31 23:59:00"


def test_repeated_column_names_get_a_number_and_nameless_columns_stay_nameless():
    headers = ["#", "Other", "None", "Other", "", "", "Other"]
    assert presets.final_headers("typeform", headers, []) == [
        "#",
        "Other",
        "None",
        "Other (2)",
        "",
        "",
        "Other (3)",
    ]


def test_limesurvey_timing_columns_are_never_guessed_as_a_score():
    headers = ["id", "submitdate", "interviewtime", "groupTime13907", "NPSTime", "NPS"]
    samples = [["1"], ["2025-01-02 10:00:00"], ["312.5"], ["40"], ["12"], ["9"]]
    guess = presets.guess_columns("limesurvey", headers, None, samples)
    assert guess.columns["score"] == "NPS"
    texts = [
        "Response ID",
        "Date submitted",
        "Total time",
        "Group time: Satisfaction",
        "Question time: How satisfied are you?",
    ]
    samples = [["1"], ["2025-01-02 10:00:00"], ["312.5"], ["40"], ["12"]]
    assert "score" not in presets.guess_columns("limesurvey", texts, None, samples).columns


def test_qualtrics_statuses_that_are_no_answers_are_skipped():
    for status in ("1", "2", "Survey Preview", "Survey Test", "8", "Spam"):
        assert presets.skip_reason("qualtrics", {"status": status})
    for status in ("0", "IP Address", "4", "Imported", "16"):
        assert presets.skip_reason("qualtrics", {"status": status, "finished": "1"}) is None
    assert presets.skip_reason("qualtrics", {"status": "0", "finished": "0"})
    assert presets.skip_reason("qualtrics", {"status": "0", "finished": "False"})
