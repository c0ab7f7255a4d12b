"""Leaders or peers: Shapley (general dominance) decomposition of R-squared, with a bootstrap."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import factorial

import numpy as np

from klantcultuur.scan.scoring.rules import (
    BOOTSTRAP_MAX_UNITS,
    BOOTSTRAP_REPLICATES,
    BOOTSTRAP_SEED,
    CONFIDENCE,
    MIN_N_BASE,
    MIN_N_PER_PREDICTOR,
)

Interval = tuple[float, float]
_REPLICATES_PER_CHUNK = 250


def minimum_n(n_predictors: int) -> int:
    """Green's (1991) rule of thumb for a regression's R-squared: 50 + 8 per predictor."""
    return MIN_N_BASE + MIN_N_PER_PREDICTOR * n_predictors


def _features(data: np.ndarray) -> np.ndarray:
    """Per-row features whose sums are sufficient for the covariance matrix: 1, x_i, x_i*x_j."""
    q = data.shape[1]
    rows, cols = np.triu_indices(q)
    return np.concatenate([np.ones((len(data), 1)), data, data[:, rows] * data[:, cols]], axis=1)


def _covariance(sums: np.ndarray, q: int) -> np.ndarray:
    """Population covariance matrices (..., q, q) from feature sums (..., features)."""
    count = sums[..., :1]
    mean = sums[..., 1 : 1 + q] / count
    rows, cols = np.triu_indices(q)
    cross = np.zeros((*sums.shape[:-1], q, q))
    cross[..., rows, cols] = sums[..., 1 + q :] / count
    cross[..., cols, rows] = cross[..., rows, cols]
    return cross - mean[..., :, None] * mean[..., None, :]


def r_squared(cov: np.ndarray, subset: tuple[int, ...]) -> np.ndarray:
    """R-squared of the outcome (index 0) on the predictors ``subset`` (indices >= 1)."""
    if not subset:
        return np.zeros(cov.shape[:-2])
    s = list(subset)
    sxx = cov[..., s, :][..., :, s]
    sxy = cov[..., s, 0]
    # pinv keeps degenerate bootstrap samples (a constant predictor) finite instead of failing.
    beta = np.einsum("...ij,...j->...i", np.linalg.pinv(sxx), sxy)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.einsum("...i,...i->...", sxy, beta) / cov[..., 0, 0]


def shapley_r2(cov: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Total R-squared and each predictor's Shapley value, for covariance matrices (..., q, q).

    The Shapley value of predictor j averages the R-squared it adds over all orders of entry;
    it equals Budescu's general dominance weight, and the values sum to the total R-squared.
    """
    p = cov.shape[-1] - 1
    predictors = tuple(range(1, p + 1))
    r2 = {
        subset: r_squared(cov, subset)
        for size in range(p + 1)
        for subset in combinations(predictors, size)
    }
    phi = np.zeros((*cov.shape[:-2], p))
    for j in predictors:
        others = tuple(k for k in predictors if k != j)
        for size in range(p):
            weight = factorial(size) * factorial(p - size - 1) / factorial(p)
            for subset in combinations(others, size):
                with_j = tuple(sorted((*subset, j)))
                phi[..., j - 1] += weight * (r2[with_j] - r2[subset])
    return r2[predictors], phi


@dataclass(frozen=True)
class DominanceResult:
    """Decomposition of R-squared of an outcome over named predictors, with percentile CIs.

    ``contribution[j]`` is predictor j's Shapley value (a part of the outcome's variance);
    ``share[j]`` is contribution / R-squared (its part of the *explained* variance). When
    ``shown`` is False (n below ``min_n``) every figure is None and nothing may be displayed.
    """

    predictors: tuple[str, ...]
    n: int
    min_n: int
    shown: bool
    r2: float | None = None
    r2_ci: Interval | None = None
    contribution: tuple[float, ...] | None = None
    contribution_ci: tuple[Interval, ...] | None = None
    share: tuple[float, ...] | None = None
    share_ci: tuple[Interval, ...] | None = None
    replicates: int = 0
    resampling: str = ""
    confidence: float = CONFIDENCE


