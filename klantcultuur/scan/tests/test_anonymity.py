"""Anonymity: thresholds, primary and complementary suppression, comments."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klantcultuur.scan.anonymity import (
    Policy,
    comments_visible,
    decide,
    decide_report,
    figure_decision,
)

ROLES = ("employee", "manager")


# Thresholds -----------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["min_group", "min_comments"])
@pytest.mark.parametrize("value", [2, 1, 0, -5])
def test_thresholds_below_three_are_refused(field, value):
    with pytest.raises(ValueError, match="lower than 3"):
        Policy(**{field: value})


def test_thresholds_may_be_raised_and_three_is_the_lowest_allowed():
    assert Policy(min_group=3, min_comments=3).min_group == 3
    assert Policy(min_group=8, min_comments=15).comment_threshold == 15


def test_the_defaults_are_five_for_figures_and_ten_for_comments():
    assert (Policy().min_group, Policy().comment_threshold) == (5, 10)


def test_comments_never_show_for_a_group_whose_figures_are_hidden():
    assert Policy(min_group=12, min_comments=10).comment_threshold == 12


def test_a_threshold_must_be_a_whole_number():
    with pytest.raises(TypeError):
        Policy(min_group=4.5)


# Hand cases -----------------------------------------------------------------------------


def decisions(parents, counts, **kwargs):
    keys = list(range(len(parents)))
    return decide(keys, parents, counts, **kwargs)


def test_a_group_below_five_says_so_instead_of_showing_nothing():
    d = decisions(
        [None, 0, 0], [[0, 0], [8, 1], [3, 1]], requested=[(0, None), (1, None), (2, None)]
    )
    small = d.get(2)
    assert not small.shown and small.reason == "too_few"
    assert small.message("nl") == "Minder dan 5 respondenten"
    assert small.message("en") == "Fewer than 5 respondents"
    assert small.apply(3.8) == {
        "value": None,
        "suppressed": True,
        "reason": "too_few",
        "message": "Minder dan 5 respondenten",
    }


def test_a_sibling_is_suppressed_so_the_small_team_cannot_be_subtracted_from_the_department():
    # Department 0 = team 1 (12) + team 2 (9) + team 3 (4).
    d = decisions(
        [None, 0, 0, 0], [[0, 0], [12, 0], [9, 0], [4, 0]], requested=[(u, None) for u in range(4)]
    )
    assert d.get(3).reason == "too_few"
    # The smallest shown sibling goes: 25 - 12 = 13 is fine, 4 + 9 = 13 is hidden together.
    assert d.get(2).reason == "protects_smaller_group"
    assert d.get(2).message("en") == "Suppressed to protect a smaller group"
    assert d.shown(0) and d.shown(1)


def test_respondents_attached_to_a_department_itself_form_a_protected_residual_group():
    # The department head (direct, 1 respondent) would be the department minus its two teams.
    d = decisions([None, 0, 0], [[0, 1], [6, 0], [7, 0]], requested=[(u, None) for u in range(3)])
    assert d.shown(0)
    assert [d.get(u).reason for u in (1, 2)] == ["protects_smaller_group", None]


def test_a_role_breakdown_hides_both_roles_when_one_is_small():
    d = decisions([None], [[17, 3]])
    assert d.get(0, "manager").reason == "too_few"
    assert d.get(0, "employee").reason == "protects_smaller_group"
    assert d.shown(0, None)


def test_an_empty_group_is_reported_as_having_no_respondents():
    d = decisions([None, 0], [[10, 2], [0, 0]])
    assert d.get(1).reason == "no_respondents" and not d.shown(1)


def test_a_department_whose_managers_all_sit_in_one_team_cannot_leak_that_teams_employee():
    # Department 1 has 6 managers, all in team 2, whose lone employee would otherwise be
    # team 2's total (7) minus the department's manager figure (6).
    d = decisions(
        [None, 0, 1],
        [[5, 12], [5, 0], [1, 6]],
        requested=[(1, "manager"), (2, None), (0, None), (1, None)],
    )
    assert not (d.shown(1, "manager") and d.shown(2, None))


def test_comments_use_their_own_threshold_and_complementary_rule():
    counts = [[0, 0], [12, 0], [11, 0], [9, 0]]
    d = decisions([None, 0, 0, 0], counts, requested=[(u, None) for u in range(4)], kind="comments")
    assert d.threshold == 10
    assert d.get(3).reason == "too_few" and d.get(2).reason == "protects_smaller_group"
    assert comments_visible(10) and not comments_visible(9)
    assert not comments_visible(11, Policy(min_comments=12))


def test_a_figure_needs_enough_answers_of_its_own():
    assert figure_decision(5, Policy()).shown
    refused = figure_decision(4, Policy())
    assert not refused.shown and refused.message("nl") == "Minder dan 5 antwoorden"


def test_decisions_do_not_depend_on_the_order_cells_are_requested_in():
    parents, counts = [None, 0, 0, 1, 1], [[1, 0], [2, 1], [8, 1], [6, 0], [3, 2]]
    cells = [(u, r) for u in range(5) for r in (None, *ROLES)]
    first = decisions(parents, counts, requested=cells)
    second = decisions(parents, counts, requested=cells[::-1])
    assert first.cells == second.cells


def test_report_counts_feed_straight_into_the_decision():
    from klantcultuur.scan.questionnaire import get_version
    from klantcultuur.scan.scoring import ScoringLayout, UnitTree, build_report

    layout = ScoringLayout.from_questionnaire(get_version("1"))
    tree = UnitTree.from_parents(["org", "a", "b"], [None, "org", "org"])
    matrix = np.ones((9, len(layout.item_codes)), dtype=np.int8)
    report = build_report(matrix, layout, np.array([1] * 6 + [2] * 3), np.zeros(9, int), tree)
    d = decide_report(report)
    assert d.get("b").reason == "too_few" and d.get("a").reason == "protects_smaller_group"


# Property: nothing below the threshold can be derived ------------------------------------


def cell_atoms(parents, counts, n_roles):
    """Each cell as the set of (unit, role) atoms holding respondents (brute force)."""
    subtree = {u: {u} for u in range(len(parents))}
    for u in reversed(range(len(parents))):  # parents always precede children here
        if parents[u] is not None:
            subtree[parents[u]] |= subtree[u]
    atoms = {}
    for u in range(len(parents)):
        for role in (None, *range(n_roles)):
            roles = range(n_roles) if role is None else [role]
            atoms[(u, role)] = frozenset((w, r) for w in subtree[u] for r in roles if counts[w][r])
    return atoms


def _search(whole, inside, atoms, size, k, start=0, used=frozenset(), subtracted=0):
    """Depth-first over sets of pairwise disjoint cells inside ``whole``; a bad remainder or None."""
    remainder = size[whole] - subtracted
    if subtracted and 0 < remainder < k:
        return remainder
    for i in range(start, len(inside)):
        cell = inside[i]
        if not atoms[cell] & used:
            found = _search(
                whole, inside, atoms, size, k, i + 1, used | atoms[cell], subtracted + size[cell]
            )
            if found:
                return found
    return None


def smallest_derivable_remainder(parents, counts, shown_cells, n_roles, k):
    """Search every shown cell and every set of disjoint shown cells inside it."""
    atoms = cell_atoms(parents, counts, n_roles)
    size = {cell: sum(counts[w][r] for w, r in a) for cell, a in atoms.items()}
    for whole in shown_cells:
        inside = [c for c in shown_cells if c != whole and atoms[c] and atoms[c] <= atoms[whole]]
        found = _search(whole, inside, atoms, size, k)
        if found:
            return whole, found
    return None


@st.composite
def organisations(draw):
    n_units = draw(st.integers(1, 7))
    parents = [None] + [draw(st.integers(0, u - 1)) for u in range(1, n_units)]
    n_roles = draw(st.sampled_from([1, 2, 3]))
    count = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12])
    counts = [[draw(count) for _ in range(n_roles)] for _ in range(n_units)]
    k = draw(st.integers(3, 7))
    cells = [(u, r) for u in range(n_units) for r in (None, *range(n_roles))]
    requested = draw(
        st.one_of(st.none(), st.lists(st.sampled_from(cells), min_size=1, unique=True))
    )
    return parents, counts, n_roles, k, requested


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_no_group_below_the_threshold_can_be_derived_from_the_shown_groups(org):
    parents, counts, n_roles, k, requested = org
    roles = tuple(f"role{r}" for r in range(n_roles))
    names = {**{f"role{r}": r for r in range(n_roles)}, None: None}
    request = (
        None if requested is None else [(u, None if r is None else roles[r]) for u, r in requested]
    )
    d = decide(
        list(range(len(parents))),
        parents,
        counts,
        roles=roles,
        requested=request,
        policy=Policy(min_group=k, min_comments=max(k, 10)),
    )
    shown = [(u, names[r]) for (u, r), dec in d.cells.items() if dec.shown]
    for _cell, dec in d.cells.items():
        assert dec.shown == (dec.reason is None)
        assert (dec.n >= k) if dec.shown else (dec.reason != "too_few" or 0 < dec.n < k)
    assert smallest_derivable_remainder(parents, counts, shown, n_roles, k) is None
