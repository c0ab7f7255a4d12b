"""Example-behaviour gap, 20/60/20 stance, approach, preconditions, waves and the benchmark."""

from __future__ import annotations

import numpy as np
import pytest

from klantcultuur.scan.questionnaire import get_version
from klantcultuur.scan.scoring import (
    OrgSummary,
    ScoringLayout,
    UnitTree,
    build_report,
    classify_stance,
    compare_waves,
    response_matrix,
    sector_benchmark,
    t_quantile,
)
from klantcultuur.scan.scoring.approach import precondition_status

LAYOUT = ScoringLayout.from_questionnaire(get_version("1"))
SCALE = {code: s for s, code in enumerate(LAYOUT.scale_codes)}
EMPLOYEE, MANAGER = 0, 1
FLAT = UnitTree.from_indices([-1])


def report_of(rows, roles, units=None, tree=FLAT, **kwargs):
    matrix = response_matrix(rows, LAYOUT)
    units = np.zeros(len(rows), int) if units is None else np.array(units)
    return build_report(matrix, LAYOUT, units, np.array(roles), tree, **kwargs)


# Example-behaviour gap ------------------------------------------------------------------


def test_the_gap_compares_managers_self_view_with_their_employees_view():
    rows = [{"VBZ1": 5}, {"VBZ1": 4}, {"VBM1": 5}, {"VBM1": 3}, {"VBM1": 2}]
    gap = report_of(rows, [MANAGER, MANAGER, EMPLOYEE, EMPLOYEE, EMPLOYEE]).gap
    b = gap.behaviours.index("B1")
    assert gap.self_mean[0, b] == pytest.approx(4.5)
    assert gap.self_always[0, b] == pytest.approx(0.5)
    assert gap.self_almost[0, b] == pytest.approx(0.5)
    assert gap.seen_mean[0, b] == pytest.approx(10 / 3)
    assert gap.seen_recognise[0, b] == pytest.approx(1 / 3)
    assert gap.gap[0, b] == pytest.approx(4.5 - 10 / 3)
    assert (gap.self_n[0, b], gap.seen_n[0, b]) == (2, 3)


def test_for_the_undesired_habit_never_counts_as_always_the_right_way_round():
    # B7: "In de dagstart praat ik vooral over productiecijfers" is reverse keyed.
    gap = report_of([{"VBZ7": 1}, {"VBM7": 2}], [MANAGER, EMPLOYEE]).gap
    b = gap.behaviours.index("B7")
    assert gap.self_always[0, b] == 1.0 and gap.seen_recognise[0, b] == 1.0


def test_an_employee_answering_the_self_view_is_not_counted_as_a_manager():
    gap = report_of([{"VBZ1": 5}, {"VBM1": 1}], [EMPLOYEE, MANAGER]).gap
    assert gap.self_n[0, 0] == 0 and gap.seen_n[0, 0] == 0
    assert np.isnan(gap.self_mean[0, 0])


def test_the_gap_carries_the_monitors_reference_figures():
    gap = report_of([{"VBZ1": 5}], [MANAGER]).gap
    assert gap.reference == {
        "managers_always": 0.50,
        "managers_almost_always": 0.33,
        "organisations_strong_example": 0.20,
    }


# Pullers, riders, resisters ---------------------------------------------------------------


def test_stance_cut_offs_are_four_for_pullers_and_two_and_a_half_for_resisters():
    scores = np.array([5.0, 4.0, 3.99, 2.6, 2.5, 1.0, np.nan])
    assert classify_stance(scores).tolist() == [0, 0, 1, 1, 2, 2, 3]


def stance_row(score: int) -> dict[str, int]:
    # VER3-5 are reverse keyed: answering 6 - score there gives a stance score of ``score``.
    return {"VER1": score, "VER2": score, "VER3": 6 - score, "VER4": 6 - score, "VER5": 6 - score}


def test_stance_shares_per_unit_are_counted_against_the_20_60_20_reference():
    rows = [stance_row(5), stance_row(3), stance_row(3), stance_row(3), stance_row(1), {}]
    stance = report_of(rows, [EMPLOYEE] * 6).stance
    assert stance.counts[0, 0].tolist() == [1, 3, 1]
    assert stance.unclassified[0, 0] == 1
    assert stance.shares[0, 0] == pytest.approx([0.2, 0.6, 0.2])
    assert stance.reference == (0.2, 0.6, 0.2)


# Approach and preconditions ---------------------------------------------------------------


def test_the_approach_is_the_most_chosen_option_and_a_tie_goes_to_the_less_advanced():
    rows = [{"AAN1": 3}, {"AAN1": 3}, {"AAN1": 2}, {"AAN1": 2}, {"AAN1": 0}]
    approach = report_of(rows, [EMPLOYEE] * 5).approach
    assert approach.approach[0] == "specialisten"
    assert approach.counts[0, 0].tolist() == [0, 2, 2, 0]
    assert approach.dont_know[0, 0] == 1


@pytest.mark.parametrize(
    ("mean", "status"),
    [(4.2, "met"), (3.75, "met"), (3.749, "met"), (3.74, "partly"), (3.0, "partly"), (2.99, "not")],
)
def test_precondition_cut_offs_are_three_seventy_five_and_three(mean, status):
    # 3.749 is shown as 3.75 and judged as shown.
    assert precondition_status(mean, 10) == status


