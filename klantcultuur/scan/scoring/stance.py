"""Pullers, riders and resisters (20/60/20) from the change-stance scale."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from klantcultuur.scan.scoring.rules import PULLER_MIN, RESISTER_MAX, STANCE_REFERENCE, STANCES
from klantcultuur.scan.scoring.tree import UnitTree
from klantcultuur.scan.scoring.units import Grouping, with_all_slice

UNCLASSIFIED = len(STANCES)


def classify_stance(score: np.ndarray) -> np.ndarray:
    """0 puller (>= 4.0), 1 rider, 2 resister (<= 2.5), 3 unclassified (no scale score)."""
    score = np.asarray(score, dtype=np.float64)
    category = np.full(score.shape, 1, dtype=np.int64)
    category[score >= PULLER_MIN] = 0
    category[score <= RESISTER_MAX] = 2
    category[~np.isfinite(score)] = UNCLASSIFIED
    return category


@dataclass(frozen=True, eq=False)
class StanceResult:
    """Counts and shares per unit (subtree) and slice: shapes (U, L, 3) for ``STANCES``.

    Shares are of the classified respondents; ``unclassified`` (U, L) had no stance score.
    """

    stances: tuple[str, ...]
    counts: np.ndarray
    unclassified: np.ndarray
    shares: np.ndarray
    reference: tuple[float, float, float] = field(default=STANCE_REFERENCE)


def stance_distribution(
    tree: UnitTree, grouping: Grouping, stance_scores_sorted: np.ndarray
) -> StanceResult:
    """Count pullers, riders and resisters per unit and role, rolled up the tree."""
    categories = classify_stance(stance_scores_sorted)
    counts = with_all_slice(tree.rollup(grouping.counts(categories, UNCLASSIFIED + 1)))
    classified = counts[..., :UNCLASSIFIED]
    total = classified.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(total > 0, classified / np.maximum(total, 1), np.nan)
    return StanceResult(
        stances=STANCES,
        counts=classified,
        unclassified=counts[..., UNCLASSIFIED],
        shares=shares,
    )
