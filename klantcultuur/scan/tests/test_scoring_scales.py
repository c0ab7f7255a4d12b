"""Scale scores, unit statistics, roll-up through the org tree and Cronbach's alpha."""

from __future__ import annotations

import json

import numpy as np
import pytest

from klantcultuur.scan.questionnaire import get_version
from klantcultuur.scan.scoring import (
    ScoringLayout,
    UnitTree,
    build_report,
    cronbach_alpha,
    cronbach_alpha_from_cov,
    min_answered,
    response_matrix,
    strength_band,
)
from klantcultuur.scan.scoring.scales import clean_matrix, key_matrix, scale_scores

LAYOUT = ScoringLayout.from_questionnaire(get_version("1"))
COL = {code: j for j, code in enumerate(LAYOUT.item_codes)}
SCALE = {code: s for s, code in enumerate(LAYOUT.scale_codes)}
EMPLOYEE, MANAGER = 0, 1


def answers(*rows: dict[str, int]) -> np.ndarray:
    """A response matrix with the given answers and everything else missing."""
    return response_matrix(rows, LAYOUT)


def scores_of(matrix: np.ndarray, roles: list[int] | None = None) -> np.ndarray:
    roles_arr = np.array(roles if roles is not None else [EMPLOYEE] * len(matrix))
    return scale_scores(key_matrix(clean_matrix(matrix, LAYOUT), roles_arr, LAYOUT), LAYOUT)[0]


def vis(*values: int) -> dict[str, int]:
    return {f"VIS{i}": v for i, v in enumerate(values, 1) if v}


def test_a_reverse_keyed_item_counts_as_six_minus_the_answer():
    # VIS5 ("vooral een tekst op papier") is reverse keyed: 2 -> 4 and 5 -> 1.
    scores = scores_of(answers(vis(4, 4, 4, 4, 2), vis(4, 4, 4, 4, 5)))
    assert scores[:, SCALE["VIS"]] == pytest.approx([4.0, 3.4])


@pytest.mark.parametrize(("items", "needed"), [(3, 2), (4, 3), (5, 4), (6, 4), (7, 5), (8, 6)])
def test_two_thirds_of_a_scales_items_rounded_up_must_be_answered(items, needed):
    assert min_answered(items) == needed


def test_a_scale_score_needs_two_thirds_of_the_items_and_dont_know_counts_as_missing():
    four_of_five = vis(5, 4, 0, 3, 2)  # 0 = "weet ik niet"
    three_of_five = vis(5, 0, 0, 3, 2)
    scores = scores_of(answers(four_of_five, three_of_five))
    assert scores[0, SCALE["VIS"]] == pytest.approx((5 + 4 + 3 + 4) / 4)
    assert np.isnan(scores[1, SCALE["VIS"]])


def test_a_nan_float_matrix_scores_like_the_integer_matrix_with_zero_for_missing():
    ints = answers(vis(5, 4, 0, 3, 2), vis(1, 2, 3, 0, 0))
    floats = np.where(ints == 0, np.nan, ints.astype(float))
    np.testing.assert_array_equal(scores_of(ints), scores_of(floats))


def test_answers_to_items_not_offered_to_the_role_are_ignored():
    # VBZ (self-view) is for managers only: an employee's answers there yield no score.
    row = {f"VBZ{i}": 5 for i in range(1, 8)}
    scores = scores_of(answers(row, row), roles=[EMPLOYEE, MANAGER])
    assert np.isnan(scores[0, SCALE["VBZ"]])
    assert scores[1, SCALE["VBZ"]] == pytest.approx((5 * 6 + 1) / 7)  # VBZ7 is reverse keyed


def test_answers_above_the_scale_maximum_are_refused():
    bad = answers(vis(6, 4, 4, 4, 4))
    with pytest.raises(ValueError, match="VIS1"):
        build_report(bad, LAYOUT, np.array([0]), np.array([0]), UnitTree.from_indices([-1]))


def uniform(value: int) -> dict[str, int]:
    """Every likert item answered with ``value`` (reverse items too, so the mean stays value)."""
    return {
        code: (6 - value if reverse else value)
        for code, reverse, likert in zip(
            LAYOUT.item_codes, LAYOUT.reverse, LAYOUT.likert, strict=True
        )
        if likert
    }