def _resample_counts(rng: np.random.Generator, units: int, replicates: int) -> np.ndarray:
    """How often each unit is drawn in each replicate: (replicates, units), rows sum to units."""
    draws = rng.integers(0, units, size=(replicates, units))
    offsets = (np.arange(replicates) * units)[:, None]
    return np.bincount((draws + offsets).ravel(), minlength=replicates * units).reshape(
        replicates, units
    )


def decompose(
    outcome: np.ndarray,
    predictors: np.ndarray,
    names: tuple[str, ...],
    *,
    replicates: int = BOOTSTRAP_REPLICATES,
    seed: int | tuple[int, ...] = BOOTSTRAP_SEED,
    confidence: float = CONFIDENCE,
    min_n: int | None = None,
) -> DominanceResult:
    """Shapley decomposition of R-squared of ``outcome`` on ``predictors`` (n x p) with a bootstrap.

    Rows with a missing value are dropped. The bootstrap is vectorised: every replicate is a
    vector of resampling counts, and its covariance matrix comes from count-weighted sums of
    sufficient statistics. Up to ``BOOTSTRAP_MAX_UNITS`` respondents it resamples respondents;
    above that, respondents are spread at random (seeded) over that many blocks and blocks are
    resampled, which keeps the variance of the sums (and so, to first order, of R-squared) equal
    to the respondent bootstrap at a fraction of the cost. Percentile intervals; deterministic
    for a given seed.
    """
    x = np.asarray(predictors, dtype=np.float64)
    y = np.asarray(outcome, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    data = np.concatenate([y[:, None], x], axis=1)
    data = data[np.all(np.isfinite(data), axis=1)]
    n, q = data.shape
    needed = minimum_n(q - 1) if min_n is None else min_n
    if n < needed:
        return DominanceResult(predictors=names, n=n, min_n=needed, shown=False)

    features = _features(data)
    r2, phi = shapley_r2(_covariance(features.sum(axis=0), q))
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    if n <= BOOTSTRAP_MAX_UNITS:
        unit_sums, resampling = features, "respondents"
    else:
        block = np.empty(n, dtype=np.int64)
        block[rng.permutation(n)] = np.arange(n) % BOOTSTRAP_MAX_UNITS
        unit_sums = np.stack(
            [
                np.bincount(block, weights=column, minlength=BOOTSTRAP_MAX_UNITS)
                for column in features.T
            ],
            axis=1,
        )
        resampling = "blocks"
    # Replicates in chunks keep the count matrices small; the seeded stream is the same.
    boot_sums = np.concatenate(
        [
            _resample_counts(
                rng, len(unit_sums), min(_REPLICATES_PER_CHUNK, replicates - done)
            ).astype(np.float64)  # float @ float goes through BLAS
            @ unit_sums
            for done in range(0, replicates, _REPLICATES_PER_CHUNK)
        ]
    )
    boot_r2, boot_phi = shapley_r2(_covariance(boot_sums, q))
    with np.errstate(invalid="ignore", divide="ignore"):
        boot_share = boot_phi / boot_r2[:, None]
        share = phi / r2
    tail = (1 - confidence) / 2 * 100

    def interval(values: np.ndarray) -> Interval:
        low, high = np.nanpercentile(values, [tail, 100 - tail])
        return float(low), float(high)

    return DominanceResult(
        predictors=names,
        n=n,
        min_n=needed,
        shown=True,
        r2=float(r2),
        r2_ci=interval(boot_r2),
        contribution=tuple(float(v) for v in phi),
        contribution_ci=tuple(interval(boot_phi[:, j]) for j in range(q - 1)),
        share=tuple(float(v) for v in share),
        share_ci=tuple(interval(boot_share[:, j]) for j in range(q - 1)),
        replicates=replicates,
        resampling=resampling,
        confidence=confidence,
    )
