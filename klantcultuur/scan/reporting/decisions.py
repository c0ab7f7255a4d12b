"""Anonymity decisions for every figure of a report, computed once when the report is stored.

Three layers, all from ``klantcultuur.scan.anonymity`` (primary and complementary
suppression), each a table of 0/1 per unit and slice (all, employee, manager):

``cells``
    the groups themselves (respondent counts).
``measures``
    each figure family has its own counts: a scale's mean rests on the respondents with a
    score on that scale, an item's mean on those who answered it. Primary and complementary
    suppression are applied to those counts too, so a department minus its shown teams never
    leaves a small group on any single figure. ``scale:VIS``, ``item:VIS1``, ``stance``,
    ``approach``, ``pre:vision_carried`` (one column: a precondition has one audience).
``comments``
    the comment threshold with the same complementary rule, on the "all" slice.
``comment_slices``
    the same per slice (all, employee, manager), each slice decided on its own: an open
    question asked only to managers (or only to employees) is shown where that slice is, so
    the threshold counts the people who were asked it, not every respondent of the unit.

A figure is shown only when its cell *and* its measure are shown (a subset of a safe set of
shown groups is safe). ``comparison`` additionally requires that the previous wave showed the
same unit's scale, or the change would reveal last year's hidden mean.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np

from klantcultuur.scan.anonymity import Policy, decide_positions, decide_report
from klantcultuur.scan.scoring import ROLES, SLICES, Report, UnitTree

_SLICE_ROLES: tuple[str | None, ...] = (None, *ROLES)  # SLICES order: all, employee, manager
assert len(_SLICE_ROLES) == len(SLICES)


def _parents(tree: UnitTree) -> list[Hashable | None]:
    return [None if p < 0 else tree.keys[p] for p in tree.parent.tolist()]


def _direct(tree: UnitTree, rolled: np.ndarray) -> np.ndarray:
    """Undo the roll-up: what each unit holds itself (rolled minus its children's rolled)."""
    direct = np.array(rolled, dtype=np.int64, copy=True)
    parent = np.asarray(tree.parent)
    below = parent >= 0
    np.subtract.at(direct, parent[below], np.asarray(rolled, dtype=np.int64)[below])
    return direct


def _table(decisions, keys: Sequence[Hashable], roles: Sequence[str | None]) -> list[list[int]]:
    return [[int(decisions.shown(key, role)) for role in roles] for key in keys]


def decide_counts(
    tree: UnitTree,
    rolled_by_role: np.ndarray,
    policy: Policy,
    shown_cells: list[list[int]],
    *,
    column: int = 0,
) -> list[list[int]]:
    """Shown (0/1) per unit and slice for a figure whose subtree counts per role are given.

    ``rolled_by_role``: (units, roles) in ``ROLES`` order, or (units,) for a figure with a
    single audience (then one column is returned, for the groups in ``column`` of the cells).
    Only groups shown at the level of respondents are candidates: a figure never shows where
    its group is hidden, so those groups cannot be subtracted, and the same group stays the
    one hidden to protect a smaller one on every figure.
    """
    rolled = np.asarray(rolled_by_role, dtype=np.int64)
    parents = _parents(tree)
    keys = tree.keys
    if rolled.ndim == 1:
        direct = _direct(tree, rolled)[:, None]
        whole = [(key, None) for i, key in enumerate(keys) if shown_cells[i][column]]
        made = decide_positions(
            keys, parents, direct.tolist(), roles=("x",), policy=policy, requested=whole
        )
        return [[int((i, 1) in made.shown)] for i in range(len(keys))]
    requested: list[tuple[Hashable, str | None]] = [
        (key, role)
        for i, key in enumerate(keys)
        for col, role in enumerate(_SLICE_ROLES)
        if shown_cells[i][col]
    ]
    made = decide_positions(
        keys,
        parents,
        _direct(tree, rolled).tolist(),
        roles=ROLES,
        policy=policy,
        requested=requested,
    )
    # The columns of the table (all, employee, manager) as decide's role positions.
    positions = [len(ROLES) if role is None else ROLES.index(role) for role in _SLICE_ROLES]
    return [[int((i, c) in made.shown) for c in positions] for i in range(len(keys))]


def report_decisions(
    report: Report,
    policy: Policy,
    *,
    previous: Mapping[str, Any] | None = None,
    previous_keys: Sequence[Hashable] = (),
) -> dict[str, Any]:
    """Every decision the pages need, as JSON-ready tables (see the module docstring)."""
    tree, u = report.tree, report.units
    cells = decide_report(report, policy=policy)
    shown = _table(cells, tree.keys, _SLICE_ROLES)
    comments = decide_report(
        report, policy=policy, kind="comments", requested=[(key, None) for key in tree.keys]
    )
    # Each question's answers come from one slice only, so each slice is decided on its own.
    by_slice = [
        decide_report(
            report, policy=policy, kind="comments", requested=[(key, role) for key in tree.keys]
        )
        for role in _SLICE_ROLES
    ]
    measures: dict[str, list[list[int]]] = {}
    for s, code in enumerate(u.scale_codes):
        measures[f"scale:{code}"] = decide_counts(tree, u.scale_n[:, 1:, s], policy, shown)
    for p, code in enumerate(u.item_codes):
        measures[f"item:{code}"] = decide_counts(tree, u.item_n[:, 1:, p], policy, shown)
    stance_n = report.stance.counts[:, 1:, :].sum(axis=-1)
    measures["stance"] = decide_counts(tree, stance_n, policy, shown)
    approach_n = report.approach.counts[:, 1:, :].sum(axis=-1)
    measures["approach"] = decide_counts(tree, approach_n, policy, shown)
    for pre in report.preconditions:
        column = SLICES.index("manager") if pre.audience == "managers" else 0
        measures[f"pre:{pre.key}"] = decide_counts(tree, pre.n, policy, shown, column=column)
    result: dict[str, Any] = {
        "min_group": policy.min_group,
        "comment_threshold": policy.comment_threshold,
        "cells": shown,
        "comments": [int(comments.shown(key, None)) for key in tree.keys],
        "comment_slices": [
            [int(made.shown(key, role)) for made, role in zip(by_slice, _SLICE_ROLES, strict=True)]
            for key in tree.keys
        ],
        "measures": measures,
    }
    if previous is not None:
        result["comparison"] = _comparison_shown(
            tree, u.scale_codes, measures, cells, previous, previous_keys
        )
    return result


def _comparison_shown(
    tree: UnitTree,
    scale_codes: Sequence[str],
    measures: Mapping[str, list[list[int]]],
    cells,
    previous: Mapping[str, Any],
    previous_keys: Sequence[Hashable],
) -> list[list[int]]:
    """(units, scales): both this wave and the previous one showed the unit's scale mean."""
    before = {key: i for i, key in enumerate(previous_keys)}
    prev_cells = previous.get("cells", [])
    prev_measures = previous.get("measures", {})
    out = []
    for i, key in enumerate(tree.keys):
        j = before.get(key)
        row = []
        for code in scale_codes:
            now = cells.shown(key, None) and measures[f"scale:{code}"][i][0]
            then = (
                j is not None
                and bool(prev_cells[j][0])
                and bool(prev_measures.get(f"scale:{code}", [[0]] * (j + 1))[j][0])
            )
            row.append(int(bool(now) and then))
        out.append(row)
    return out
