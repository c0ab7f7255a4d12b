"""Reverse keying, scale scores with the two-thirds rule, and Cronbach's alpha."""

from __future__ import annotations

import numpy as np

from klantcultuur.scan.scoring.layout import ScoringLayout
from klantcultuur.scan.scoring.rules import LIKERT_POINTS

_ROWS_PER_BLOCK = 16384


def clean_matrix(matrix: np.ndarray, layout: ScoringLayout) -> np.ndarray:
    """Return an int8 copy with 0 for every missing answer, after checking the value ranges.

    Accepts integer matrices (0 = missing or "weet ik niet") and float matrices (NaN or 0 =
    missing). Likert columns must hold 1..5, choice columns 1..number of options.
    """
    m = np.asarray(matrix)
    if m.ndim != 2 or m.shape[1] != len(layout.item_codes):
        raise ValueError(
            f"response matrix must have {len(layout.item_codes)} columns, got shape {m.shape}"
        )
    if np.issubdtype(m.dtype, np.floating):
        filled = np.nan_to_num(m, nan=0.0)
        if not np.array_equal(filled, np.round(filled)):
            raise ValueError("answers must be whole numbers")
        clean = filled.astype(np.int8)
    elif np.issubdtype(m.dtype, np.integer):
        if m.size and (m.min() < 0 or m.max() > 127):
            raise ValueError("answers out of range")
        clean = m.astype(np.int8, copy=True)
    else:
        raise ValueError("response matrix must be numeric")
    upper = np.where(layout.likert, LIKERT_POINTS, len(layout.approach_keys)).astype(np.int8)
    if clean.size and np.any(clean.max(axis=0) > upper):
        bad = [layout.item_codes[j] for j in np.flatnonzero(clean.max(axis=0) > upper)]
        raise ValueError(f"answers above the scale maximum in {bad}")
    if clean.size and clean.min() < 0:
        raise ValueError("negative answers")
    return clean


def key_matrix(clean: np.ndarray, roles: np.ndarray, layout: ScoringLayout) -> np.ndarray:
    """Reverse-key the likert columns (x -> 6 - x) and blank answers to items not offered to the role.

    Missing answers stay 0. Choice columns are passed through untouched.
    """
    keyed = clean.copy()
    reverse = np.flatnonzero(layout.reverse & layout.likert)
    block = keyed[:, reverse]
    keyed[:, reverse] = np.where(block > 0, LIKERT_POINTS + 1 - block, 0)
    # A manager's answer to an employees-only item (or vice versa) is not part of the design.
    keyed *= layout.offered[roles]
    return keyed


def scale_scores(keyed: np.ndarray, layout: ScoringLayout) -> tuple[np.ndarray, np.ndarray]:
    """Scale score per respondent: mean of answered items, NaN when fewer than two thirds answered.

    Returns ``(scores, answered)``, both shaped (respondents, scales).
    """
    n_scales = len(layout.scale_codes)
    sums = np.empty((len(keyed), n_scales))
    answered = np.empty((len(keyed), n_scales), dtype=np.int64)
    # Row blocks keep the float32 copies for the matrix product small; float32 sums of a few
    # dozen integers from 1 to 5 are exact.
    for first in range(0, len(keyed), _ROWS_PER_BLOCK):
        block = keyed[first : first + _ROWS_PER_BLOCK] * layout.likert  # choice columns: 0
        sums[first : first + _ROWS_PER_BLOCK] = block.astype(np.float32) @ layout.membership
        answered[first : first + _ROWS_PER_BLOCK] = (block > 0).astype(
            np.float32
        ) @ layout.membership
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = sums / answered
    scores[answered < layout.min_answered] = np.nan
    return scores, answered


def cronbach_alpha_from_cov(cov: np.ndarray) -> float:
    """Alpha = k/(k-1) * (1 - sum of item variances / variance of the sum score)."""
    cov = np.asarray(cov, dtype=np.float64)
    k = cov.shape[0]
    total = cov.sum()
    if k < 2 or total <= 0:
        return float("nan")
    return float(k / (k - 1) * (1.0 - np.trace(cov) / total))


def cronbach_alpha(items: np.ndarray) -> tuple[float, int]:
    """Alpha of an (respondents x items) array on listwise-complete rows; NaN or 0 is missing.

    Returns ``(alpha, n_complete)``; alpha is NaN with fewer than two complete rows.
    """
    x = np.asarray(items, dtype=np.float64)
    complete = np.all(np.isfinite(x) & (x != 0), axis=1)
    x = x[complete]
    if len(x) < 2:
        return float("nan"), len(x)
    return cronbach_alpha_from_cov(np.cov(x, rowvar=False, ddof=1)), len(x)


def alpha_per_scale(
    keyed: np.ndarray, answered: np.ndarray, layout: ScoringLayout
) -> tuple[np.ndarray, np.ndarray]:
    """Cronbach's alpha and the number of complete respondents for every scale."""
    n_scales = len(layout.scale_codes)
    alpha = np.full(n_scales, np.nan)
    n_complete = np.zeros(n_scales, dtype=np.int64)
    for s in range(n_scales):
        columns = np.flatnonzero(layout.membership[:, s])
        rows = np.flatnonzero(answered[:, s] == len(columns))
        n_complete[s] = len(rows)
        if len(rows) >= 2 and len(columns) >= 2:
            block = keyed[np.ix_(rows, columns)].astype(np.float64)
            alpha[s] = cronbach_alpha_from_cov(np.cov(block, rowvar=False, ddof=1))
    return alpha, n_complete
