"""Comparison with the previous wave: change per scale with a Welch interval."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np

from klantcultuur.scan.scoring.rules import CONFIDENCE


def t_quantile(p: float, df: np.ndarray | float) -> np.ndarray:
    """Quantile of Student's t (p > 0.5), vectorised over ``df``.

    df < 3 uses the exact closed forms for 1 and 2 degrees of freedom at floor(df), which is
    conservative; from 3 on the Cornish-Fisher expansion of Abramowitz & Stegun 26.7.5, within
    0.004 of the exact value at df = 3 and within 1e-5 from df = 10.
    """
    df = np.asarray(df, dtype=np.float64)
    z = NormalDist().inv_cdf(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    with np.errstate(invalid="ignore", divide="ignore"):
        expansion = z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4
    one = math.tan(math.pi * (p - 0.5))
    two = (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    return np.where(df >= 3, expansion, np.where(df >= 2, two, one))


@dataclass(frozen=True, eq=False)
class WaveComparison:
    """Change from the previous wave per unit and scale (arrays shaped like the inputs).

    ``real`` is True where the interval for the change excludes zero: the report may call
    that change real; other changes are within the noise of sampling. ``effect_size`` is
    Cohen's d (change / pooled SD). NaN/False where either wave has fewer than 2 scores.
    """

    change: np.ndarray
    low: np.ndarray
    high: np.ndarray
    se: np.ndarray
    df: np.ndarray
    real: np.ndarray
    effect_size: np.ndarray
    confidence: float


def compare_waves(
    n_now: np.ndarray,
    mean_now: np.ndarray,
    sd_now: np.ndarray,
    n_before: np.ndarray,
    mean_before: np.ndarray,
    sd_before: np.ndarray,
    confidence: float = CONFIDENCE,
) -> WaveComparison:
    """Welch's interval for the difference of two independent means.

    Waves are anonymous, so respondents cannot be paired; treating them as independent samples
    is conservative when the same people answer again.
    """
    n1, n0 = np.asarray(n_now, dtype=np.float64), np.asarray(n_before, dtype=np.float64)
    m1, m0 = np.asarray(mean_now, dtype=np.float64), np.asarray(mean_before, dtype=np.float64)
    v1 = np.asarray(sd_now, dtype=np.float64) ** 2
    v0 = np.asarray(sd_before, dtype=np.float64) ** 2
    usable = (n1 >= 2) & (n0 >= 2) & np.isfinite(m1) & np.isfinite(m0)
    with np.errstate(invalid="ignore", divide="ignore"):
        a, b = v1 / n1, v0 / n0
        se = np.sqrt(a + b)
        df = (a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n0 - 1))
        t = t_quantile(0.5 + confidence / 2, np.where(np.isfinite(df), df, 1.0))
        pooled = np.sqrt(((n1 - 1) * v1 + (n0 - 1) * v0) / (n1 + n0 - 2))
        effect = (m1 - m0) / pooled
    change = m1 - m0
    # Both waves without any spread: the interval collapses onto the observed change.
    half = np.where(se > 0, t * se, 0.0)
    low, high = change - half, change + half
    real = usable & ((low > 0) | (high < 0))
    nan = np.full(change.shape, np.nan)
    return WaveComparison(
        change=np.where(usable, change, nan),
        low=np.where(usable, low, nan),
        high=np.where(usable, high, nan),
        se=np.where(usable, se, nan),
        df=np.where(usable, df, nan),
        real=real,
        effect_size=np.where(usable & (pooled > 0), effect, nan),
        confidence=confidence,
    )


@dataclass(frozen=True, eq=False)
class WaveStats:
    """What a later wave needs of an earlier one: per unit and scale n, mean and SD (all roles).

    Build it with ``Report.wave_stats()`` or, from a stored ``Report.to_dict()``, with
    ``WaveStats.from_report_dict``; units are matched by key and scales by code.
    """

    unit_keys: tuple[Hashable, ...]
    scale_codes: tuple[str, ...]
    n: np.ndarray  # (U, S)
    mean: np.ndarray
    sd: np.ndarray

    @classmethod
    def from_report_dict(cls, data: Mapping[str, Any]) -> WaveStats:
        """Read the "all" slice back from a stored report (None becomes NaN)."""
        units = data["units"]

        def all_slice(name: str) -> np.ndarray:
            values = np.array(units[name], dtype=np.float64)  # None -> nan
            return values[:, 0, :]

        return cls(
            unit_keys=tuple(tuple(k) if isinstance(k, list) else k for k in data["unit_keys"]),
            scale_codes=tuple(units["scale_codes"]),
            n=all_slice("scale_n"),
            mean=all_slice("scale_mean"),
            sd=all_slice("scale_sd"),
        )
