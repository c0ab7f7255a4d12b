"""Anonymity decisions per figure: every figure family gets its own complementary suppression."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from klantcultuur.scan.anonymity import Policy
from klantcultuur.scan.reporting.decisions import decide_counts
from klantcultuur.scan.scoring import UnitTree

POLICY = Policy()


def descendants(parent: list[int], u: int) -> set[int]:
    below, frontier = set(), [u]
    while frontier:
        current = frontier.pop()
        children = [c for c, p in enumerate(parent) if p == current]
        below.update(children)
        frontier.extend(children)
    return below


def disjoint(parent: list[int], family: tuple[int, ...]) -> bool:
    return all(
        b not in descendants(parent, a) and a not in descendants(parent, b)
        for a, b in combinations(family, 2)
    )


@st.composite
def trees_with_counts(draw):
    size = draw(st.integers(min_value=2, max_value=7))
    parent = [-1] + [draw(st.integers(min_value=0, max_value=u - 1)) for u in range(1, size)]
    direct = draw(st.lists(st.integers(min_value=0, max_value=9), min_size=size, max_size=size))
    # The figure rests on some of each unit's respondents (others skipped its questions).
    answered = [draw(st.integers(min_value=0, max_value=d)) for d in direct]
    return parent, direct, answered


def rolled(tree: UnitTree, direct: list[int]) -> np.ndarray:
    return tree.rollup(np.array(direct, dtype=np.int64))


@settings(max_examples=200, deadline=None)
@given(trees_with_counts())
def test_no_hidden_small_group_can_be_derived_from_the_shown_figures(case):
    parent, direct, answered = case
    tree = UnitTree.from_indices(parent)
    people = rolled(tree, direct)
    # The groups themselves: shown when they have at least five respondents (a simplification:
    # the property must hold whatever groups the first layer shows).
    cells = [[int(n >= 5), 0, 0] for n in people.tolist()]
    figure_n = rolled(tree, answered)
    shown = [row[0] for row in decide_counts(tree, figure_n, POLICY, cells)]
    for a in range(len(parent)):
        if not shown[a]:
            continue
        assert figure_n[a] >= 5 and cells[a][0]
        inside = [b for b in descendants(parent, a) if shown[b]]
        for size in range(1, len(inside) + 1):
            for family in combinations(inside, size):
                if disjoint(parent, family):
                    rest = int(figure_n[a] - sum(figure_n[b] for b in family))
                    assert rest == 0 or rest >= 5, (parent, answered, a, family)


def test_a_group_hidden_for_its_respondents_is_hidden_for_every_figure():
    tree = UnitTree.from_indices([-1, 0, 0])
    cells = [[1, 0, 0], [1, 0, 0], [0, 0, 0]]
    n = np.array([[20, 0], [12, 0], [8, 0]])
    table = decide_counts(tree, n, POLICY, cells)
    assert [row[0] for row in table] == [1, 1, 0]


def test_a_figure_few_answered_is_hidden_and_protected_against_subtraction():
    # The department shows 14 answers, team 1 shows 11: team 2's 3 answers would follow.
    tree = UnitTree.from_indices([-1, 0, 0])
    cells = [[1, 0, 0], [1, 0, 0], [1, 0, 0]]
    n = np.array([[0, 0], [11, 0], [3, 0]])
    table = decide_counts(tree, tree.rollup(n), POLICY, cells)
    assert [row[0] for row in table] in ([1, 0, 0], [0, 1, 0])
