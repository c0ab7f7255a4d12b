"""The maturity phase of a unit from its four component means, and what holds it back."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from klantcultuur.scan.scoring.rules import (
    PHASE_DECIMALS,
    PHASE_LOWER_BOUNDS,
    PHASES,
    WEAKEST_COMPONENT_MARGIN,
)


def phase_of_score(score: np.ndarray | float) -> np.ndarray:
    """Phase number 1..5 of a mean on the 1-5 scale: 1 + the number of lower bounds reached."""
    return 1 + np.searchsorted(np.asarray(PHASE_LOWER_BOUNDS), score, side="right")


@dataclass(frozen=True, eq=False)
class PhaseResult:
    """Phase per unit. ``phase`` is 1..5 (``PHASES[phase - 1]``), 0 when a component is missing.

    ``holding_back`` indexes ``components`` (the weakest component, -1 when unknown);
    ``capped`` says whether that weakest component pulled the phase below ``by_mean``.
    """

    components: tuple[str, ...]
    component_means: np.ndarray  # (U, C), rounded as used by the rule
    by_mean: np.ndarray  # (U,)
    by_weakest: np.ndarray  # (U,) the cap: phase of the weakest component + margin
    phase: np.ndarray  # (U,)
    holding_back: np.ndarray  # (U,)
    capped: np.ndarray  # (U,)

    def name(self, u: int) -> str | None:
        """The phase name of unit ``u`` (e.g. "ontwikkelen"), or None when unknown."""
        p = int(self.phase[u])
        return PHASES[p - 1] if p else None


def maturity_phase(component_means: np.ndarray, components: tuple[str, ...]) -> PhaseResult:
    """Apply the phase rule to component means shaped (..., C); see the package docstring.

    phase = min(phase(mean of the components), phase(weakest component) + 1), with every mean
    first rounded to two decimals (as shown in reports). Both terms are non-decreasing in every
    component, so raising a component never lowers the phase. Ties for the weakest component go
    to the first in ``components`` order.
    """
    means = np.round(np.asarray(component_means, dtype=np.float64), PHASE_DECIMALS)
    known = np.all(np.isfinite(means), axis=-1)
    filled = np.where(np.isfinite(means), means, 0.0)
    overall = np.round(filled.mean(axis=-1), PHASE_DECIMALS)
    weakest = filled.min(axis=-1)
    by_mean = phase_of_score(overall)
    by_weakest = np.minimum(phase_of_score(weakest) + WEAKEST_COMPONENT_MARGIN, len(PHASES))
    phase = np.minimum(by_mean, by_weakest)
    holding_back = np.argmin(filled, axis=-1)  # argmin returns the first of equal minima
    return PhaseResult(
        components=components,
        component_means=means,
        by_mean=np.where(known, by_mean, 0),
        by_weakest=np.where(known, by_weakest, 0),
        phase=np.where(known, phase, 0),
        holding_back=np.where(known, holding_back, -1),
        capped=known & (by_weakest < by_mean),
    )
