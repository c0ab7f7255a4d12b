"""Interface names of the report's concepts (gettext), and questionnaire texts in the viewer's language."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from klantcultuur.scan.questionnaire import Questionnaire
from klantcultuur.scan.questionnaire.schema import text_in

PHASES = {
    "negeren": _("Ignoring"),
    "verkennen": _("Exploring"),
    "ontwikkelen": _("Developing"),
    "verankeren": _("Anchoring"),
    "transformeren": _("Transforming"),
}
STANCES = {"pullers": _("Pullers"), "riders": _("Riders"), "resisters": _("Resisters")}
APPROACHES = {
    "frontoffice": _("Front-office approach"),
    "specialisten": _("Specialists approach"),
    "directie": _("Board approach"),
    "ecosysteem": _("Ecosystem approach"),
}
STATUSES = {"met": _("Met"), "partly": _("Partly met"), "not": _("Not met"),
            "unknown": _("Unknown")}  # fmt: skip
BANDS = {
    "lack_of_agreement": _("no shared view"),
    "weak": _("weak"),
    "moderate": _("moderate"),
    "strong": _("strong"),
    "very_strong": _("very strong"),
}
SLICES = {"all": _("Everybody"), "employee": _("Employees"), "manager": _("Managers")}
THEMES = {
    "klant_centraal": _("Customer first"),
    "samenwerking": _("Working together"),
    "leiderschap": _("Leadership"),
    "werkdruk": _("Workload"),
    "regels_systemen": _("Rules and systems"),
    "waardering": _("Appreciation"),
    "communicatie": _("Communication"),
    "ontwikkeling": _("Learning and development"),
    "ruimte": _("Room to decide"),
    "overig": _("Other"),
}


def language() -> str:
    code = (get_language() or "nl")[:2]
    return code if code in ("nl", "en") else "nl"


def decimal_separator() -> str:
    return "," if language() == "nl" else "."


def scale_names(q: Questionnaire) -> dict[str, str]:
    lang = language()
    return {scale["code"]: text_in(scale["name"], lang) for scale in q["scales"]}


def item_texts(q: Questionnaire) -> dict[str, str]:
    lang = language()
    return {item["code"]: text_in(item["text"], lang) for item in q["items"]}


def precondition_names(q: Questionnaire) -> dict[str, str]:
    lang = language()
    return {p["key"]: text_in(p["name"], lang) for p in q["analysis"]["preconditions"]}
