"""KPI readings from feedback counts and values, targets, trends, sparklines, numbers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from klantcultuur.feedback.metrics import Counts
from klantcultuur.huddle.steering import evaluation, pdca, stories
from klantcultuur.huddle.steering.charts import sparkline
from klantcultuur.huddle.steering.numbers import parse_decimal


def test_a_reading_uses_the_feedback_formulas():
    counts = Counts(records=10, nps_promoters=6, nps_passives=2, nps_detractors=2)
    reading = evaluation.reading_from_counts("nps", counts, min_group_size=5)
    assert (reading.value, reading.n, reading.hidden) == (40.0, 10, False)
    assert reading.value == counts.nps().value


def test_a_figure_over_too_few_answers_is_hidden_not_zero():
    counts = Counts(records=3, csat_n=3, csat_top2=3)
    reading = evaluation.reading_from_counts("csat", counts, min_group_size=5)
    assert (reading.value, reading.hidden, reading.has_value) == (None, True, False)


def test_the_share_of_compliments_counts_sentences_and_hides_on_comments():
    counts = Counts(records=8, compliments=6, improvements=2, with_comment=6)
    assert evaluation.reading_from_counts("compliments", counts, 5).value == 75.0
    assert evaluation.reading_from_counts("compliments", counts, 7).hidden


def test_status_depends_on_the_direction():
    assert evaluation.status(82, Decimal(80), higher=True) == "on"
    assert evaluation.status(78, Decimal(80), higher=True) == "off"
    assert evaluation.status(4.5, 5, higher=False) == "on"
    assert evaluation.status(5.5, 5, higher=False) == "off"
    assert evaluation.status(None, 5, higher=False) == ""
    assert evaluation.status(5, None, higher=False) == ""


def test_trailing_buckets_sum_whole_weeks_ending_on_the_last_day():
    daily = [(date(2025, 11, d), Counts(records=1, nps_promoters=1)) for d in range(1, 17)]
    buckets = evaluation.trailing_buckets(daily, date(2025, 11, 16), buckets=3, size=7)
    assert [b.records for b in buckets] == [2, 7, 7]  # 27 Oct to 2 Nov holds 1 and 2 November


def test_the_latest_value_in_a_window():
    values = [(date(2025, 11, 13), Decimal(7)), (date(2025, 11, 14), Decimal(8))]
    assert evaluation.latest_value(values, date(2025, 11, 14), date(2025, 11, 16)) == (
        date(2025, 11, 14),
        Decimal(8),
    )
    assert evaluation.latest_value(values, date(2025, 11, 15), date(2025, 11, 16)) is None


def test_the_sparkline_has_no_inline_style_marks_gaps_and_escapes_its_label():
    svg = sparkline([1, 2, None, 4], label='NPS <"trend">', target=3, last_status="on")
    assert "style" not in svg
    assert 'role="img"' in svg and "&lt;&quot;trend&quot;&gt;" in svg
    assert svg.count("<polyline") == 1  # the gap splits the line; a lone point is a dot
    assert svg.count("<circle") == 3
    assert 'fill="#1d6b35"' in svg  # the last point is on target
    assert "stroke-dasharray" in sparkline([], label="leeg")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7,5", "7.5"), ("7.5", "7.5"), ("85%", "85"), ("1.234,5", "1234.5"), ("1,234.5", "1234.5"),
     ("-2", "-2"), (" 12 ", "12"), ("0.125", "0.125"), ("1.234.567", "1234567"), ("1 234,5", "1234.5"), ("85 %", "85")],
)  # fmt: skip
def test_numbers_as_typed_on_a_dutch_tablet(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "7,5,1", "1.23.4", "--1", "7 5"])
def test_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_the_pdca_moves():
    assert pdca.allowed_moves("plan") == [pdca.Move.START, pdca.Move.STOP]
    assert pdca.next_state("check", "act") == "act"
    assert pdca.next_state("act", "new_cycle") == "closed"
    with pytest.raises(pdca.InvalidMove):
        pdca.next_state("plan", "check")
    with pytest.raises(pdca.InvalidMove):
        pdca.next_state("closed", "stop")
    with pytest.raises(pdca.InvalidMove):
        pdca.next_state("plan", "jump")


def test_the_suggested_story_is_a_top_score_with_the_most_compliments():
    moment = datetime(2025, 11, 14, 9)
    found = stories.suggest(
        [
            stories.Candidate("passive", "nps", 8, ["Fijn.", "Snel."], moment),
            stories.Candidate("short", "nps", 10, ["Top!"], moment),
            stories.Candidate("story", "nps", 9, ["Ze belde zelf terug.", "Heel fijn."], moment),
            stories.Candidate("none", "nps", 10, [], moment),
        ]
    )
    assert found == "story"
    assert stories.suggest([stories.Candidate("none", "nps", 10, [], moment)]) is None
