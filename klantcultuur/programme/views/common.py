"""Helpers the programme views share."""

from __future__ import annotations

from typing import TypedDict
from uuid import UUID

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from klantcultuur.scan.reporting.labels import PHASES

PHASE_NAMES = list(PHASES.values())


def phase_names() -> list[str]:
    return [str(name) for name in PHASE_NAMES]


def parse_uuid(value: str | None) -> UUID | None:
    try:
        return UUID(value) if value else None
    except ValueError:
        return None


def tool_url(name: str) -> str | None:
    """The page that carries a catalogue step out, if the product has it."""
    if not name:
        return None
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


class ChartTexts(TypedDict):
    own_label: str
    empty_text: str


def chart_texts() -> ChartTexts:
    return {"own_label": _("Own phase"), "empty_text": _("No scan report yet")}
