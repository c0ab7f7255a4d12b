from __future__ import annotations

from datetime import date

from klantcultuur.hrm import steps


def test_the_dagstarts_count_themselves_and_cannot_be_ticked():
    assert "dagstarts" not in steps.progress(["dagstarts"], 2).done
    assert "dagstarts" in steps.progress([], 3).done
    assert steps.progress(["vision", "nonsense"], 0).count == 1


def test_a_path_is_complete_with_every_step():
    ticked = [s for s in steps.STEPS if s != "dagstarts"]
    assert not steps.progress(ticked, 2).complete
    done = steps.progress(ticked, 3)
    assert done.complete and done.percent == 100 and done.next_step is None
    assert steps.progress(["vision"], 0).next_step == "behaviours"


def test_the_document_in_force_on_a_day_is_the_latest_before_it():
    history = [
        steps.Said(date(2026, 3, 1), 2, 5, 4),
        steps.Said(date(2025, 1, 1), 1, 5, 2),
    ]
    assert steps.as_of(history, date(2024, 12, 31)) is None
    assert steps.as_of(history, date(2026, 2, 28)).rating == 2
    assert steps.as_of(history, date(2026, 3, 1)).rating == 4
    assert steps.Said(date(2026, 1, 1), 0, 0, None).coverage is None


def test_the_gap_is_hrs_rating_minus_what_employees_experience():
    assert steps.gap(5, 3.25) == 1.8
    assert steps.gap(None, 3.0) is None
    assert steps.gap(2, None) is None
