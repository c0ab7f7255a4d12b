"""Per-unit statistics (n, mean, SD, culture strength) from sufficient statistics rolled up the tree."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from klantcultuur.scan.scoring.rules import (
    ROLES,
    SLICES,
    STRENGTH_BANDS,
    UNIFORM_NULL_VARIANCE,
)
from klantcultuur.scan.scoring.tree import UnitTree

_CHUNK_BYTES = 8 * 2**20


@dataclass(frozen=True, eq=False)
class Grouping:
    """Respondents sorted by (unit, role) so every group is one contiguous block."""

    order: np.ndarray
    starts: np.ndarray
    present: np.ndarray
    n_units: int
    n_roles: int

    @classmethod
    def make(cls, unit: np.ndarray, role: np.ndarray, n_units: int) -> Grouping:
        """Sort respondents by unit, then role (stable, so ties keep their input order)."""
        n_roles = len(ROLES)
        key = unit.astype(np.int64) * n_roles + role
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        if len(sorted_key):
            starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
        else:
            starts = np.zeros(0, dtype=np.int64)
        return cls(order, starts, sorted_key[starts], n_units, n_roles)

    def sums(self, sorted_values: np.ndarray, dtype: type = np.float64) -> np.ndarray:
        """Per-group column sums of values already in sorted order, shaped (units, roles, ...)."""
        tail = sorted_values.shape[1:]
        out = np.zeros((self.n_units * self.n_roles, *tail), dtype=dtype)
        if len(self.starts):
            # reduceat casts its whole input to ``dtype`` first; a few columns at a time keeps
            # that copy small (an int8 matrix would otherwise be copied as int64).
            flat = sorted_values.reshape(len(sorted_values), -1)
            width = max(1, _CHUNK_BYTES // max(1, len(flat) * np.dtype(dtype).itemsize))
            target = out.reshape(len(out), -1)
            for first in range(0, flat.shape[1], width):
                block = flat[:, first : first + width]
                target[self.present, first : first + width] = np.add.reduceat(
                    block, self.starts, axis=0, dtype=dtype
                )
        return out.reshape(self.n_units, self.n_roles, *tail)

    def counts(self, sorted_categories: np.ndarray, n_categories: int) -> np.ndarray:
        """Per-group counts of integer categories 0..n_categories-1, shaped (units, roles, cats)."""
        group = np.repeat(np.arange(len(self.starts)), np.diff(np.r_[self.starts, len(self.order)]))
        flat = np.bincount(
            self.present[group] * n_categories + sorted_categories,
            minlength=self.n_units * self.n_roles * n_categories,
        )
        return flat.reshape(self.n_units, self.n_roles, n_categories)


def with_all_slice(per_role: np.ndarray) -> np.ndarray:
    """Prepend the "all" slice (sum over roles): (units, roles, ...) -> (units, slices, ...)."""
    return np.concatenate([per_role.sum(axis=1, keepdims=True), per_role], axis=1)


def mean_sd(n: np.ndarray, s: np.ndarray, ss: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sample SD (ddof 1) from count, sum and sum of squares; NaN where undefined."""
    n = n.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s / n
        var = (ss - s * mean) / (n - 1)
    var = np.where(n > 1, np.maximum(var, 0.0), np.nan)  # rounding can dip just below zero
    mean = np.where(n > 0, mean, np.nan)
    return mean, np.sqrt(var)


def rwg_j(item_var: np.ndarray, membership: np.ndarray) -> np.ndarray:
    """Culture strength r_wg(J) per scale from item variances (NaN = undefined) on the last axis.

    r_wg(J) = J(1 - v/s2) / (J(1 - v/s2) + v/s2), with v the mean item variance within the
    group and s2 the uniform-null variance; 0 when v >= s2 (James, Demaree & Wolf, 1984).
    """
    defined = np.isfinite(item_var)
    j = defined.astype(np.float64) @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = (np.where(defined, item_var, 0.0) @ membership) / j / UNIFORM_NULL_VARIANCE
        value = j * (1 - ratio) / (j * (1 - ratio) + ratio)
    value = np.where(ratio >= 1, 0.0, value)
    return np.where(j > 0, value, np.nan)


