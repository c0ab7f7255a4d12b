"""The report's charts as static SVG (for pages now, for a printable PDF later), from the gate only."""

from __future__ import annotations

from django.utils.translation import gettext as _

from klantcultuur.scan import charts
from klantcultuur.scan.reporting import labels
from klantcultuur.scan.reporting.gate import ROOT_KEY, ReportGate

CHARTS = ("radar", "gap", "stance", "leaders", "waves")


def _too_few(gate: ReportGate) -> str:
    return _("fewer than %(n)s respondents or hidden") % {"n": gate.threshold}


def radar(gate: ReportGate, key: str = ROOT_KEY, *, compare_with_org: bool = False) -> str:
    q = gate.questionnaire
    components = q["analysis"]["components"]
    names = labels.scale_names(q)
    current = [gate.scale(key, code) for code in components]
    series = [charts.RadarSeries(_("This wave"), [f.value["mean"] if f else None for f in current])]
    if compare_with_org and key != ROOT_KEY:
        org = [gate.scale(ROOT_KEY, code) for code in components]
        series.append(
            charts.RadarSeries(
                _("Organisation"), [f.value["mean"] if f else None for f in org], "reference"
            )
        )
    elif gate.previous_wave:
        before = []
        for code, figure in zip(components, current, strict=True):
            change = gate.comparison(key, code)
            before.append(
                figure.value["mean"] - change.value["change"] if figure and change else None
            )
        if any(v is not None for v in before):
            series.append(charts.RadarSeries(gate.previous_wave["name"], before, "previous"))
    return charts.radar_chart(
        [names[code] for code in components],
        series,
        title=_("The four components of a customer culture"),
        desc=_("Mean score per component on a scale of 1 to 5."),
        too_few=_too_few(gate),
        id_prefix=f"radar-{key[:8]}",
        decimal_separator=labels.decimal_separator(),
    )


def gap(gate: ReportGate, key: str = ROOT_KEY) -> str:
    texts = labels.item_texts(gate.questionnaire)
    rows = []
    for row in gate.gap(key):
        own, seen = row["self"], row["seen"]
        rows.append(
            charts.GapRow(
                texts[row["seen_code"]],
                own.value["mean"] if own else None,
                seen.value["mean"] if seen else None,
                own.value["always"] if own else None,
                own.value["almost"] if own else None,
                seen.value["recognise"] if seen else None,
            )
        )
    reference = gate.gap_reference()
    return charts.gap_chart(
        rows,
        labels=charts.GapLabels(
            means_heading=_("How often (1 = never, 5 = always)"),
            shares_heading=_("Share saying (almost) always"),
            managers_view=_("Managers about themselves"),
            employees_view=_("Employees about their manager"),
            share_always=_("managers: always"),
            share_almost=_("managers: almost always"),
            share_recognise=_("employees recognise it"),
            reference_always=_("Monitor: managers saying always"),
            reference_almost=_("Monitor: always or almost always"),
            reference_strong=_("Monitor: organisations with a strong example"),
            too_few=_too_few(gate),
            scale_low=_("never"),
            scale_high=_("always"),
        ),
        title=_("Example behaviour: how managers see themselves and how their employees see them"),
        desc=_(
            "Per behaviour the mean of managers about themselves and of employees about their manager, and the shares, with the Monitor's reference lines."
        ),
        reference_always=reference["managers_always"],
        reference_almost=reference["managers_almost_always"],
        reference_strong=reference["organisations_strong_example"],
        id_prefix=f"gap-{key[:8]}",
        decimal_separator=labels.decimal_separator(),
    )


def stance(gate: ReportGate, rows: list[tuple[str, str]]) -> str:
    """``rows``: (unit key, label) pairs, e.g. the organisation and its divisions."""
    return charts.stance_chart(
        [
            charts.StanceRow(label, f.value if (f := gate.stance(key)) else None)
            for key, label in rows
        ],
        stance_labels=(
            str(labels.STANCES["pullers"]),
            str(labels.STANCES["riders"]),
            str(labels.STANCES["resisters"]),
        ),
        reference_label=_("Rule of thumb 20/60/20"),
        title=_("Pullers, riders and resisters"),
        desc=_(
            "Share of pullers, riders and resisters per unit against the 20/60/20 rule of thumb."
        ),
        too_few=_too_few(gate),
        reference=gate.stance_reference(),
        id_prefix="stance",
    )


def leaders(gate: ReportGate, key: str = ROOT_KEY) -> str:
    figure = gate.leaders_peers(key)
    value = figure.value if figure else None

    def estimate(name: str):
        return charts.Estimate(*value[name]) if value else None

    return charts.leaders_peers_chart(
        estimate("leaders"),
        estimate("peers"),
        leaders_label=_("Goes with the example of leaders"),
        peers_label=_("Goes with the norms among colleagues"),
        axis_label=_(
            "Share of the explained differences in own customer-focused intention and behaviour"
        ),
        title=_("Leaders or peers"),
        desc=_(
            "Which share of the explained variance in employees' own intention and behaviour goes with their manager's example and which with their colleagues' norms, with 95% intervals."
        ),
        too_few=(
            (figure.message or _too_few(gate))
            if figure is not None and not figure
            else _too_few(gate)
        ),
        id_prefix=f"leaders-{key[:8]}",
    )


def waves(gate: ReportGate, key: str = ROOT_KEY) -> str | None:
    if not gate.previous_wave:
        return None
    names = labels.scale_names(gate.questionnaire)
    rows = []
    for code in gate.scale_codes:
        figure = gate.comparison(key, code)
        if figure is None:
            continue
        value = figure.value if figure else None
        rows.append(
            charts.WaveRow(
                names[code],
                value["change"] if value else None,
                value["low"] if value else None,
                value["high"] if value else None,
                bool(value and value["real"]),
            )
        )
    return charts.wave_chart(
        rows,
        title=_("Change since %(wave)s") % {"wave": gate.previous_wave["name"]},
        desc=_("Change of the mean per scale with its 95% interval; filled dots are real changes."),
        real_label=_("real change"),
        noise_label=_("within the noise"),
        axis_label=_("change in points (scale 1 to 5)"),
        too_few=_too_few(gate),
        id_prefix=f"waves-{key[:8]}",
        decimal_separator=labels.decimal_separator(),
    )


def chart(gate: ReportGate, name: str, stance_rows: list[tuple[str, str]]) -> str | None:
    """One organisation-level chart by name (for the SVG download)."""
    if name == "radar":
        return radar(gate)
    if name == "gap":
        return gap(gate)
    if name == "stance":
        return stance(gate, stance_rows)
    if name == "leaders":
        return leaders(gate)
    if name == "waves":
        return waves(gate)
    return None