def test_a_precondition_without_answers_is_unknown():
    assert precondition_status(float("nan"), 0) == "unknown"


def test_vision_carried_by_middle_management_counts_only_managers():
    vision = {f"VIS{i}": 4 for i in range(1, 5)} | {"VIS5": 2}
    low = {f"VIS{i}": 1 for i in range(1, 5)} | {"VIS5": 5}
    result = report_of([vision, low], [MANAGER, EMPLOYEE]).preconditions
    carried = next(p for p in result if p.key == "vision_carried")
    assert carried.n[0] == 1 and carried.mean[0] == pytest.approx(4.0)
    assert carried.status[0] == "met"


# Comparison with the previous wave --------------------------------------------------------


@pytest.mark.parametrize(("df", "table"), [(3, 3.182), (5, 2.571), (10, 2.228), (30, 2.042)])
def test_the_t_quantile_matches_the_table_values(df, table):
    assert float(t_quantile(0.975, df)) == pytest.approx(table, abs=0.005)


def wave(rng, n, shift=0.0):
    scores = np.clip(rng.normal(3.4 + shift, 0.7, n), 1, 5)
    return n, scores.mean(), scores.std(ddof=1)


def test_a_real_change_is_flagged_and_sampling_noise_is_not():
    rng = np.random.default_rng(42)
    before = wave(rng, 200)
    same = wave(rng, 200)
    better = wave(rng, 200, shift=0.35)
    noise = compare_waves(*(np.array([v]) for v in same + before))
    real = compare_waves(*(np.array([v]) for v in better + before))
    assert not noise.real[0] and noise.low[0] < 0 < noise.high[0]
    assert real.real[0] and real.low[0] > 0
    assert real.effect_size[0] == pytest.approx(real.change[0] / 0.7, rel=0.2)


def test_a_change_needs_at_least_two_scores_in_each_wave():
    result = compare_waves(
        np.array([1]),
        np.array([4.0]),
        np.array([np.nan]),
        np.array([50]),
        np.array([3.0]),
        np.array([0.5]),
    )
    assert not result.real[0] and np.isnan(result.change[0])


def test_the_report_compares_units_by_key_with_the_previous_wave():
    tree = UnitTree.from_indices([-1, 0], keys=["org", "team"])
    before = report_of(
        [{"INT1": 2, "INT2": 2}] * 30 + [{"INT1": 3, "INT2": 2}] * 30, [0] * 60, [1] * 60, tree
    )
    now_tree = UnitTree.from_indices([-1, 0, 0], keys=["org", "new", "team"])
    now = report_of(
        [{"INT1": 4, "INT2": 4}] * 30 + [{"INT1": 5, "INT2": 4}] * 30,
        [0] * 60,
        [2] * 60,
        now_tree,
        previous=before,
    )
    s = SCALE["INT"]
    assert now.comparison.real[2, s] and now.comparison.change[2, s] == pytest.approx(2.0)
    assert np.isnan(now.comparison.change[1, s])  # the new unit has no previous wave


# Sector benchmark ---------------------------------------------------------------------------


def org(i, sector="retail", vis=3.5):
    return OrgSummary(f"org{i}", sector, 100, {"VIS": vis}, phase=3)


def test_five_other_organisations_of_the_sector_make_an_installation_benchmark():
    own = org(0, vis=3.6)
    others = [org(i, vis=3.0 + 0.2 * i) for i in range(1, 6)] + [org(9, "government")]
    bench = sector_benchmark(own, [*others, own])
    assert bench.source == "installation" and bench.n_organisations == 5
    assert bench.scale_mean["VIS"] == pytest.approx(3.6)
    assert bench.share_below["VIS"] == pytest.approx(0.4)  # 3.2 and 3.4 are below 3.6
    assert bench.phase_shares["ontwikkelen"] == 1.0


def test_with_four_others_the_monitor_figures_are_the_reference():
    bench = sector_benchmark(org(0), [org(i) for i in range(1, 5)])
    assert bench.source == "monitor" and bench.scale_mean == {}
    assert bench.monitor["organisations_transforming"] == 0.09
    assert bench.monitor["sector_doing_well"] is True


def test_the_monitor_reference_for_government_includes_its_own_figure():
    bench = sector_benchmark(org(0, "government"), [])
    assert bench.monitor["government_managers_example"] == 0.40


def test_a_stored_report_of_the_previous_wave_serves_for_the_comparison():
    import json

    from klantcultuur.scan.scoring import WaveStats

    tree = UnitTree.from_indices([-1, 0], keys=["org", "team"])
    before = report_of(
        [{"INT1": 2, "INT2": 2}] * 30 + [{"INT1": 3, "INT2": 2}] * 30, [0] * 60, [1] * 60, tree
    )
    stored = json.loads(json.dumps(before.to_dict()))
    rows = [{"INT1": 4, "INT2": 4}] * 30 + [{"INT1": 5, "INT2": 4}] * 30
    from_json = report_of(
        rows, [0] * 60, [1] * 60, tree, previous=WaveStats.from_report_dict(stored)
    )
    from_object = report_of(rows, [0] * 60, [1] * 60, tree, previous=before)
    np.testing.assert_array_equal(from_json.comparison.low, from_object.comparison.low)
    assert from_json.comparison.real[1, SCALE["INT"]]
