"""SVG charts: well-formed, accessible, CSP-safe, escaped, and honest about suppressed values."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from klantcultuur.scan.charts import (
    Estimate,
    GapLabels,
    GapRow,
    RadarSeries,
    StanceRow,
    WaveRow,
    contrast_ratio,
    gap_chart,
    heat_colour,
    leaders_peers_chart,
    radar_chart,
    stance_chart,
    wave_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'Team <script>alert("x")</script> & "co"'
TOO_FEW = "te weinig respondenten"

LABELS = GapLabels(
    means_heading="Gemiddelde",
    shares_heading="Aandeel",
    managers_view="Leidinggevenden",
    employees_view="Medewerkers",
    share_always="altijd",
    share_almost="bijna altijd",
    share_recognise="herkent het",
    reference_always="Monitor: altijd",
    reference_almost="Monitor: (bijna) altijd",
    reference_strong="Monitor: sterk voorbeeld",
    too_few=TOO_FEW,
)


def all_charts(label: str = NASTY, suppressed: bool = True) -> dict[str, str]:
    missing = None if suppressed else 3.0
    return {
        "radar": radar_chart(
            ["Visie", "Leiderschap", label, "Sturing"],
            [
                RadarSeries("Nu", [3.8, 3.4, missing, 3.1]),
                RadarSeries("Vorige", [3.5, 3.3, 2.8, 2.9], "previous"),
                RadarSeries("Sector", [3.6, 3.5, 3.2, 3.3], "reference"),
            ],
            title=label,
            desc=label,
            too_few=TOO_FEW,
        ),
        "gap": gap_chart(
            [
                GapRow(label, 4.4, 3.1, 0.52, 0.31, 0.22),
                GapRow("B2", missing, missing, None if suppressed else 0.4, 0.3, 0.1),
            ],
            labels=LABELS,
            title=label,
            desc=label,
        ),
        "stance": stance_chart(
            [
                StanceRow(label, (0.25, 0.55, 0.2)),
                StanceRow("B", None if suppressed else (0.2, 0.6, 0.2)),
            ],
            stance_labels=("trekkers", "meelopers", "remmers"),
            reference_label="20/60/20",
            title=label,
            desc=label,
            too_few=TOO_FEW,
        ),
        "leaders": leaders_peers_chart(
            Estimate(0.35, 0.22, 0.49),
            None if suppressed else Estimate(0.65, 0.51, 0.78),
            leaders_label=label,
            peers_label="Collega's",
            axis_label="Aandeel verklaarde variantie",
            title=label,
            desc=label,
            too_few=TOO_FEW,
        ),
        "wave": wave_chart(
            [WaveRow(label, 0.31, 0.12, 0.5, True), WaveRow("HRM", missing, -0.1, 0.2)],
            title=label,
            desc=label,
            real_label="echt",
            noise_label="ruis",
            axis_label="verschil",
            too_few=TOO_FEW,
        ),
    }


CHARTS = all_charts()


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_is_well_formed_svg_with_a_viewbox(name):
    root = ET.fromstring(CHARTS[name])
    assert root.tag == f"{SVG}svg"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_is_accessible_with_role_label_title_and_description(name):
    root = ET.fromstring(CHARTS[name])
    assert root.get("role") == "img"
    assert root.get("aria-label") == NASTY
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == NASTY and desc.text == NASTY
    assert set(root.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_no_chart_uses_inline_styles(name):
    root = ET.fromstring(CHARTS[name])
    for element in root.iter():
        assert "style" not in element.attrib, element.tag
        assert element.tag != f"{SVG}style"
    assert "style=" not in CHARTS[name]


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_text_is_escaped_so_no_markup_gets_through(name):
    root = ET.fromstring(CHARTS[name])
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "<script>" not in CHARTS[name] and "&lt;script&gt;" in CHARTS[name]
    texts = "".join(root.itertext())
    assert NASTY in texts or "alert" in texts  # the label survives as plain text


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_suppressed_values_are_drawn_hatched_and_labelled(name):
    root = ET.fromstring(CHARTS[name])
    hatched = [e for e in root.iter() if (e.get("fill") or "").endswith("-hatch)")]
    assert hatched, "a suppressed value needs a hatched marker"
    assert TOO_FEW in "".join(root.itertext())


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_without_suppressed_values_there_is_no_hatched_marker(name):
    svg = all_charts(suppressed=False)[name]
    assert TOO_FEW not in svg
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if (e.get("fill") or "").endswith("-hatch)")]


def test_two_charts_on_one_page_get_different_ids():
    first = radar_chart(
        ["a", "b", "c"], [RadarSeries("x", [1, 2, 3])], title="A", desc="a", too_few="-"
    )
    second = radar_chart(
        ["a", "b", "c"], [RadarSeries("x", [1, 2, 3])], title="B", desc="b", too_few="-"
    )
    ids = lambda svg: {e.get("id") for e in ET.fromstring(svg).iter() if e.get("id")}  # noqa: E731
    assert ids(first).isdisjoint(ids(second))


def test_the_gap_chart_draws_the_monitors_reference_lines():
    svg = CHARTS["gap"]
    for text in (
        "50%: Monitor: altijd",
        "83%: Monitor: (bijna) altijd",
        "20%: Monitor: sterk voorbeeld",
    ):
        assert text in svg


def test_dutch_charts_use_a_decimal_comma():
    assert "3,8" in CHARTS["radar"] and "+0,31" in CHARTS["wave"]


@pytest.mark.parametrize("value", [1.0, 1.8, 2.5, 3.0, 3.4, 4.2, 5.0, 7.0, -1.0])
def test_heatmap_text_has_at_least_aa_contrast_on_its_fill(value):
    colour = heat_colour(value)
    assert contrast_ratio(colour.text, colour.fill) >= 4.5


def test_the_heatmap_scale_diverges_around_the_middle():
    low, middle, high = heat_colour(1.0), heat_colour(3.0), heat_colour(5.0)
    assert (low.fill, middle.fill, high.fill) == ("#B35806", "#F7F7F7", "#542788")
    assert heat_colour(3.0, low=1, high=5, middle=3.5).fill != middle.fill


def test_a_suppressed_heatmap_cell_is_grey_not_a_colour_of_the_scale():
    cell = heat_colour(None)
    assert cell.suppressed and cell.fill == "#E6E6E6"
    assert contrast_ratio(cell.text, cell.fill) >= 4.5
