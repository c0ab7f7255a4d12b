"""Check a behaviour on Ajzen's TACT: Target, Action, Context and Time.

A behaviour someone can show and copy names all four, in words that describe what a person
does. Wording such as "klantgericht zijn", "proactief" or "altijd het beste" describes an
attitude or a wish: nobody can show it. `check` returns which elements are missing or too
short, which vague phrases it found (each with the code of a suggestion the interface
phrases), and whether the time element names a moment or a term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from klantcultuur.vision.scoring.text import strip_accents

ELEMENTS = ("target", "action", "context", "time")

# Vague phrase (regular expression on lower-case text without accents) -> suggestion code.
VAGUE: tuple[tuple[str, str], ...] = (
    (r"\bklantgericht(?:er)?\b(?: (?:zijn|werken|handelen|denken))?", "customer_focused"),
    (r"\bklantvriendelijk\w*", "customer_focused"),
    (r"\bde klant centraal\b", "customer_focused"),
    (r"\bpro-?actie?f\w*", "proactive"),
    (r"\b(?:altijd )?het beste\b|\b(?:altijd )?(?:ons|je|zijn) best\w*", "best"),
    (r"\bextra mijl\b|\bstapje extra\b", "extra_mile"),
    (r"\bzo (?:snel|spoedig|vlot) (?:als )?mogelijk\b|\bz\.s\.m\.?|\bzsm\b", "asap"),
    (r"\btijdig\b|\bop korte termijn\b|\bbinnen afzienbare tijd\b", "asap"),
    (
        r"\bwaar (?:mogelijk|nodig)\b|\bindien mogelijk\b|\bzoveel mogelijk\b|\bals het kan\b",
        "where_possible",
    ),
    (r"\boptima(?:al|le)\b|\bexcellent\w*\b|\buitstekend\w*\b|\bgoede?\b", "quality_word"),
    (r"\bmeedenken\b|\bmee denken\b|\bontzorgen\b", "think_along"),
    (r"\bempathi\w*|\bbetrokken\w*|\bbewust\w*", "attitude"),
    (r"\bcommunic\w*", "communicate"),
)

# A time element names a moment or a term: a number, a day part, a frequency word.
_TIME_MARKERS = re.compile(
    r"\d|\b(?:binnen|voor|na|tijdens|bij|elke|iedere|dagelijks|wekelijks|maandelijks|direct"
    r"|meteen|vandaag|morgen|werkdag|uur|uren|minuten?|dagen|dag|week|weken|maand"
    r"|ochtend|middag|avond|dagstart|einde|begin|eerste|aan het eind|zodra|wanneer|voordat"
    r"|nadat|jaarlijks|twee|drie|vier|vijf)\b"
)
MIN_WORDS = {"target": 1, "action": 1, "context": 2, "time": 1}


@dataclass(frozen=True)
class Finding:
    element: str  # one of ELEMENTS
    code: str  # "missing", "vague_time" or a suggestion code from VAGUE
    phrase: str = ""  # the words found, as written


@dataclass(frozen=True)
class Check:
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.findings

    def for_element(self, element: str) -> list[Finding]:
        return [f for f in self.findings if f.element == element]


def _norm(text: str) -> str:
    return " ".join(strip_accents((text or "").lower()).split())


def vague_phrases(text: str) -> list[tuple[str, str]]:
    """(phrase as found, suggestion code) for every vague phrase in a text, in order."""
    norm = _norm(text)
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, code in VAGUE:
        for hit in re.finditer(pattern, norm):
            start, end = hit.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, hit.group(0), code))
    return [(phrase, code) for _s, phrase, code in sorted(found)]


def check(target: str, action: str, context: str, time: str) -> Check:
    """Findings per element: missing or too short, vague wording, a time without a term."""
    values = {"target": target, "action": action, "context": context, "time": time}
    findings: list[Finding] = []
    for element in ELEMENTS:
        text = _norm(values[element])
        if len(text.split()) < MIN_WORDS[element]:
            findings.append(Finding(element, "missing"))
            continue
        for phrase, code in vague_phrases(text):
            findings.append(Finding(element, code, phrase))
        already = any(f.element == "time" and f.code != "missing" for f in findings)
        if element == "time" and not _TIME_MARKERS.search(text) and not already:
            findings.append(Finding(element, "vague_time", values[element].strip()))
    return Check(tuple(findings))


def sentence(target: str, action: str, context: str, time: str) -> str:
    """The behaviour as one Dutch sentence: context, action, target, time."""
    parts = [p.strip().rstrip(".") for p in (context, action, target, time) if p and p.strip()]
    if not parts:
        return ""
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."
