"""The maturity phase rule: hand cases, monotonicity and determinism."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantcultuur.scan.scoring import PHASES, maturity_phase, phase_of_score

COMPONENTS = ("VIS", "LEI", "HRM", "STU")


def phase(*means: float) -> tuple[int, int, bool]:
    result = maturity_phase(np.array([means]), COMPONENTS)
    return int(result.phase[0]), int(result.holding_back[0]), bool(result.capped[0])


@pytest.mark.parametrize(
    ("score", "expected"),
    [(1.0, 1), (2.49, 1), (2.5, 2), (2.99, 2), (3.0, 3), (3.5, 4), (3.99, 4), (4.0, 5), (5.0, 5)],
)
def test_a_mean_falls_in_the_phase_whose_lower_bound_it_reaches(score, expected):
    assert phase_of_score(score) == expected


@pytest.mark.parametrize(
    ("means", "expected_phase", "weakest", "capped"),
    [
        # Mean 4.15, weakest 4.0 (phase 5): transformeren, nothing holds it back.
        ((4.2, 4.1, 4.3, 4.0), 5, 3, False),
        # Mean 4.1 would be phase 5, but team steering at 2.9 (phase 2) caps it at 3.
        ((4.5, 4.5, 4.5, 2.9), 3, 3, True),
        # Mean 3.2 (phase 3); weakest 2.6 (phase 2) allows up to 3: not capped.
        ((3.5, 3.4, 2.6, 3.3), 3, 2, False),
        # Everything low: negeren.
        ((2.0, 2.4, 2.2, 2.1), 1, 0, False),
        # Ties for the weakest go to the first component in order.
        ((3.0, 3.0, 3.6, 3.6), 3, 0, False),
        # Means are judged as shown with two decimals: 3.496 shows as 3.50.
        ((3.496, 3.5, 3.5, 3.5), 4, 0, False),
    ],
)
def test_hand_cases_of_the_phase_rule(means, expected_phase, weakest, capped):
    assert phase(*means) == (expected_phase, weakest, capped)


def test_a_missing_component_leaves_the_phase_unknown():
    result = maturity_phase(np.array([[4.0, np.nan, 4.0, 4.0]]), COMPONENTS)
    assert result.phase[0] == 0 and result.holding_back[0] == -1 and result.name(0) is None


def test_phase_names_run_from_negeren_to_transformeren():
    assert PHASES[0] == "negeren" and PHASES[-1] == "transformeren" and len(PHASES) == 5
    assert maturity_phase(np.array([[4.5] * 4]), COMPONENTS).name(0) == "transformeren"


means = st.floats(min_value=1.0, max_value=5.0, allow_nan=False)


@given(st.lists(means, min_size=4, max_size=4), st.integers(0, 3), st.floats(0.0, 4.0))
def test_raising_any_component_never_lowers_the_phase(values, which, raise_by):
    before = phase(*values)[0]
    raised = list(values)
    raised[which] = min(5.0, raised[which] + raise_by)
    assert phase(*raised)[0] >= before


@given(st.lists(st.lists(means, min_size=4, max_size=4), min_size=1, max_size=20))
def test_the_phase_rule_is_deterministic_and_unit_independent(rows):
    together = maturity_phase(np.array(rows), COMPONENTS)
    again = maturity_phase(np.array(rows), COMPONENTS)
    np.testing.assert_array_equal(together.phase, again.phase)
    alone = [phase(*row)[0] for row in rows]
    assert together.phase.tolist() == alone


@given(st.lists(means, min_size=4, max_size=4))
def test_the_phase_is_at_most_one_above_the_weakest_components_own_phase(values):
    p, weakest, _ = phase(*values)
    assert p <= phase_of_score(round(min(values), 2)) + 1
    assert round(values[weakest], 2) == round(min(values), 2)
