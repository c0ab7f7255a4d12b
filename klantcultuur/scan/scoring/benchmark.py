"""Sector benchmark: other organisations of the same sector on this installation, or the Monitor."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from klantcultuur.scan.scoring.rules import (
    MIN_SECTOR_ORGANISATIONS,
    MONITOR,
    MONITOR_SECTORS_DOING_WELL,
    PHASES,
)


@dataclass(frozen=True)
class OrgSummary:
    """What one organisation's latest report contributes to a benchmark (see Report.summary)."""

    organisation: Hashable
    sector: str | None
    n: int
    scale_means: Mapping[str, float]
    phase: int = 0


def monitor_reference(sector: str | None) -> dict[str, float | bool]:
    """The Monitor's published figures, with the sector-specific ones where it gives them."""
    reference: dict[str, float | bool] = dict(MONITOR)
    if sector != "government":
        reference.pop("government_managers_example")
    reference["sector_doing_well"] = sector in MONITOR_SECTORS_DOING_WELL
    return reference


@dataclass(frozen=True)
class SectorBenchmark:
    """Benchmark for one organisation.

    ``source`` is "installation" when at least ``MIN_SECTOR_ORGANISATIONS`` *other*
    organisations share the sector (each counts once, whatever its size; the organisation
    itself is left out so it is not compared with itself), else "monitor" and the per-scale
    fields are empty. ``share_below[scale]`` is the share of those organisations with a lower
    mean than this one. ``monitor`` is always filled, for reference lines.
    """

    source: str
    sector: str | None
    n_organisations: int
    scale_mean: dict[str, float] = field(default_factory=dict)
    scale_p25: dict[str, float] = field(default_factory=dict)
    scale_p75: dict[str, float] = field(default_factory=dict)
    share_below: dict[str, float] = field(default_factory=dict)
    phase_shares: dict[str, float] = field(default_factory=dict)
    monitor: dict[str, float | bool] = field(default_factory=dict)


def sector_benchmark(
    own: OrgSummary,
    others: Iterable[OrgSummary],
    min_organisations: int = MIN_SECTOR_ORGANISATIONS,
) -> SectorBenchmark:
    """Compare ``own`` with the other organisations of its sector, or fall back to the Monitor."""
    peers = [
        o
        for o in others
        if o.organisation != own.organisation and own.sector and o.sector == own.sector and o.n > 0
    ]
    reference = monitor_reference(own.sector)
    if len(peers) < min_organisations:
        return SectorBenchmark("monitor", own.sector, len(peers), monitor=reference)
    means: dict[str, float] = {}
    p25: dict[str, float] = {}
    p75: dict[str, float] = {}
    below: dict[str, float] = {}
    for scale in own.scale_means:
        values = np.array([o.scale_means.get(scale, np.nan) for o in peers], dtype=np.float64)
        values = values[np.isfinite(values)]
        if len(values) < min_organisations:
            continue  # a scale few organisations measured would identify them
        means[scale] = float(values.mean())
        p25[scale], p75[scale] = (float(v) for v in np.percentile(values, [25, 75]))
        below[scale] = float(np.mean(values < own.scale_means[scale]))
    phases = [o.phase for o in peers if o.phase]
    shares = {
        name: (sum(1 for p in phases if p == i) / len(phases)) if phases else float("nan")
        for i, name in enumerate(PHASES, 1)
    }
    return SectorBenchmark(
        "installation", own.sector, len(peers), means, p25, p75, below, shares, reference
    )