def test_unit_mean_and_sd_and_the_rollup_match_a_hand_computation():
    # Organisation 0 -> department 1 -> teams 2 and 3; the department head sits in unit 1.
    tree = UnitTree.from_indices([-1, 0, 1, 1], keys=["org", "dep", "t1", "t2"])
    matrix = answers(uniform(5), uniform(4), uniform(3), uniform(2), uniform(4), uniform(1))
    units = np.array([2, 2, 2, 3, 3, 1])
    roles = np.array([EMPLOYEE] * 5 + [MANAGER])
    report = build_report(matrix, LAYOUT, units, roles, tree)
    u, s = report.units, SCALE["VIS"]
    # Team 1: 5, 4, 3 -> mean 4, SD 1. Team 2: 2, 4 -> mean 3, SD sqrt(2).
    assert (u.scale_n[2, 0, s], u.scale_mean[2, 0, s], u.scale_sd[2, 0, s]) == pytest.approx(
        (3, 4, 1)
    )
    assert (u.scale_mean[3, 0, s], u.scale_sd[3, 0, s]) == pytest.approx((3, np.sqrt(2)))
    # Department: 5, 4, 3, 2, 4, 1 -> mean 19/6; squares 71 -> var (71 - 19^2/6) / 5.
    assert u.scale_n[1, 0, s] == 6
    assert u.scale_mean[1, 0, s] == pytest.approx(19 / 6)
    assert u.scale_sd[1, 0, s] == pytest.approx(np.sqrt((71 - 19**2 / 6) / 5))
    # Role slices: the department head is the only manager.
    assert u.scale_mean[1, 2, s] == pytest.approx(1.0) and u.scale_n[1, 1, s] == 5
    assert u.direct_n.tolist() == [[0, 0], [0, 1], [3, 0], [2, 0]]
    assert u.n[0].tolist() == [6, 5, 1]


def test_culture_strength_rwg_matches_a_hand_computation():
    # Two respondents answering 3 and 4 on all three intention items: each item variance 0.5,
    # so v / sigma_EU^2 = 0.25 and r_wg(3) = 3 * 0.75 / (3 * 0.75 + 0.25) = 0.9.
    tree = UnitTree.from_indices([-1])
    matrix = answers({"INT1": 3, "INT2": 3, "INT3": 3}, {"INT1": 4, "INT2": 4, "INT3": 4})
    report = build_report(matrix, LAYOUT, np.zeros(2, int), np.zeros(2, int), tree)
    assert report.units.scale_strength[0, 0, SCALE["INT"]] == pytest.approx(0.9)
    assert strength_band(0.9) == "strong"


def test_culture_strength_is_zero_when_answers_spread_more_than_at_random():
    tree = UnitTree.from_indices([-1])
    matrix = answers(*({"INT1": v, "INT2": v, "INT3": 6 - v} for v in (1, 2, 3, 4, 5)))
    report = build_report(matrix, LAYOUT, np.zeros(5, int), np.zeros(5, int), tree)
    # Item variance 2.5 exceeds the uniform null's 2.
    assert report.units.scale_strength[0, 0, SCALE["INT"]] == 0.0


def random_org(seed: int, n: int = 400):
    rng = np.random.default_rng(seed)
    parent = [-1, 0, 0, 1, 1, 2, 2, 2]
    tree = UnitTree.from_indices(parent, keys=[f"u{u}" for u in range(len(parent))])
    latent = rng.normal(3.4, 0.7, size=(n, 1))
    matrix = np.clip(np.rint(latent + rng.normal(0, 0.8, size=(n, len(LAYOUT.item_codes)))), 1, 5)
    matrix[:, LAYOUT.reverse] = 6 - matrix[:, LAYOUT.reverse]
    matrix[rng.random(matrix.shape) < 0.12] = 0
    matrix[:, LAYOUT.approach_column] = rng.integers(0, 5, n)
    return (
        tree,
        matrix.astype(np.int8),
        rng.integers(0, len(parent), n),
        (rng.random(n) < 0.2).astype(int),
    )


def subtree(tree: UnitTree, u: int) -> set[int]:
    members, frontier = {u}, [u]
    while frontier:
        children = tree.children(frontier.pop()).tolist()
        members.update(children)
        frontier.extend(children)
    return members


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # nanmean of a slice without scores
def test_every_rolled_up_unit_equals_a_recomputation_from_its_raw_respondents():
    tree, matrix, units, roles = random_org(7)
    report = build_report(matrix, LAYOUT, units, roles, tree)
    scores = scores_of(matrix, roles.tolist())
    for u in range(tree.size):
        inside = np.isin(units, list(subtree(tree, u)))
        for slice_index, mask in enumerate([inside, inside & (roles == 0), inside & (roles == 1)]):
            block = scores[mask]
            n = np.sum(np.isfinite(block), axis=0)
            np.testing.assert_array_equal(report.units.scale_n[u, slice_index], n)
            np.testing.assert_allclose(
                report.units.scale_mean[u, slice_index], np.nanmean(block, axis=0), rtol=1e-12
            )
            np.testing.assert_allclose(
                report.units.scale_sd[u, slice_index], np.nanstd(block, axis=0, ddof=1), rtol=1e-9
            )


