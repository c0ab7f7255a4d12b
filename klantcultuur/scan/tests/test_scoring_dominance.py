"""Leaders or peers: Shapley decomposition of R-squared with a seeded bootstrap."""

from __future__ import annotations

import numpy as np
import pytest

from klantcultuur.scan.scoring import decompose, minimum_n, shapley_r2


def cov_of(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.cov(np.column_stack([y, x]), rowvar=False, ddof=0)


def test_with_orthogonal_predictors_each_shapley_value_is_its_squared_correlation():
    # x1 and x2 are exactly uncorrelated contrasts; y = 2 x1 + x2 + e with e orthogonal to both.
    x1 = np.tile([1.0, 1.0, -1.0, -1.0], 25)
    x2 = np.tile([1.0, -1.0, 1.0, -1.0], 25)
    e = np.tile([1.0, -1.0, -1.0, 1.0], 25)
    y = 2 * x1 + x2 + e
    r2, phi = shapley_r2(cov_of(y, np.column_stack([x1, x2])))
    r1, r2_single = np.corrcoef(y, x1)[0, 1] ** 2, np.corrcoef(y, x2)[0, 1] ** 2
    # Var(y) = 4 + 1 + 1 = 6, so the squared correlations are 4/6 and 1/6.
    assert phi == pytest.approx([4 / 6, 1 / 6])
    assert phi == pytest.approx([r1, r2_single])
    assert r2 == pytest.approx(5 / 6)


def test_with_exchangeable_predictors_the_shares_are_equal():
    rng = np.random.default_rng(1)
    a, b, e = rng.normal(size=300), rng.normal(size=300), rng.normal(size=300)
    # Every row (a, b, e) also appears as (b, a, e): x1 and x2 are exactly exchangeable.
    x1, x2, noise = np.r_[a, b], np.r_[b, a], np.r_[e, e]
    y = x1 + x2 + noise
    r2, phi = shapley_r2(cov_of(y, np.column_stack([x1, x2])))
    assert phi[0] == pytest.approx(phi[1])
    assert phi.sum() == pytest.approx(r2)


def test_correlated_predictors_split_r_squared_as_the_two_predictor_formula_says():
    rng = np.random.default_rng(2)
    x1 = rng.normal(size=500)
    x2 = 0.6 * x1 + rng.normal(size=500)
    y = x1 + 0.5 * x2 + rng.normal(size=500)

    def r2_of(*cols):
        design = np.column_stack([np.ones(500), *cols])
        residual = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
        return 1 - residual.var() / y.var()

    full, only1, only2 = r2_of(x1, x2), r2_of(x1), r2_of(x2)
    r2, phi = shapley_r2(cov_of(y, np.column_stack([x1, x2])))
    assert r2 == pytest.approx(full)
    assert phi == pytest.approx([(only1 + full - only2) / 2, (only2 + full - only1) / 2])


def sample(n: int, seed: int = 3):
    rng = np.random.default_rng(seed)
    leaders = rng.normal(3, 0.8, n)
    peers = 0.4 * leaders + rng.normal(2, 0.7, n)
    outcome = 0.3 * leaders + 0.6 * peers + rng.normal(0, 0.6, n)
    return outcome, np.column_stack([leaders, peers])


def test_below_the_minimum_n_nothing_is_computed_or_shown():
    assert minimum_n(2) == 66
    y, x = sample(65)
    hidden = decompose(y, x, ("leaders", "peers"))
    assert not hidden.shown and hidden.r2 is None and hidden.share is None
    assert decompose(*sample(66), ("leaders", "peers")).shown


def test_rows_with_a_missing_score_are_left_out_before_counting_n():
    y, x = sample(70)
    y[:5] = np.nan
    assert decompose(y, x, ("leaders", "peers")).n == 65


def test_the_bootstrap_is_seeded_deterministic_and_brackets_the_estimate():
    y, x = sample(400)
    first = decompose(y, x, ("leaders", "peers"), seed=5)
    again = decompose(y, x, ("leaders", "peers"), seed=5)
    other = decompose(y, x, ("leaders", "peers"), seed=6)
    assert first == again
    assert first.share_ci != other.share_ci
    assert first.resampling == "respondents"
    for value, (low, high) in zip(first.share, first.share_ci, strict=True):
        assert low <= value <= high
    assert sum(first.share) == pytest.approx(1.0)
    assert first.share[1] > first.share[0]  # peers carry more in this sample


def test_large_samples_resample_random_blocks_with_a_similar_interval_width(monkeypatch):
    import klantcultuur.scan.scoring.dominance as dominance

    y, x = sample(6000)
    blocks = decompose(y, x, ("leaders", "peers"))
    # The respondent bootstrap on the same data, for comparison.
    monkeypatch.setattr(dominance, "BOOTSTRAP_MAX_UNITS", 10_000)
    respondents = decompose(y, x, ("leaders", "peers"))

    def width(result):
        return result.share_ci[0][1] - result.share_ci[0][0]

    assert (blocks.resampling, respondents.resampling) == ("blocks", "respondents")
    assert width(blocks) == pytest.approx(width(respondents), rel=0.25)
