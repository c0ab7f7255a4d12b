"""Build an organisation's own copy of a questionnaire version with extra items."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from klantcultuur.scan.questionnaire.schema import Questionnaire
from klantcultuur.scan.questionnaire.validation import QuestionnaireError, validate

_DEFAULT_RESPONSE_SCALE = {"likert": "agreement", "choice": None, "open": None}


def _new_item(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Fill the defaults of a custom item: a likert item on the agreement scale, for everyone."""
    kind = raw.get("type", "likert")
    item = {
        "code": raw.get("code"),
        "section": raw.get("section"),
        "type": kind,
        "scale": raw.get("scale"),
        "response_scale": raw.get("response_scale", _DEFAULT_RESPONSE_SCALE.get(kind)),
        "reverse": raw.get("reverse", False),
        "audience": raw.get("audience", "all"),
        "text": dict(raw.get("text") or {}),
        "origin": "custom",
    }
    # An own example behaviour: a self/seen pair sharing a behaviour key (see schema.Item).
    if raw.get("role_model") is not None:
        item["role_model"] = raw["role_model"]
        item["behaviour"] = raw.get("behaviour")
    return item


def customise(
    base: Questionnaire,
    new_id: str,
    *,
    items: Iterable[Mapping[str, Any]],
    scales: Iterable[Mapping[str, Any]] = (),
    sections: Iterable[Mapping[str, Any]] = (),
    title: Mapping[str, str] | None = None,
    allow_standard_scales: bool = False,
) -> Questionnaire:
    """Return a validated copy of ``base`` with the organisation's own items, scales and sections.

    ``items`` need ``code``, ``section``, ``text`` ({"nl", "en"}) and optionally ``type``
    ("likert" by default, or "open"), ``scale`` (a scale code or None for a single item reported
    on its own), ``response_scale`` ("agreement" by default for likert), ``reverse`` and
    ``audience``. ``scales`` need ``code``, ``key``, ``name`` and ``description``; ``sections``
    need ``key``, ``title``, ``intro`` and optionally ``audience``. New sections go just before
    the open questions; new items go after the last item of their section. Adding an item to a
    standard scale changes what that scale measures and breaks comparison with earlier waves and
    the benchmark, so it is refused unless ``allow_standard_scales`` is true. Raises
    QuestionnaireError with every problem found; ``base`` is never modified.
    """
    q: dict[str, Any] = copy.deepcopy(dict(base))
    problems: list[str] = []
    if not new_id or new_id == base["id"]:
        problems.append("a customised copy needs its own id")
    q["id"] = new_id
    q["based_on"] = base["id"]
    if title is not None:
        q["title"] = dict(title)

    existing_codes = {item["code"] for item in q["items"]}
    standard_scales = {scale["code"] for scale in q["scales"] if scale["origin"] == "standard"}
    for raw in scales:
        q["scales"].append(
            {
                "code": raw.get("code"),
                "key": raw.get("key", str(raw.get("code", "")).lower()),
                "group": "custom",
                "name": dict(raw.get("name") or {}),
                "description": dict(raw.get("description") or raw.get("name") or {}),
                "origin": "custom",
            }
        )
    new_sections = [
        {
            "key": raw.get("key"),
            "title": dict(raw.get("title") or {}),
            "intro": dict(raw.get("intro") or {}),
            "audience": raw.get("audience", "all"),
            "origin": "custom",
        }
        for raw in sections
    ]
    keys = [section["key"] for section in q["sections"]]
    # Open questions stay on the last page, after anything the organisation adds.
    insert_at = keys.index("open") if "open" in keys else len(keys)
    q["sections"][insert_at:insert_at] = new_sections

    known_scales = {scale["code"] for scale in q["scales"]}
    added: list[dict[str, Any]] = []
    for raw in items:
        item = _new_item(raw)
        code = item["code"]
        if code in existing_codes:
            problems.append(f"item {code}: code is already used")
        existing_codes.add(code)
        if item["scale"] is not None and item["scale"] not in known_scales:
            problems.append(f"item {code}: scale {item['scale']!r} does not exist")
        if item["scale"] in standard_scales and not allow_standard_scales:
            problems.append(
                f"item {code}: adding to standard scale {item['scale']} breaks comparability"
            )
        if item["type"] == "choice":
            problems.append(f"item {code}: custom choice items are not supported")
        added.append(item)
    if problems:
        raise QuestionnaireError(problems)

    for item in added:
        positions = [i for i, old in enumerate(q["items"]) if old["section"] == item["section"]]
        position = positions[-1] + 1 if positions else len(q["items"])
        q["items"].insert(position, item)
    validate(q)
    return q  # type: ignore[return-value]
