"""Check that a questionnaire version is complete and consistent before it is stored or used."""

from __future__ import annotations

from collections import Counter
from typing import Any

from klantcultuur.scan.questionnaire.schema import (
    AUDIENCES,
    CODE_PATTERN,
    DONT_KNOW,
    ITEM_TYPES,
    LANGUAGES,
    role_model_side,
)

MIN_ITEMS_PER_SCALE = 3


class QuestionnaireError(ValueError):
    """A questionnaire version breaks one or more rules; ``problems`` lists them all."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _check_text(value: Any, where: str, problems: list[str]) -> None:
    """A text must have a non-empty string in every interface language."""
    if not isinstance(value, dict):
        problems.append(f"{where}: text must be a mapping of language to string")
        return
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: missing {language!r} text")


def _check_response_scales(q: dict[str, Any], problems: list[str]) -> None:
    """Likert scales run 1..5; choice scales 1..n; "weet ik niet" always has value 0."""
    for key, scale in q.get("response_scales", {}).items():
        kind = scale.get("type")
        values = [option.get("value") for option in scale.get("options", [])]
        if kind == "likert" and values != [1, 2, 3, 4, 5]:
            problems.append(f"response scale {key}: a likert scale has the values 1 to 5")
        elif kind == "choice" and values != list(range(1, len(values) + 1)):
            problems.append(f"response scale {key}: choice values must run 1..n")
        elif kind not in ("likert", "choice"):
            problems.append(f"response scale {key}: unknown type {kind!r}")
        if kind == "choice" and len(values) < 2:
            problems.append(f"response scale {key}: a choice needs at least two options")
        for option in scale.get("options", []):
            _check_text(option.get("label"), f"response scale {key} option", problems)
        dont_know = scale.get("dont_know") or {}
        if dont_know.get("value") != DONT_KNOW:
            problems.append(f"response scale {key}: 'weet ik niet' must have value {DONT_KNOW}")
        _check_text(dont_know.get("label"), f"response scale {key} dont_know", problems)


def _check_items(q: dict[str, Any], problems: list[str]) -> None:
    """Per-item rules: code, type, scale, response scale, audience, section."""
    scales = {scale["code"] for scale in q.get("scales", [])}
    sections = {section["key"]: section for section in q.get("sections", [])}
    response_scales = q.get("response_scales", {})
    for item in q.get("items", []):
        code = item.get("code", "?")
        where = f"item {code}"
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            problems.append(f"{where}: code must match {CODE_PATTERN.pattern}")
        kind = item.get("type")
        if kind not in ITEM_TYPES:
            problems.append(f"{where}: unknown type {kind!r}")
            continue
        if item.get("audience") not in AUDIENCES:
            problems.append(f"{where}: audience must be one of {AUDIENCES}")
        section = sections.get(item.get("section"))
        if section is None:
            problems.append(f"{where}: section {item.get('section')!r} does not exist")
        elif section["audience"] != "all" and item.get("audience") != section["audience"]:
            problems.append(f"{where}: audience differs from its section's audience")
        _check_text(item.get("text"), where, problems)
        scale, rs = item.get("scale"), item.get("response_scale")
        if kind == "likert":
            if scale is not None and scale not in scales:
                problems.append(f"{where}: scale {scale!r} does not exist")
            if response_scales.get(rs, {}).get("type") != "likert":
                problems.append(f"{where}: a likert item needs a likert response scale")
        elif kind == "choice":
            if scale is not None or item.get("reverse"):
                problems.append(f"{where}: a choice item has no scale and no reverse keying")
            if response_scales.get(rs, {}).get("type") != "choice":
                problems.append(f"{where}: a choice item needs a choice response scale")
        elif scale is not None or rs is not None or item.get("reverse"):
            problems.append(f"{where}: an open item has no scale, response scale or reverse key")
        if not isinstance(item.get("reverse"), bool):
            problems.append(f"{where}: reverse must be true or false")


def _check_scales(q: dict[str, Any], problems: list[str]) -> None:
    """Every scale has at least three items sharing one response scale and one audience."""
    members: dict[str, list[dict[str, Any]]] = {scale["code"]: [] for scale in q["scales"]}
    for item in q["items"]:
        if item.get("type") == "likert" and item.get("scale") in members:
            members[item["scale"]].append(item)
    for scale in q["scales"]:
        code = scale["code"]
        if not CODE_PATTERN.match(code):
            problems.append(f"scale {code}: code must match {CODE_PATTERN.pattern}")
        _check_text(scale.get("name"), f"scale {code} name", problems)
        items = members[code]
        if len(items) < MIN_ITEMS_PER_SCALE:
            problems.append(f"scale {code}: needs at least {MIN_ITEMS_PER_SCALE} items")
        if len({item["response_scale"] for item in items}) > 1:
            problems.append(f"scale {code}: items use different response scales")
        # The two-thirds rule counts a scale's items; they must all be offered to the same people.
        if len({item["audience"] for item in items}) > 1:
            problems.append(f"scale {code}: items have different audiences")


def _check_analysis(q: dict[str, Any], problems: list[str]) -> None:
    """The scales and items that the scoring uses must exist and have the right kind."""
    analysis = q.get("analysis") or {}
    scales = {scale["code"] for scale in q["scales"]}
    items = {item["code"]: item for item in q["items"]}
    named = [
        *analysis.get("components", []),
        analysis.get("role_model_self"),
        analysis.get("role_model_seen"),
        analysis.get("leader_example"),
        analysis.get("peer_norms"),
        *analysis.get("outcome", []),
        analysis.get("change_stance"),
    ]
    for code in named:
        if code not in scales:
            problems.append(f"analysis: scale {code!r} does not exist")
    if not analysis.get("components"):
        problems.append("analysis: at least one component scale is needed")
    approach = items.get(analysis.get("approach_item"))
    if approach is None or approach["type"] != "choice":
        problems.append("analysis: approach_item must be a choice item")
    else:
        options = q["response_scales"][approach["response_scale"]]["options"]
        if not all(option.get("key") for option in options):
            problems.append("analysis: every approach option needs a key")
    for precondition in analysis.get("preconditions", []):
        _check_text(precondition.get("name"), f"precondition {precondition.get('key')}", problems)
        if precondition.get("audience") not in AUDIENCES:
            problems.append(f"precondition {precondition.get('key')}: unknown audience")
        for code in precondition.get("items", []):
            if items.get(code, {}).get("type") != "likert":
                problems.append(f"precondition {precondition.get('key')}: {code} is not likert")
    pairs: dict[str, dict[str, dict[str, Any]]] = {}
    for item in q["items"]:
        side = role_model_side(item, analysis)
        if side is not None:
            if not item.get("behaviour"):
                problems.append(f"item {item['code']}: a role-model item names its behaviour")
                continue
            if item.get("role_model") is not None and (
                item.get("type") != "likert"
                or item.get("audience") != ("managers" if side == "self" else "employees")
            ):
                problems.append(
                    f"item {item['code']}: an own example-behaviour item is a likert item for"
                    f" {'managers' if side == 'self' else 'employees'}"
                )
            pairs.setdefault(item["behaviour"], {})
            if side in pairs[item["behaviour"]]:
                problems.append(f"behaviour {item['behaviour']}: asked twice on the {side} side")
            pairs[item["behaviour"]][side] = item
    for behaviour, sides in pairs.items():
        if set(sides) != {"self", "seen"}:
            problems.append(f"behaviour {behaviour}: needs both a self and a seen item")
        elif sides["self"]["reverse"] != sides["seen"]["reverse"]:
            problems.append(f"behaviour {behaviour}: self and seen items differ in reverse keying")


def validate(q: dict[str, Any]) -> None:
    """Raise QuestionnaireError listing every problem, or return None when the version is sound."""
    problems: list[str] = []
    for key in ("id", "version"):
        if not isinstance(q.get(key), str) or not q[key]:
            problems.append(f"{key} must be a non-empty string")
    _check_text(q.get("title"), "title", problems)
    if list(q.get("languages", [])) != list(LANGUAGES):
        problems.append(f"languages must be {list(LANGUAGES)}")
    for field in ("response_scales", "scales", "sections", "items", "analysis"):
        if field not in q:
            problems.append(f"{field} is missing")
    if problems:
        raise QuestionnaireError(problems)
    for kind, values in (
        ("item code", [item.get("code") for item in q["items"]]),
        ("scale code", [scale.get("code") for scale in q["scales"]]),
        ("section key", [section.get("key") for section in q["sections"]]),
    ):
        for value, count in Counter(values).items():
            if count > 1:
                problems.append(f"{kind} {value!r} is used {count} times")
    for section in q["sections"]:
        _check_text(section.get("title"), f"section {section.get('key')} title", problems)
        _check_text(section.get("intro"), f"section {section.get('key')} intro", problems)
        if section.get("audience") not in AUDIENCES:
            problems.append(f"section {section.get('key')}: unknown audience")
    used_sections = {item.get("section") for item in q["items"]}
    for section in q["sections"]:
        if section.get("key") not in used_sections:
            problems.append(f"section {section.get('key')}: has no items")
    _check_response_scales(q, problems)
    _check_items(q, problems)
    if not problems:
        _check_scales(q, problems)
        _check_analysis(q, problems)
    if problems:
        raise QuestionnaireError(problems)