def strength_band(rwg: float) -> str | None:
    """LeBreton & Senter's (2008) label for an r_wg value, or None when undefined."""
    if not np.isfinite(rwg):
        return None
    for upper, label in STRENGTH_BANDS:
        if rwg <= upper:
            return label
    return STRENGTH_BANDS[-1][1]


@dataclass(frozen=True, eq=False)
class UnitStats:
    """Per-unit figures; every unit covers its whole subtree.

    Shapes: U units, L slices (``rules.SLICES``: all, employee, manager), S scales,
    P likert items (``item_codes``). ``direct_n[u, r]`` counts respondents attached to unit u
    itself with role r (what the anonymity module needs); ``n[u, l]`` counts the subtree.
    ``scale_strength`` is r_wg(J); ``scale_sd`` is the spread of scale scores in the unit.
    """

    slices: tuple[str, ...]
    scale_codes: tuple[str, ...]
    item_codes: tuple[str, ...]
    direct_n: np.ndarray  # (U, R)
    n: np.ndarray  # (U, L)
    scale_n: np.ndarray  # (U, L, S)
    scale_sum: np.ndarray
    scale_sumsq: np.ndarray
    scale_mean: np.ndarray
    scale_sd: np.ndarray
    scale_strength: np.ndarray
    item_n: np.ndarray  # (U, L, P)
    item_mean: np.ndarray
    item_sd: np.ndarray


def unit_stats(
    tree: UnitTree,
    grouping: Grouping,
    keyed_sorted: np.ndarray,
    scores_sorted: np.ndarray,
    likert_columns: np.ndarray,
    membership: np.ndarray,
    scale_codes: tuple[str, ...],
    item_codes: tuple[str, ...],
) -> UnitStats:
    """Sufficient statistics per (unit, role), rolled up the tree, turned into n/mean/SD/r_wg."""
    items = keyed_sorted[:, likert_columns]
    answered = items > 0
    # Integer sums are exact; squares of 1..5 fit in int8.
    item_n = grouping.sums(answered, np.int64)
    item_s = grouping.sums(items, np.int64)
    item_ss = grouping.sums(items * items, np.int64)
    valid = np.isfinite(scores_sorted)
    filled = np.where(valid, scores_sorted, 0.0)
    scale_n = grouping.sums(valid, np.int64)
    scale_s = grouping.sums(filled)
    scale_ss = grouping.sums(filled * filled)
    ones = np.ones((len(keyed_sorted), 1), dtype=np.int64)
    direct_n = grouping.sums(ones, np.int64)[:, :, 0]

    rolled = [
        with_all_slice(tree.rollup(a))
        for a in (item_n, item_s, item_ss, scale_n, scale_s, scale_ss, direct_n[:, :, None])
    ]
    item_n_t, item_s_t, item_ss_t, scale_n_t, scale_s_t, scale_ss_t, n_t = rolled
    item_mean, item_sd = mean_sd(
        item_n_t, item_s_t.astype(np.float64), item_ss_t.astype(np.float64)
    )
    scale_mean, scale_sd = mean_sd(scale_n_t, scale_s_t, scale_ss_t)
    likert_membership = membership[likert_columns]
    return UnitStats(
        slices=SLICES,
        scale_codes=scale_codes,
        item_codes=item_codes,
        direct_n=direct_n,
        n=n_t[:, :, 0],
        scale_n=scale_n_t,
        scale_sum=scale_s_t,
        scale_sumsq=scale_ss_t,
        scale_mean=scale_mean,
        scale_sd=scale_sd,
        scale_strength=rwg_j(item_sd**2, likert_membership),
        item_n=item_n_t,
        item_mean=item_mean,
        item_sd=item_sd,
    )
