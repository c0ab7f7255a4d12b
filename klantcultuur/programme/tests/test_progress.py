"""The pure phase computations and the overlapping-phases chart."""

from __future__ import annotations

import re

from klantcultuur.programme.progress import PhasePoint, phase_chart, phase_shares, trend

NAMES = ["Negeren", "Verkennen", "Ontwikkelen", "Verankeren", "Transformeren"]


def test_phase_shares_count_units_per_phase():
    assert phase_shares([3, 3, 2, 4]) == {1: 0.0, 2: 0.25, 3: 0.5, 4: 0.25, 5: 0.0}
    assert phase_shares([]) == dict.fromkeys(range(1, 6), 0.0)


def test_trend_compares_two_waves_and_knows_when_it_cannot():
    assert trend(2, 3) == "up"
    assert trend(3, 2) == "down"
    assert trend(3, 3) == "same"
    assert trend(None, 3) is None
    assert trend(3, None) is None


def _chart(points):
    return phase_chart(
        points,
        phase_names=NAMES,
        title="Fasen <&>",
        own_label="Eigen fase",
        empty_text="Nog geen rapport",
    )


def test_the_chart_draws_one_band_per_phase_present_and_the_own_phase_per_wave():
    svg = _chart(
        [
            PhasePoint("2025", (2, 2, 3), own=2),
            PhasePoint("2026", (3, 3, 4), own=3),
        ]
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    # Phases 2, 3 and 4 occur: three bands; phases 1 and 5 none.
    assert len(re.findall(r"<polygon", svg)) == 3
    # Own phase: one dot per wave plus the legend dot.
    assert len(re.findall(r'<circle[^>]*r="5" fill="#000000" stroke', svg)) == 2
    assert "Fasen &lt;&amp;&gt;" in svg
    assert "style=" not in svg and "<style" not in svg
    assert "2025: Verkennen 67%, Ontwikkelen 33%; Eigen fase: Verkennen" in svg


def test_bands_of_neighbouring_phases_overlap():
    svg = _chart([PhasePoint("A", (2, 3)), PhasePoint("B", (2, 3))])
    bands = re.findall(r'<polygon points="([^"]+)"', svg)
    ys = [[float(p.split(",")[1]) for p in band.split()] for band in bands]
    # The higher phase (drawn second, higher up) reaches below the top of the lower one.
    lower_top, upper_bottom = min(ys[0]), max(ys[1])
    assert upper_bottom > lower_top


def test_without_waves_the_chart_says_so():
    svg = _chart([])
    assert "Nog geen rapport" in svg and "<polygon" not in svg