def test_the_report_is_deterministic_and_serialises_to_json():
    tree, matrix, units, roles = random_org(3)
    first = build_report(matrix, LAYOUT, units, roles, tree).to_dict()
    second = build_report(matrix, LAYOUT, units, roles, tree).to_dict()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert first["alpha"]["VIS"]["n"] > 0


# Cronbach's alpha ---------------------------------------------------------------------

# Published example: the documentation of StatsBase.jl's ``cronbachalpha`` (a covariance
# matrix of four items) gives alpha 0.8136. By hand: item variances 10+11+12+13 = 46, all
# twelve covariances 6, total variance 46 + 72 = 118, alpha = 4/3 * (1 - 46/118) = 96/118.
STATSBASE_COV = np.array([[10, 6, 6, 6], [6, 11, 6, 6], [6, 6, 12, 6], [6, 6, 6, 13]])


def test_alpha_from_a_covariance_matrix_matches_the_published_statsbase_example():
    assert cronbach_alpha_from_cov(STATSBASE_COV) == pytest.approx(96 / 118)
    assert round(cronbach_alpha_from_cov(STATSBASE_COV), 4) == 0.8136


def test_alpha_from_raw_data_with_the_published_covariance_is_the_same():
    # Build raw scores whose sample covariance is exactly the published matrix.
    z = np.random.default_rng(0).normal(size=(40, 4))
    z -= z.mean(axis=0)
    white = z @ np.linalg.inv(np.linalg.cholesky(np.cov(z, rowvar=False)).T)
    raw = 10 + white @ np.linalg.cholesky(STATSBASE_COV).T
    alpha, n = cronbach_alpha(raw)
    assert alpha == pytest.approx(96 / 118) and n == 40


def test_alpha_of_a_small_data_set_matches_a_hand_computation():
    # Items A, B, C for five respondents. Item variances 0.7, 0.8, 0.7 (sum 2.2); sum scores
    # 10, 9, 13, 8, 12 have variance 4.3; alpha = 3/2 * (1 - 2.2/4.3) = 3.15/4.3.
    data = np.array([[3, 4, 3], [2, 3, 4], [4, 4, 5], [3, 2, 3], [4, 4, 4]])
    assert cronbach_alpha(data)[0] == pytest.approx(3.15 / 4.3)


def test_alpha_uses_only_respondents_who_answered_every_item():
    data = np.array([[3, 4, 3], [2, 3, 4], [4, 4, 5], [3, 2, 3], [4, 4, 4], [1, 0, 5]])
    assert cronbach_alpha(data) == pytest.approx((3.15 / 4.3, 5))


def test_alpha_per_scale_in_the_report_is_computed_after_reverse_keying():
    tree, matrix, units, roles = random_org(11)
    report = build_report(matrix, LAYOUT, units, roles, tree)
    columns = [COL[f"VIS{i}"] for i in range(1, 6)]
    keyed = matrix[:, columns].astype(float)
    keyed[:, 4] = np.where(keyed[:, 4] > 0, 6 - keyed[:, 4], 0)
    expected, n = cronbach_alpha(keyed)
    assert report.alpha[SCALE["VIS"]] == pytest.approx(expected)
    assert report.alpha_n[SCALE["VIS"]] == n
    assert expected > 0.6  # the synthetic items share one latent score


def test_an_organisations_own_scale_is_scored_like_the_standard_ones():
    from klantcultuur.scan.questionnaire import customise

    texts = [{"nl": f"Vraag {i}", "en": f"Question {i}"} for i in range(1, 4)]
    custom = customise(
        get_version("1"),
        "acme-v1",
        scales=[{"code": "XDIG", "name": {"nl": "Digitaal", "en": "Digital"}}],
        items=[
            {"code": f"XDIG{i}", "section": "hrm", "scale": "XDIG", "text": t, "reverse": i == 3}
            for i, t in enumerate(texts, 1)
        ],
    )
    layout = ScoringLayout.from_questionnaire(custom)
    matrix = response_matrix(
        [{"XDIG1": 5, "XDIG2": 4, "XDIG3": 2}, {"XDIG1": 3, "XDIG2": 3}], layout
    )
    report = build_report(
        matrix, layout, np.zeros(2, int), np.zeros(2, int), UnitTree.from_indices([-1])
    )
    s = layout.scale_codes.index("XDIG")
    # (5 + 4 + 4) / 3 and (3 + 3) / 2: the reverse-keyed third item turns 2 into 4.
    assert report.units.scale_mean[0, 0, s] == pytest.approx((13 / 3 + 3) / 2)
