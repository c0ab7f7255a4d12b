"""The culture-scan questionnaire as plain, JSON-serialisable data, with helpers.

Versions
    ``get_version("1")`` returns a fresh copy of the standard version 1 (74 closed items, 4 open
    questions, Dutch and English). A running scan must keep the version it started with: store
    ``to_json(q)`` and ``fingerprint(q)`` with the scan and load it back with ``from_json``
    (which validates). Standard versions are never edited in place; a change makes a new version.
    ``customise(base, new_id, items=[...], scales=[...], sections=[...])`` builds an
    organisation's own copy with extra items (see its docstring); the copy records ``based_on``.

Shape of a version (all plain dicts and lists; see ``schema.py`` for the TypedDicts)::

    {
      "id": "klantcultuur-cultuurscan-v1", "version": "1", "based_on": None,
      "title": {"nl": ..., "en": ...}, "languages": ["nl", "en"],
      "response_scales": {
        "agreement": {"type": "likert", "options": [{"value": 1, "label": {...}}, ...5],
                      "dont_know": {"value": 0, "label": {"nl": "weet ik niet", ...}}},
        "frequency": {... "nooit", "zelden", "soms", "bijna altijd", "altijd" ...},
        "approach":  {"type": "choice", "options": [{"value": 1, "key": "frontoffice", ...},
                      ... "specialisten", "directie", "ecosysteem"], "dont_know": {...}}},
      "scales":   [{"code": "VIS", "key": "customer_vision", "group": "component",
                    "name": {...}, "description": {...}, "origin": "standard"}, ...],
      "sections": [{"key": "visie", "title": {...}, "intro": {...}, "audience": "all",
                    "origin": "standard"}, ...],            # one page each on a phone
      "items":    [{"code": "VIS1", "section": "visie", "type": "likert", "scale": "VIS",
                    "response_scale": "agreement", "reverse": False, "audience": "all",
                    "text": {"nl": ..., "en": ...}, "origin": "standard"},
                   {"code": "VBZ1", ..., "audience": "managers", "behaviour": "B1"}, ...],
      "analysis": {"components": ["VIS", "LEI", "HRM", "STU"], "role_model_self": "VBZ",
                   "role_model_seen": "VBM", "leader_example": "VBM", "peer_norms": "NRM",
                   "outcome": ["INT", "GED"], "change_stance": "VER", "approach_item": "AAN1",
                   "preconditions": [{"key": "vision_carried", "items": [...],
                                      "audience": "managers", "name": {...}}, ...]}}

Answers: likert values 1..5, choice values 1..n, and ``DONT_KNOW`` (0) for "weet ik niet",
which scoring treats as missing. ``audience`` is "all", "managers" or "employees"; a respondent's
role is "manager" or "employee" (``items_for``/``form_pages`` take the role).

Scales of version 1 (reverse-keyed items in brackets): the four components VIS gedragen
klantvisie (VIS5), LEI dienend leiderschap (LEI5), HRM klantgericht HRM incl. empowerment
(HRM8), STU klantsturing in teams (STU7); LUI luisteren (LUI6); DRA cultuurdragers: norms,
stories, rituals, structures, symbols, informal leaders (DRA7); KGO klantgerichtheid in the
spirit of Narver & Slater (KGO5); VBZ/VBM the same seven TACT behaviours as managers' self-view
and as employees' view of their manager, on the frequency scale (VBZ7/VBM7); NRM peer norms
(NRM4); INT intention (INT3) and GED own behaviour (GED4); VER change stance (VER3-5). AAN1 is
the approach (single choice); OPN1-4 are the open questions.
"""

from __future__ import annotations

from klantcultuur.scan.questionnaire.access import (
    LATEST_VERSION,
    closed_item_codes,
    fingerprint,
    form_pages,
    from_json,
    get_version,
    items_for,
    open_item_codes,
    scale_items,
    to_json,
)
from klantcultuur.scan.questionnaire.custom import customise
from klantcultuur.scan.questionnaire.schema import DONT_KNOW, Questionnaire
from klantcultuur.scan.questionnaire.validation import (
    MIN_ITEMS_PER_SCALE,
    QuestionnaireError,
    validate,
)

__all__ = [
    "DONT_KNOW",
    "LATEST_VERSION",
    "MIN_ITEMS_PER_SCALE",
    "Questionnaire",
    "QuestionnaireError",
    "closed_item_codes",
    "customise",
    "fingerprint",
    "form_pages",
    "from_json",
    "get_version",
    "items_for",
    "open_item_codes",
    "scale_items",
    "to_json",
    "validate",
]
