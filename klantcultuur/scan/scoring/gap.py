"""Example-behaviour gap: managers' self-view against their employees' view, per behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from klantcultuur.scan.scoring.rules import ALMOST_ALWAYS, ALWAYS, MONITOR, ROLES
from klantcultuur.scan.scoring.tree import UnitTree
from klantcultuur.scan.scoring.units import Grouping

_MANAGER = ROLES.index("manager")
_EMPLOYEE = ROLES.index("employee")


@dataclass(frozen=True, eq=False)
class GapResult:
    """Per unit (rows, subtree) and behaviour (columns); the root row is the organisation.

    Self side: managers' answers to the self-view items; seen side: employees' answers about
    their manager. Values are after reverse keying, so for an undesired habit "altijd" means
    "nooit" was answered. ``self_always`` = share of managers answering "altijd";
    ``self_almost`` = share "bijna altijd"; ``seen_recognise`` = share of employees answering
    "bijna altijd" or "altijd"; ``seen_always`` = share answering "altijd". ``gap`` =
    self mean - seen mean. ``scale_*`` are the same for the whole role-model scale.
    """

    behaviours: tuple[str, ...]
    self_n: np.ndarray
    self_mean: np.ndarray
    self_always: np.ndarray
    self_almost: np.ndarray
    seen_n: np.ndarray
    seen_mean: np.ndarray
    seen_always: np.ndarray
    seen_recognise: np.ndarray
    gap: np.ndarray
    scale_self_n: np.ndarray
    scale_self_mean: np.ndarray
    scale_seen_n: np.ndarray
    scale_seen_mean: np.ndarray
    scale_gap: np.ndarray
    reference: dict[str, float] = field(
        default_factory=lambda: {
            "managers_always": MONITOR["managers_always"],
            "managers_almost_always": MONITOR["managers_almost_always"],
            "organisations_strong_example": MONITOR["organisations_strong_example"],
        }
    )


def _share(count: np.ndarray, n: np.ndarray) -> np.ndarray:
    """count / n, NaN where n is 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, count / np.maximum(n, 1), np.nan)


def role_model_gap(
    tree: UnitTree,
    grouping: Grouping,
    keyed_sorted: np.ndarray,
    self_columns: np.ndarray,
    seen_columns: np.ndarray,
    behaviours: tuple[str, ...],
    scale_n: np.ndarray,
    scale_mean: np.ndarray,
    self_scale: int,
    seen_scale: int,
) -> GapResult:
    """Compute the gap per unit and behaviour from the sorted keyed matrix."""
    columns = np.r_[self_columns, seen_columns]
    block = keyed_sorted[:, columns]
    stats = [
        tree.rollup(grouping.sums(a, np.int64))
        for a in (block > 0, block, block == ALWAYS, block == ALMOST_ALWAYS)
    ]
    n, s, always, almost = stats
    b = len(behaviours)
    # Self-view items are only kept for managers and seen items only for employees.
    self_n, seen_n = n[:, _MANAGER, :b], n[:, _EMPLOYEE, b:]
    with np.errstate(invalid="ignore", divide="ignore"):
        self_mean = np.where(self_n > 0, s[:, _MANAGER, :b] / np.maximum(self_n, 1), np.nan)
        seen_mean = np.where(seen_n > 0, s[:, _EMPLOYEE, b:] / np.maximum(seen_n, 1), np.nan)
    seen_always = always[:, _EMPLOYEE, b:]
    return GapResult(
        behaviours=behaviours,
        self_n=self_n,
        self_mean=self_mean,
        self_always=_share(always[:, _MANAGER, :b], self_n),
        self_almost=_share(almost[:, _MANAGER, :b], self_n),
        seen_n=seen_n,
        seen_mean=seen_mean,
        seen_always=_share(seen_always, seen_n),
        seen_recognise=_share(seen_always + almost[:, _EMPLOYEE, b:], seen_n),
        gap=self_mean - seen_mean,
        # scale_n/scale_mean are (U, L, S) with slices (all, employee, manager).
        scale_self_n=scale_n[:, 1 + _MANAGER, self_scale],
        scale_self_mean=scale_mean[:, 1 + _MANAGER, self_scale],
        scale_seen_n=scale_n[:, 1 + _EMPLOYEE, seen_scale],
        scale_seen_mean=scale_mean[:, 1 + _EMPLOYEE, seen_scale],
        scale_gap=scale_mean[:, 1 + _MANAGER, self_scale]
        - scale_mean[:, 1 + _EMPLOYEE, seen_scale],
    )
