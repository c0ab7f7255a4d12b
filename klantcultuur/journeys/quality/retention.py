"""The business case of retention: what keeping customers is worth, what detractors cost.

Where the organisation does not know churn per NPS band, it is derived from the overall
churn with default ratios (promoters : passives : detractors = 1 : 2 : 4), scaled so that
the mix of bands reproduces the overall churn. The ratios are our default assumption, not
the organisation's data: every page marks them so, and the board can enter its own.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_RATIOS = (1.0, 2.0, 4.0)  # promoters, passives, detractors


@dataclass(frozen=True, slots=True)
class Inputs:
    customers: int
    churn: float  # share per year, 0…1
    revenue: float  # per customer per year
    acquisition_cost: float
    shares: tuple[float, float, float]  # promoters, passives, detractors, sum 1
    band_churn: tuple[float, float, float] | None = None  # known churn per band
    converted: float = 0.1  # share of detractors who become passives in the scenario


@dataclass(frozen=True, slots=True)
class Outcome:
    band_churn: tuple[float, float, float]
    band_churn_is_default: bool
    lost_per_year: float  # customers
    replacement_cost: float  # winning the lost customers back with new ones
    lost_revenue: float
    detractors: float  # customers
    detractor_cost: float  # what detractors' extra churn (above passives') costs a year
    value_per_retained: float  # revenue plus the acquisition cost not spent
    scenario_customers_kept: float
    scenario_value: float
    retention_vs_acquisition: float | None  # cost of winning / yearly revenue


def band_churn_from(churn: float, shares: tuple[float, float, float]) -> tuple[float, float, float]:
    """Churn per band from the default ratios, so that the weighted mix equals `churn`."""
    mix = sum(r * s for r, s in zip(DEFAULT_RATIOS, shares, strict=True))
    if mix == 0:
        return (churn, churn, churn)
    scale = churn / mix
    low, middle, high = (min(1.0, r * scale) for r in DEFAULT_RATIOS)
    return (low, middle, high)


def compute(inputs: Inputs) -> Outcome:
    detractors = inputs.shares[2]
    if inputs.band_churn is not None:
        bands, is_default = inputs.band_churn, False
    else:
        bands, is_default = band_churn_from(inputs.churn, inputs.shares), True
    lost = inputs.customers * inputs.churn
    value_per_retained = inputs.revenue + inputs.acquisition_cost
    n_detractors = inputs.customers * detractors
    extra_churn = max(0.0, bands[2] - bands[1])
    detractor_cost = n_detractors * extra_churn * value_per_retained
    kept = n_detractors * inputs.converted * extra_churn
    ratio = inputs.acquisition_cost / inputs.revenue if inputs.revenue else None
    return Outcome(
        band_churn=bands,
        band_churn_is_default=is_default,
        lost_per_year=lost,
        replacement_cost=lost * inputs.acquisition_cost,
        lost_revenue=lost * inputs.revenue,
        detractors=n_detractors,
        detractor_cost=detractor_cost,
        value_per_retained=value_per_retained,
        scenario_customers_kept=kept,
        scenario_value=kept * value_per_retained,
        retention_vs_acquisition=ratio,
    )
