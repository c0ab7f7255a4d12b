"""Where answers are stored: small groups pooled into a higher unit."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from klantcultuur.scan.pooling import from_json, storage_for, storage_map, to_json

# Division 1 > department 2 > teams 3 (12 people), 4 (1 person) and 5 (3 people).
PARENTS = {1: None, 2: 1, 3: 2, 4: 2, 5: 2}


def test_a_team_large_enough_keeps_its_own_answers():
    mapping = storage_map(PARENTS, {(3, "employee"): 12}, k=5)
    assert mapping == {(3, "employee"): 3}


def test_small_teams_are_pooled_upwards_until_enough_people_come_together():
    population = {(3, "employee"): 12, (4, "employee"): 1, (5, "employee"): 3}
    mapping = storage_map(PARENTS, population, k=5)
    # 1 + 3 = 4 waiting at the department, and still at the division, is too few: they end
    # up with the organisation itself.
    assert mapping == {(3, "employee"): 3, (4, "employee"): None, (5, "employee"): None}


def test_pooled_people_stop_where_the_waiting_group_reaches_the_threshold():
    population = {(4, "employee"): 2, (5, "employee"): 3}
    assert storage_map(PARENTS, population, k=5) == {(4, "employee"): 2, (5, "employee"): 2}


def test_roles_are_pooled_separately_so_one_team_leader_never_has_a_cell_of_their_own():
    population = {(3, "employee"): 12, (3, "manager"): 1, (4, "manager"): 1, (2, "manager"): 1}
    mapping = storage_map(PARENTS, population, k=3)
    assert mapping[(3, "employee")] == 3
    assert {mapping[(u, "manager")] for u in (2, 3, 4)} == {2}


def test_what_never_reaches_the_threshold_is_stored_with_the_organisation():
    population = {(3, "manager"): 1, (None, "manager"): 1}
    assert storage_map(PARENTS, population, k=5) == {(3, "manager"): None, (None, "manager"): None}


def test_an_unexpected_role_goes_to_the_nearest_unit_up_that_stores_that_role():
    mapping = storage_map(PARENTS, {(3, "manager"): 2, (4, "manager"): 3}, k=5)
    assert storage_for(mapping, PARENTS, 5, "manager") == 2
    assert storage_for(mapping, PARENTS, 5, "employee") is None


def test_the_map_survives_a_round_trip_through_json():
    mapping = storage_map(PARENTS, {(3, "employee"): 12, (None, "manager"): 1}, k=5)
    assert from_json(to_json(mapping)) == mapping


TREES = st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=25).map(
    lambda raw: {u + 1: (None if u == 0 else raw[u] % u + 1) for u in range(len(raw))}
)


@settings(max_examples=150, deadline=None)
@given(
    parents=TREES,
    sizes=st.lists(st.integers(min_value=0, max_value=8), min_size=25, max_size=25),
    k=st.integers(min_value=3, max_value=7),
)
def test_every_stored_group_below_the_organisation_has_at_least_k_people_and_sits_above_them(
    parents, sizes, k
):
    population = {(u, "employee"): sizes[u - 1] for u in parents if sizes[u - 1]}
    mapping = storage_map(parents, population, k)
    assert set(mapping) == set(population)
    stored = Counter()
    for (unit, role), target in mapping.items():
        stored[target] += population[(unit, role)]
        ancestors, current = set(), unit
        while current is not None:
            ancestors.add(current)
            current = parents[current]
        assert target is None or target in ancestors  # roll-ups stay correct
    assert all(count >= k for target, count in stored.items() if target is not None)
