"""The TACT check's codes as sentences for the editor (the check itself is pure: scoring/tact)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ELEMENT_NAMES = {
    "target": _("Target"),
    "action": _("Action"),
    "context": _("Context"),
    "time": _("Time"),
}

SUGGESTIONS = {
    "missing": _("Fill this in: a behaviour without it cannot be shown or copied."),
    "customer_focused": _(
        "'Klantgericht' is an attitude, not something you can see. Name what you do, e.g. "
        "'vat ik de vraag van de klant samen voordat ik een oplossing geef'."
    ),
    "proactive": _(
        "Say what you do before the customer asks, e.g. 'bel ik de huurder de dag voor de "
        "afspraak om de tijd te bevestigen'."
    ),
    "best": _(
        "'Het beste' or 'je best doen' cannot be observed. Describe the act, e.g. 'bied ik twee "
        "mogelijke oplossingen aan'."
    ),
    "extra_mile": _(
        "Name the extra step itself, e.g. 'loop ik mee naar de collega die het oplost'."
    ),
    "asap": _("Name a term someone can check: 'binnen een werkdag', 'voor 12.00 uur'."),
    "where_possible": _("Leave out the escape: say when it applies, e.g. 'bij elke klacht'."),
    "quality_word": _(
        "A judgement ('goed', 'optimaal') says how it should feel, not what you do. Describe "
        "what a colleague would see you do."
    ),
    "think_along": _(
        "Say how you think along, e.g. 'stel ik één vraag over wat de klant "
        "eigenlijk wil bereiken'."
    ),
    "attitude": _(
        "This describes an attitude. Which act shows it? e.g. 'noem ik de klant bij "
        "naam en vat ik zijn zorg samen'."
    ),
    "communicate": _(
        "'Communiceren' is too broad: call, e-mail, explain? Name the act and its content."
    ),
    "vague_time": _(
        "Name a moment or a term: 'binnen een werkdag', 'aan het eind van het "
        "gesprek', 'elke ochtend in de dagstart'."
    ),
}


def explain(findings) -> list[dict]:
    """Findings of `scoring.tact.check` as rows for a template."""
    return [
        {
            "element": f.element,
            "element_name": ELEMENT_NAMES[f.element],
            "phrase": f.phrase,
            "code": f.code,
            "suggestion": SUGGESTIONS[f.code],
        }
        for f in findings
    ]
