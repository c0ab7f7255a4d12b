"""The observations chart: static SVG without styles, a column for every week."""

from __future__ import annotations

import re

from klantcultuur.vision.scoring.chart import Week, week_chart


def test_every_week_has_a_slot_and_its_total_and_the_svg_carries_no_style():
    weeks = [Week("wk 1", (2, 1)), Week("wk 2", (0, 0)), Week("wk 3", (4, 3))]
    svg = week_chart(weeks, ["Terugbellen", "Op tijd <komen>"], title="Waarnemingen", desc="d")
    assert len(re.findall(r">wk \d</text>", svg)) == 3
    assert ">3</text>" in svg and ">7</text>" in svg  # totals above the columns
    assert "style" not in svg
    assert "Op tijd &lt;komen&gt;" in svg  # names escaped
    assert 'role="img"' in svg and "<title" in svg
