"""Whether a step meets its target, and its trend, from plain estimates."""

from __future__ import annotations

from dataclasses import dataclass

BELOW = "below"
MET = "met"
UNKNOWN = "unknown"  # too few answers to show (anonymity threshold) or none


@dataclass(frozen=True, slots=True)
class Judged:
    status: str
    # The whole interval lies under the target: not a matter of chance.
    clearly_below: bool = False


def judge(value: float | None, low: float | None, high: float | None, target: float) -> Judged:
    """A step is below target when its figure is; clearly so when its interval is too."""
    if value is None:
        return Judged(UNKNOWN)
    if value < target:
        return Judged(BELOW, clearly_below=high is not None and high < target)
    return Judged(MET)


def change(current: float | None, previous: float | None) -> float | None:
    """The change against the period before (None when either is not shown)."""
    if current is None or previous is None:
        return None
    return current - previous


def sparkline(values: list[float | None], width: int = 80, height: int = 20) -> str:
    """An SVG polyline's points for a small trend line; gaps (None) are skipped."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return ""
    lowest = min(v for _, v in known)
    highest = max(v for _, v in known)
    spread = (highest - lowest) or 1.0
    step = width / max(1, len(values) - 1)
    return " ".join(
        f"{i * step:.1f},{height - (v - lowest) / spread * height:.1f}" for i, v in known
    )
