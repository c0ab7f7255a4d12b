"""Read helpers over a questionnaire version: versions, JSON, fingerprints, form pages."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from klantcultuur.scan.questionnaire import v1
from klantcultuur.scan.questionnaire.schema import Item, Questionnaire, text_in
from klantcultuur.scan.questionnaire.validation import validate

_BUILDERS: dict[str, Callable[[], Questionnaire]] = {v1.VERSION: v1.build}
LATEST_VERSION = v1.VERSION


def get_version(version: str = LATEST_VERSION) -> Questionnaire:
    """Return a fresh, validated copy of a standard version (callers may change their copy)."""
    try:
        builder = _BUILDERS[version]
    except KeyError:
        raise KeyError(f"unknown questionnaire version {version!r}") from None
    q = builder()
    validate(q)  # type: ignore[arg-type]
    return q


def to_json(q: Questionnaire) -> str:
    """Serialise canonically (sorted keys, UTF-8 text) so equal versions give equal strings."""
    return json.dumps(q, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def from_json(text: str) -> Questionnaire:
    """Load a stored version and validate it."""
    q = json.loads(text)
    validate(q)
    return q


def fingerprint(q: Questionnaire) -> str:
    """SHA-256 of the canonical JSON; store it with a scan to prove its version never changed."""
    return hashlib.sha256(to_json(q).encode("utf-8")).hexdigest()


def _audience_matches(audience: str, role: str) -> bool:
    """Whether an item or section with this audience is shown to a respondent with ``role``."""
    return audience == "all" or audience == f"{role}s"


def items_for(q: Questionnaire, role: str) -> list[Item]:
    """The items a respondent with this role sees, in form order."""
    return [item for item in q["items"] if _audience_matches(item["audience"], role)]


def closed_item_codes(q: Questionnaire) -> list[str]:
    """The likert and choice item codes in form order: the columns of a response matrix."""
    return [item["code"] for item in q["items"] if item["type"] in ("likert", "choice")]


def open_item_codes(q: Questionnaire) -> list[str]:
    """The open-text item codes in form order."""
    return [item["code"] for item in q["items"] if item["type"] == "open"]


def scale_items(q: Questionnaire) -> dict[str, list[str]]:
    """Map each scale code to its item codes, in form order."""
    members: dict[str, list[str]] = {scale["code"]: [] for scale in q["scales"]}
    for item in q["items"]:
        if item["type"] == "likert" and item["scale"] is not None:
            members[item["scale"]].append(item["code"])
    return members


def form_pages(q: Questionnaire, role: str, language: str = "nl") -> list[dict[str, Any]]:
    """One page per section for a respondent with ``role``, with texts in ``language``.

    Each page is ``{"key", "title", "intro", "items": [{"code", "type", "text", "options":
    [{"value", "label"}], "dont_know": {"value", "label"} | None}]}``; sections without items for
    this role are left out.
    """
    pages = []
    for section in q["sections"]:
        if not _audience_matches(section["audience"], role):
            continue
        page_items = []
        for item in q["items"]:
            if item["section"] != section["key"] or not _audience_matches(item["audience"], role):
                continue
            response_scale = q["response_scales"].get(item["response_scale"] or "")
            options = [
                {"value": option["value"], "label": text_in(option["label"], language)}
                for option in (response_scale["options"] if response_scale else [])
            ]
            dont_know = (
                {
                    "value": response_scale["dont_know"]["value"],
                    "label": text_in(response_scale["dont_know"]["label"], language),
                }
                if response_scale
                else None
            )
            page_items.append(
                {
                    "code": item["code"],
                    "type": item["type"],
                    "text": text_in(item["text"], language),
                    "options": options,
                    "dont_know": dont_know,
                }
            )
        if page_items:
            pages.append(
                {
                    "key": section["key"],
                    "title": text_in(section["title"], language),
                    "intro": text_in(section["intro"], language),
                    "items": page_items,
                }
            )
    return pages
