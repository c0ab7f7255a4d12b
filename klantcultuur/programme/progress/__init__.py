"""Pure computation of the change programme: plain data in, plain data out, no Django.

``phase_shares`` and ``trend`` summarise maturity phases over scan waves; ``phase_chart``
draws them as overlapping phases over time (one band per phase whose thickness is the share
of units in that phase at each wave), because change runs in overlapping phases, not along a
straight line.
"""

from klantcultuur.programme.progress.adoption import adoption_chart
from klantcultuur.programme.progress.phases import (
    PhasePoint,
    phase_chart,
    phase_shares,
    trend,
)
from klantcultuur.programme.progress.positions import Track, movement, positions_chart

__all__ = [
    "PhasePoint",
    "Track",
    "adoption_chart",
    "movement",
    "phase_chart",
    "phase_shares",
    "positions_chart",
    "trend",
]
