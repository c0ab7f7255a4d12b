"""The approach the organisation follows and the three preconditions of the board approach."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from klantcultuur.scan.scoring.layout import PreconditionSpec, min_answered
from klantcultuur.scan.scoring.rules import (
    PHASE_DECIMALS,
    PRECONDITION_MET_MIN,
    PRECONDITION_PARTLY_MIN,
    ROLES,
)
from klantcultuur.scan.scoring.tree import UnitTree
from klantcultuur.scan.scoring.units import Grouping, mean_sd, with_all_slice


@dataclass(frozen=True, eq=False)
class ApproachResult:
    """Answers to the approach question per unit (subtree) and slice: counts (U, L, options).

    ``approach[u]`` is the most chosen option key of unit u's "all" slice (ties go to the less
    advanced approach, i.e. the earlier option), None without answers. ``dont_know`` (U, L)
    counts "weet ik niet" and unanswered.
    """

    keys: tuple[str, ...]
    counts: np.ndarray
    dont_know: np.ndarray
    shares: np.ndarray
    approach: tuple[str | None, ...]


def approach_distribution(
    tree: UnitTree, grouping: Grouping, approach_sorted: np.ndarray, keys: tuple[str, ...]
) -> ApproachResult:
    """Count the approach answers per unit and role, rolled up the tree."""
    counts = with_all_slice(
        tree.rollup(grouping.counts(approach_sorted.astype(np.int64), len(keys) + 1))
    )
    chosen, dont_know = counts[..., 1:], counts[..., 0]
    total = chosen.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(total > 0, chosen / np.maximum(total, 1), np.nan)
    top = np.argmax(chosen[:, 0, :], axis=-1)  # argmax takes the first of equal counts
    approach = tuple(
        keys[int(t)] if total[u, 0, 0] > 0 else None for u, t in enumerate(top.tolist())
    )
    return ApproachResult(
        keys=keys, counts=chosen, dont_know=dont_know, shares=shares, approach=approach
    )


def precondition_status(mean: float, n: int) -> str:
    """ "met" (>= 3.75), "partly" (>= 3.0), "not" (< 3.0), or "unknown" without answers."""
    if n == 0 or not np.isfinite(mean):
        return "unknown"
    mean = round(mean, PHASE_DECIMALS)  # judge the mean as the report shows it
    if mean >= PRECONDITION_MET_MIN:
        return "met"
    if mean >= PRECONDITION_PARTLY_MIN:
        return "partly"
    return "not"


@dataclass(frozen=True, eq=False)
class PreconditionResult:
    """One precondition per unit (subtree): respondents' indicator scores aggregated.

    ``n``, ``mean``, ``sd`` and ``status`` are arrays over units; the root is the organisation.
    """

    key: str
    audience: str
    n: np.ndarray
    mean: np.ndarray
    sd: np.ndarray
    status: tuple[str, ...]


def preconditions(
    tree: UnitTree,
    grouping: Grouping,
    keyed_sorted: np.ndarray,
    roles_sorted: np.ndarray,
    specs: tuple[PreconditionSpec, ...],
) -> list[PreconditionResult]:
    """Indicator score per respondent (two-thirds rule over its items), then per unit."""
    results = []
    for spec in specs:
        block = keyed_sorted[:, spec.columns].astype(np.float64)
        answered = (block > 0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = block.sum(axis=1) / answered
        valid = answered >= min_answered(len(spec.columns))
        if spec.audience != "all":
            valid &= roles_sorted == ROLES.index(spec.audience.removesuffix("s"))
        filled = np.where(valid, score, 0.0)
        stats = [
            tree.rollup(grouping.sums(a[:, None], dtype)).sum(axis=1)[:, 0]
            for a, dtype in ((valid, np.int64), (filled, np.float64), (filled * filled, np.float64))
        ]
        n, s, ss = stats
        mean, sd = mean_sd(n, s, ss)
        results.append(
            PreconditionResult(
                key=spec.key,
                audience=spec.audience,
                n=n,
                mean=mean,
                sd=sd,
                status=tuple(
                    precondition_status(m, k)
                    for m, k in zip(mean.tolist(), n.tolist(), strict=True)
                ),
            )
        )
    return results
