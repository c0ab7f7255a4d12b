"""The shape of a questionnaire version: typed dictionaries and the allowed values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal, NotRequired, TypedDict

LANGUAGES: tuple[str, ...] = ("nl", "en")

# The stored value of "weet ik niet"; scoring treats it as a missing answer.
DONT_KNOW = 0

AUDIENCES: tuple[str, ...] = ("all", "managers", "employees")
ITEM_TYPES: tuple[str, ...] = ("likert", "choice", "open")

# Item codes are short, upper case and stable across versions: "VIS1", "HRM8", "X_TEAM2".
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")

Audience = Literal["all", "managers", "employees"]
ItemType = Literal["likert", "choice", "open"]


class Text(TypedDict):
    """A text in every interface language."""

    nl: str
    en: str


def text_in(text: Text, language: str) -> str:
    """``text`` in ``language``: English for "en", Dutch, the default, otherwise."""
    return text["en"] if language == "en" else text["nl"]


class Option(TypedDict):
    """One answer option of a response scale."""

    value: int
    label: Text
    key: NotRequired[str]


class ResponseScale(TypedDict):
    """A labelled set of answer options; ``dont_know`` counts as missing."""

    type: Literal["likert", "choice"]
    options: list[Option]
    dont_know: Option


class Scale(TypedDict):
    """A multi-item scale; its score is the mean of its (reverse-keyed) items."""

    code: str
    key: str
    group: str
    name: Text
    description: Text
    origin: Literal["standard", "custom"]


class Section(TypedDict):
    """One page of the form on a phone."""

    key: str
    title: Text
    intro: Text
    audience: Audience
    origin: Literal["standard", "custom"]


class Item(TypedDict):
    """One question."""

    code: str
    section: str
    type: ItemType
    scale: str | None
    response_scale: str | None
    reverse: bool
    audience: Audience
    text: Text
    origin: Literal["standard", "custom"]
    behaviour: NotRequired[str]
    # An organisation's own example behaviour (outside the standard VBZ/VBM scales, so those
    # stay comparable): "self" asked of managers, "seen" of employees about their manager.
    role_model: NotRequired[Literal["self", "seen"]]


class Precondition(TypedDict):
    """Which items indicate one precondition of the board approach, and whose answers count."""

    key: str
    name: Text
    items: list[str]
    audience: Audience


class Analysis(TypedDict):
    """Which scales and items play which part in the scoring."""

    components: list[str]
    role_model_self: str
    role_model_seen: str
    leader_example: str
    peer_norms: str
    outcome: list[str]
    change_stance: str
    approach_item: str
    preconditions: list[Precondition]


class Questionnaire(TypedDict):
    """A complete, JSON-serialisable questionnaire version."""

    id: str
    version: str
    based_on: str | None
    title: Text
    languages: list[str]
    response_scales: dict[str, ResponseScale]
    scales: list[Scale]
    sections: list[Section]
    items: list[Item]
    analysis: Analysis


def role_model_side(item: Mapping[str, Any], analysis: Mapping[str, Any]) -> str | None:
    """ "self" or "seen" for an example-behaviour item (standard or the organisation's own)."""
    if item.get("scale") is not None and item.get("scale") == analysis.get("role_model_self"):
        return "self"
    if item.get("scale") is not None and item.get("scale") == analysis.get("role_model_seen"):
        return "seen"
    side = item.get("role_model")
    return side if side in ("self", "seen") else None
