from __future__ import annotations

import pytest

from klantcultuur.journeys.quality import retention


def _inputs(**values):
    base = {
        "customers": 10_000,
        "churn": 0.08,
        "revenue": 600.0,
        "acquisition_cost": 3000.0,
        "shares": (0.3, 0.5, 0.2),
    }
    return retention.Inputs(**{**base, **values})


def test_default_band_churn_adds_up_to_the_overall_churn():
    out = retention.compute(_inputs())
    shares = (0.3, 0.5, 0.2)
    mixed = sum(c * s for c, s in zip(out.band_churn, shares, strict=True))
    assert mixed == pytest.approx(0.08)
    assert out.band_churn_is_default
    assert out.band_churn[2] == pytest.approx(4 * out.band_churn[0])


def test_known_band_churn_is_used_as_given():
    out = retention.compute(_inputs(band_churn=(0.02, 0.05, 0.20)))
    assert not out.band_churn_is_default
    assert out.band_churn == (0.02, 0.05, 0.20)
    # 2,000 detractors, 15 points more churn than passives, 3,600 a year each.
    assert out.detractor_cost == pytest.approx(2000 * 0.15 * 3600)


def test_one_in_ten_detractors_becoming_passive_keeps_customers():
    out = retention.compute(_inputs(band_churn=(0.02, 0.05, 0.20), converted=0.1))
    assert out.scenario_customers_kept == pytest.approx(200 * 0.15)
    assert out.scenario_value == pytest.approx(30 * 3600)


def test_the_cost_of_lost_customers():
    out = retention.compute(_inputs())
    assert out.lost_per_year == pytest.approx(800)
    assert out.replacement_cost == pytest.approx(800 * 3000)
    assert out.retention_vs_acquisition == pytest.approx(5.0)


def test_no_revenue_gives_no_ratio_and_no_crash():
    assert retention.compute(_inputs(revenue=0.0)).retention_vs_acquisition is None
