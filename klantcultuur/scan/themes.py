"""Open answers grouped by theme: a small keyword taxonomy for culture answers (pure).

The themes are the ones culture scans of customer focus keep finding in open answers, in the
words Dutch (and English) colleagues use for them:

==================  ===========================================================================
klant_centraal      the customer (klant, huurder, bewoner, cliënt...), service, customer focus
samenwerking        colleagues, teams and departments working together, hand-overs, silos
leiderschap         managers, team leaders, the board, setting the example
werkdruk            workload, time, backlogs, staffing, production targets
regels_systemen     rules, procedures, policy, processes, IT systems and forms
waardering          appreciation, compliments, recognition, pride
communicatie        information, feedback, listening, being heard
ontwikkeling        training, learning, onboarding, coaching
ruimte              room to decide: mandate, trust, freedom to deviate for a customer
overig              anything that matches none of the above
==================  ===========================================================================

Matching is on words after lower-casing and removing accents: an entry ending in ``*`` matches
every word starting with it (``samenwerk*`` matches "samenwerking"), other entries match the
whole word only (``regel`` matches "regel" but not "regelmatig"). Entries with a space match
the phrase. An answer can have several themes. Within a theme, answers are sorted
alphabetically, never in the order they came in: that order could point at a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

OTHER = "overig"

TAXONOMY: dict[str, tuple[str, ...]] = {
    "klant_centraal": (
        "klant*", "huurder*", "bewoner*", "client*", "burger*", "patient*", "aanvrager*",
        "dienstverlen*", "service", "customer*", "tenant*", "resident*",
    ),
    "samenwerking": (
        "samenwerk*", "samen", "collega*", "afdelingen", "teams", "overdracht*", "afstem*",
        "silo*", "eilandje*", "elkaar", "cooperat*", "collaborat*", "colleague*", "handover*",
        "together",
    ),
    "leiderschap": (
        "leidinggevend*", "leiding", "manager*", "management", "directie*", "directeur*",
        "bestuur*", "teamleider*", "afdelingshoofd*", "voorbeeld*", "mt", "leader*", "board",
        "example",
    ),
    "werkdruk": (
        "werkdruk", "druk", "drukte", "tijdsdruk", "tijd", "tijdgebrek", "haast", "achterstand*",
        "onderbezet*", "bezetting", "capaciteit", "stress", "productie*", "doorlooptijd*",
        "overwerk*", "workload", "pressure", "busy", "backlog*", "understaff*", "time",
    ),
    "regels_systemen": (
        "regel", "regels", "regeltjes", "regelgeving", "procedure*", "protocol*", "systeem",
        "systemen", "ict", "software", "formulier*", "bureaucrat*", "beleid", "proces",
        "processen", "rule", "rules", "system", "systems", "process*", "policy", "form",
        "forms", "red tape",
    ),
    "waardering": (
        "waarder*", "compliment*", "erkenning", "bedank*", "trots", "gezien", "appreciat*",
        "recognition", "recognised", "praise*", "thank*", "proud",
    ),
    "communicatie": (
        "communic*", "informatie", "informeren", "geinformeerd", "terugkoppel*", "feedback",
        "luister*", "gehoord", "inform*", "listen*", "heard",
    ),
    "ontwikkeling": (
        "training*", "opleid*", "cursus*", "leren", "ontwikkel*", "coach*", "inwerk*",
        "onboarding", "learn*", "develop*", "course*",
    ),
    "ruimte": (
        "ruimte", "mandaat", "vrijheid", "vertrouwen", "afwijken", "zelf beslissen",
        "zelf oplossen", "autonom*", "empower*", "freedom", "trust*", "mandate",
    ),
}  # fmt: skip

THEMES: tuple[str, ...] = (*TAXONOMY, OTHER)


def normalise(text: str) -> str:
    """Lower case without accents ("cliënt" -> "client")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pattern(entries: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression per theme: stems, whole words and phrases between word edges."""
    parts = [
        re.escape(entry[:-1]) + r"[a-z0-9]*" if entry.endswith("*") else re.escape(entry)
        for entry in entries
    ]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(parts) + r")(?![a-z0-9])")


_PATTERNS = {theme: _pattern(entries) for theme, entries in TAXONOMY.items()}


@lru_cache(maxsize=4096)
def themes_of(text: str) -> tuple[str, ...]:
    """The themes of one answer, in taxonomy order; ("overig",) when none matches."""
    words = " ".join(re.findall(r"[a-z0-9]+", normalise(text)))
    found = tuple(theme for theme, pattern in _PATTERNS.items() if pattern.search(words))
    return found or (OTHER,)


def group_by_theme(texts: Iterable[str]) -> list[tuple[str, list[str]]]:
    """``[(theme, answers)]``, largest theme first ("overig" last), answers sorted alphabetically."""
    groups: dict[str, list[str]] = {}
    for text in texts:
        cleaned = " ".join(text.split())
        if not cleaned:
            continue
        for theme in themes_of(cleaned):
            groups.setdefault(theme, []).append(cleaned)
    ordered = sorted(
        groups.items(), key=lambda item: (item[0] == OTHER, -len(item[1]), THEMES.index(item[0]))
    )
    return [(theme, sorted(answers, key=str.casefold)) for theme, answers in ordered]
