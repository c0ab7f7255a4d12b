"""What each report page shows, built from the gate alone (no raw report figures here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from klantcultuur.orgs.models import Organization, OrgUnit
from klantcultuur.orgs.tree import Node, UnitTree
from klantcultuur.scan.reporting import figures, labels
from klantcultuur.scan.reporting.gate import ROOT_KEY, Figure, ReportGate

# Scales whose statements can be a strength or a weak point of the culture itself.
CULTURE_GROUPS = ("component", "listening", "carriers", "orientation")
EXTREMES = 3
HEAT_STEPS = 16  # bins of a quarter point between 1 and 5; classes heat-0 .. heat-16


@dataclass(frozen=True)
class UnitInfo:
    key: str
    name: str
    depth: int
    kind: str = ""
    office: str = ""
    uuid: str = ""


class Directory:
    """Names and tree order of the units in a report the viewer may see (one query)."""

    def __init__(self, organization: Organization, gate: ReportGate) -> None:
        rows = OrgUnit.objects.filter(organization=organization).values_list(
            "id", "uuid", "parent_id", "name", "kind", "office", "archived_at"
        )
        nodes, keys = {}, {}
        for unit_id, code, parent_id, name, kind, office, archived in rows:
            nodes[unit_id] = Node(unit_id, parent_id, name, kind, office, archived is not None)
            keys[unit_id] = str(code)
        self.units: list[UnitInfo] = [UnitInfo(ROOT_KEY, organization.name, 0)]
        for node, depth in UnitTree(nodes).walk(include_archived=True):
            key = keys[node.id]
            if gate.can_see(key):
                self.units.append(UnitInfo(key, node.name, depth + 1, node.kind, node.office, key))
        if not gate.can_see(ROOT_KEY):
            self.units.pop(0)
        self.by_key = {unit.key: unit for unit in self.units}

    def name(self, key: str) -> str:
        return self.by_key[key].name

    def children(self, gate: ReportGate, key: str) -> list[UnitInfo]:
        return [self.by_key[k] for k in gate.child_keys(key) if k in self.by_key]


def heat_class(mean: float | None) -> str:
    if mean is None:
        return "heat-none"
    step = round((min(max(mean, 1.0), 5.0) - 1.0) * HEAT_STEPS / 4)
    return f"heat-{step}"


def _culture_items(gate: ReportGate) -> list[str]:
    q = gate.questionnaire
    groups = {scale["code"] for scale in q["scales"] if scale["group"] in CULTURE_GROUPS}
    return [item["code"] for item in q["items"] if item["scale"] in groups]


def extremes(gate: ReportGate, key: str) -> tuple[list[dict], list[dict]]:
    """The statements scored highest and lowest (after reverse keying), shown ones only."""
    q = gate.questionnaire
    texts = labels.item_texts(q)
    reverse = {item["code"] for item in q["items"] if item["reverse"]}
    shown = []
    for code in _culture_items(gate):
        figure = gate.item(key, code)
        if figure:
            shown.append(
                {
                    "code": code,
                    "text": texts[code],
                    "mean": figure.value["mean"],
                    "reverse": code in reverse,
                }
            )
    shown.sort(key=lambda row: (row["mean"], row["code"]))
    return shown[::-1][:EXTREMES], shown[:EXTREMES]


def _components(gate: ReportGate, key: str) -> list[dict[str, Any]]:
    names = labels.scale_names(gate.questionnaire)
    return [
        {
            "code": code,
            "name": names[code],
            "figure": gate.scale(key, code),
            "change": gate.comparison(key, code),
        }
        for code in gate.questionnaire["analysis"]["components"]
    ]


def _phase(gate: ReportGate, key: str) -> dict[str, Any]:
    figure = gate.phase(key)
    names = labels.scale_names(gate.questionnaire)
    steps = [
        {
            "number": i,
            "name": labels.PHASES[name],
            "current": bool(figure) and figure.value["number"] == i,
        }
        for i, name in enumerate(labels.PHASES, 1)
    ]
    holding = figure.value["holding_back"] if figure else None
    return {
        "figure": figure,
        "steps": steps,
        "name": labels.PHASES[figure.value["name"]] if figure else None,
        "holding_back": names.get(holding) if holding else None,
    }


def _preconditions(gate: ReportGate, key: str) -> list[dict[str, Any]]:
    names = labels.precondition_names(gate.questionnaire)
    return [
        {
            **row,
            "name": names[row["key"]],
            "status": labels.STATUSES[row["figure"].value["status"]] if row["figure"] else None,
        }
        for row in gate.preconditions(key)
    ]


def _approach(gate: ReportGate, key: str) -> dict[str, Any]:
    figure = gate.approach(key)
    if not figure:
        return {"figure": figure}
    return {
        "figure": figure,
        "name": labels.APPROACHES.get(figure.value["approach"]),
        "shares": [
            {"key": k, "name": labels.APPROACHES[k], "share": share}
            for k, share in figure.value["shares"].items()
        ],
    }


def _stance_rows(gate: ReportGate, directory: Directory, key: str) -> list[tuple[str, str]]:
    return [(key, directory.name(key))] + [
        (child.key, child.name) for child in directory.children(gate, key)
    ]


def stance_rows(gate: ReportGate, directory: Directory) -> list[tuple[str, str]]:
    if not gate.can_see(ROOT_KEY):
        return []
    return _stance_rows(gate, directory, ROOT_KEY)


def _benchmark(gate: ReportGate) -> dict[str, Any] | None:
    found = gate.benchmark()
    if not found:
        return None
    names = labels.scale_names(gate.questionnaire)
    rows = []
    if found["source"] == "installation":
        for code in gate.questionnaire["analysis"]["components"]:
            own = gate.scale(ROOT_KEY, code)
            if code in found["scale_mean"]:
                rows.append(
                    {
                        "name": names[code],
                        "own": own,
                        "mean": found["scale_mean"][code],
                        "p25": found["scale_p25"][code],
                        "p75": found["scale_p75"][code],
                        "below": found["share_below"][code],
                    }
                )
    return {
        "source": found["source"],
        "n": found["n_organisations"],
        "rows": rows,
        "monitor": found["monitor"],
    }


def organisation_page(gate: ReportGate, directory: Directory) -> dict[str, Any]:
    """The organisation report: phase, radar, gap, 20/60/20, leaders or peers, extremes."""
    root = ROOT_KEY
    strengths, weak_points = extremes(gate, root)
    rows = stance_rows(gate, directory)
    leaders = [
        {"name": directory.name(key), "figure": figure}
        for key, _n in rows
        if (figure := gate.leaders_peers(key)) is not None
    ]
    names = labels.scale_names(gate.questionnaire)
    alpha = [{"name": names[code], "figure": figure} for code, figure in gate.alpha().items()]
    return {
        "group": gate.group(root),
        "phase": _phase(gate, root),
        "components": _components(gate, root),
        "strengths": strengths,
        "weak_points": weak_points,
        "gap_self": gate.scale(root, "VBZ", "manager"),
        "gap_seen": gate.scale(root, "VBM", "employee"),
        "stance": gate.stance(root),
        "leaders": leaders,
        "approach": _approach(gate, root),
        "preconditions": _preconditions(gate, root),
        "benchmark": _benchmark(gate),
        "alpha": alpha,
        "charts": {
            "radar": figures.radar(gate),
            "gap": figures.gap(gate),
            "stance": figures.stance(gate, rows),
            "leaders": figures.leaders(gate),
        },
    }


def summary_page(gate: ReportGate) -> dict[str, Any]:
    """What every member may read: the organisation as a whole."""
    strengths, weak_points = extremes(gate, ROOT_KEY)
    return {
        "group": gate.group(ROOT_KEY),
        "phase": _phase(gate, ROOT_KEY),
        "components": _components(gate, ROOT_KEY),
        "strengths": strengths,
        "weak_points": weak_points,
        "stance": gate.stance(ROOT_KEY),
        "charts": {"radar": figures.radar(gate)},
    }


def _scale_rows(gate: ReportGate, key: str) -> list[dict[str, Any]]:
    names = labels.scale_names(gate.questionnaire)
    analysis = gate.questionnaire["analysis"]
    slice_of = {analysis["role_model_self"]: "manager", analysis["role_model_seen"]: "employee"}
    rows = []
    for code in gate.scale_codes:
        slice_ = slice_of.get(code, "all")
        figure = gate.scale(key, code, slice_)
        rows.append(
            {
                "code": code,
                "name": names[code],
                "slice": labels.SLICES[slice_],
                "figure": figure,
                "band": labels.BANDS.get(figure.value["band"]) if figure else None,
                "org": gate.scale(ROOT_KEY, code, slice_)
                if key != ROOT_KEY and gate.can_see(ROOT_KEY)
                else None,
                "change": gate.comparison(key, code),
            }
        )
    return rows


def unit_page(gate: ReportGate, directory: Directory, key: str) -> dict[str, Any]:
    """One unit (with everything below it)."""
    gap_rows = gate.gap(key)
    any_self = any(row["self"] for row in gap_rows)
    any_seen = any(row["seen"] for row in gap_rows)
    texts = labels.item_texts(gate.questionnaire)
    # A team has one leader: without their self-view, show what the employees see.
    recognition = (
        [{"text": texts[row["seen_code"]], "figure": row["seen"]} for row in gap_rows]
        if any_seen and not any_self
        else None
    )
    children = [
        {"unit": child, "group": gate.group(child.key), "phase": gate.phase(child.key)}
        for child in directory.children(gate, key)
    ]
    return {
        "unit": directory.by_key[key],
        "group": gate.group(key),
        "phase": _phase(gate, key),
        "components": _components(gate, key),
        "scales": _scale_rows(gate, key),
        "stance": gate.stance(key),
        "preconditions": _preconditions(gate, key),
        "comments": gate.comments(key),
        "recognition": recognition,
        "children": children,
        "charts": {
            "radar": figures.radar(gate, key, compare_with_org=gate.can_see(ROOT_KEY)),
            "gap": figures.gap(gate, key) if any_self and any_seen else None,
            "stance": figures.stance(gate, _stance_rows(gate, directory, key)),
        },
    }


def own_example_page(gate: ReportGate, key: str) -> dict[str, Any]:
    """The manager's private block on their own team's page: self-view next to the team's view.

    Answers are anonymous, so one manager's own answers cannot be found in the report: the
    self-view is that of all managers who answered for this unit (shown only when they are at
    least the threshold), next to the team's (employees') view of their manager. Both pass the
    gate; a hidden side carries its reason and what would show it.
    """
    analysis = gate.questionnaire["analysis"]
    texts = labels.item_texts(gate.questionnaire)
    rows = [
        {"text": texts[row["self_code"]], "self": row["self"], "seen": row["seen"]}
        for row in gate.gap(key)
    ]
    team = gate.group(key, "employee")
    self_scale = gate.scale(key, analysis["role_model_self"], "manager")
    return {
        "team": team,
        "self_scale": self_scale,
        "seen_scale": gate.scale(key, analysis["role_model_seen"], "employee"),
        "rows": rows if team else [],
        # Without any self-view figure, one sentence says why instead of a column of reasons.
        "show_self": bool(self_scale) or any(row["self"] for row in rows),
    }


HEATMAP_FIRST = ("role_model_seen", "role_model_self")


def heatmap_page(gate: ReportGate, directory: Directory, slice_: str) -> dict[str, Any]:
    """Units by scale; suppressed cells say why."""
    names = labels.scale_names(gate.questionnaire)
    # The leaders' example behaviour, as the employees see it and as the leaders see it
    # themselves, is what the page is read for: those columns come first.
    analysis: Mapping[str, Any] = gate.questionnaire["analysis"]
    first = [analysis[k] for k in HEATMAP_FIRST if analysis.get(k) in gate.scale_codes]
    codes = first + [code for code in gate.scale_codes if code not in first]
    columns = [{"code": code, "name": names[code], "key": code in first} for code in codes]
    rows = []
    for unit in directory.units:
        group = gate.group(unit.key, slice_)
        if group.reason == "no_respondents" and unit.key != ROOT_KEY:
            continue
        cells = []
        for code in codes:
            figure = gate.scale(unit.key, code, slice_)
            cells.append(
                {"figure": figure, "css": heat_class(figure.value["mean"] if figure else None)}
            )
        rows.append({"unit": unit, "group": group, "cells": cells})
    return {
        "columns": columns,
        "rows": rows,
        "legend": [heat_class(1 + i / 4) for i in range(0, HEAT_STEPS + 1, 2)],
    }


def comparison_page(gate: ReportGate, directory: Directory) -> dict[str, Any]:
    """Change per scale since the previous wave, for the organisation and each unit."""
    names = labels.scale_names(gate.questionnaire)
    codes = list(gate.scale_codes)
    rows = []
    for unit in directory.units:
        changes = [gate.comparison(unit.key, code) for code in codes]
        if unit.key != ROOT_KEY and not any(changes):
            continue
        rows.append({"unit": unit, "changes": changes})
    real = [
        {"name": names[code], "figure": figure}
        for code in codes
        if gate.can_see(ROOT_KEY)
        and (figure := gate.comparison(ROOT_KEY, code))
        and figure.value["real"]
    ]
    return {
        "columns": [{"code": code, "name": names[code]} for code in codes],
        "rows": rows,
        "real": real,
        "chart": figures.waves(gate) if gate.can_see(ROOT_KEY) else None,
    }


def comments_page(gate: ReportGate, directory: Directory, key: str) -> dict[str, Any]:
    """Open answers of one group, per question, grouped by theme."""
    texts = labels.item_texts(gate.questionnaire)
    figure = gate.comments(key)
    questions = []
    if figure:
        for code, groups in figure.value.items():
            questions.append(
                {
                    "code": code,
                    "text": texts.get(code, code),
                    "themes": [
                        {
                            "key": theme,
                            "name": labels.THEMES.get(theme, theme),
                            "count": len(answers),
                            "answers": _collapse(answers),
                        }
                        for theme, answers in groups
                    ],
                }
            )
    order = [item["code"] for item in gate.questionnaire["items"]]
    questions.sort(key=lambda q: order.index(q["code"]) if q["code"] in order else 999)
    groups = [unit for unit in directory.units if gate.comments(unit.key)]
    return {
        "unit": directory.by_key[key],
        "figure": figure,
        "questions": questions,
        "groups": groups,
    }


def _collapse(answers: list[str]) -> list[tuple[str, int]]:
    """Identical answers once, with how often they were given (order kept: alphabetical)."""
    counted: dict[str, int] = {}
    for answer in answers:
        counted[answer] = counted.get(answer, 0) + 1
    return list(counted.items())


def export_rows(gate: ReportGate, directory: Directory) -> list[list[Any]]:
    """Aggregates only: every scale per unit and group, every statement per unit; suppressed
    cells carry the reason instead of a number. No open answers, nothing about a person."""
    names = labels.scale_names(gate.questionnaire)
    texts = labels.item_texts(gate.questionnaire)
    header = [
        _("Unit"),
        _("Level"),
        _("Group"),
        _("Kind"),
        _("Code"),
        _("Name"),
        _("n"),
        _("Mean"),
        _("Standard deviation"),
        _("Culture strength (r_wg)"),
        _("Note"),
    ]
    rows: list[list[Any]] = [header]

    def line(unit: UnitInfo, slice_: str, kind: str, code: str, name: str, figure: Figure):
        if figure:
            value = figure.value
            strength = value.get("strength")
            rows.append(
                [
                    unit.name,
                    unit.depth,
                    str(labels.SLICES[slice_]),
                    kind,
                    code,
                    name,
                    figure.n,
                    _round(value["mean"]),
                    _round(value["sd"]),
                    _round(strength),
                    "",
                ]
            )
        else:
            rows.append(
                [
                    unit.name,
                    unit.depth,
                    str(labels.SLICES[slice_]),
                    kind,
                    code,
                    name,
                    "",
                    "",
                    "",
                    "",
                    figure.message,
                ]
            )

    for unit in directory.units:
        for slice_ in ("all", "employee", "manager"):
            for code in gate.scale_codes:
                line(
                    unit, slice_, _("scale"), code, names[code], gate.scale(unit.key, code, slice_)
                )
        for code in gate.item_codes:
            line(unit, "all", _("statement"), code, texts[code], gate.item(unit.key, code))
    return rows


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
