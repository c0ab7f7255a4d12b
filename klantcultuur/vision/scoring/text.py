"""Dutch words to comparable stems: lower case, accents off, stop words out, snowball stems."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Function words and words every promise about customers shares; they say nothing about
# which promise someone means.
STOP_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "maar",
        "dat",
        "die",
        "dit",
        "deze",
        "wat",
        "wie",
        "waar",
        "wanneer",
        "hoe",
        "als",
        "dan",
        "ook",
        "nog",
        "al",
        "wij",
        "we",
        "ons",
        "onze",
        "u",
        "uw",
        "je",
        "jij",
        "jullie",
        "jouw",
        "ik",
        "mij",
        "mijn",
        "me",
        "hij",
        "zij",
        "ze",
        "hen",
        "hun",
        "haar",
        "zijn",
        "is",
        "ben",
        "bent",
        "was",
        "waren",
        "wordt",
        "worden",
        "werd",
        "zal",
        "zullen",
        "zou",
        "zouden",
        "kan",
        "kunnen",
        "kon",
        "moet",
        "moeten",
        "wil",
        "willen",
        "heeft",
        "hebben",
        "had",
        "hadden",
        "doe",
        "doen",
        "doet",
        "gaat",
        "gaan",
        "te",
        "om",
        "op",
        "in",
        "aan",
        "bij",
        "met",
        "voor",
        "van",
        "naar",
        "uit",
        "over",
        "door",
        "tot",
        "na",
        "zonder",
        "tegen",
        "tussen",
        "onder",
        "boven",
        "per",
        "dus",
        "zo",
        "er",
        "hier",
        "daar",
        "niet",
        "geen",
        "wel",
        "heel",
        "erg",
        "meer",
        "veel",
        "alle",
        "elke",
        "elk",
        "ieder",
        "iedere",
        "iets",
        "niets",
        "altijd",
        "weten",
        "weet",
        "laten",
        "laat",
        "mee",
        "terug",
        "doen",
        "deed",
        "deden",
        "hoort",
        "krijgt",
        "krijgen",
        "maken",
        "gaat",
        "klant",
        "klanten",
        "klantgericht",
        "huurder",
        "huurders",
        "bewoner",
        "bewoners",
        "belofte",
        "beloftes",
        "beloften",
        "beloven",
        "beloven",
    ]
)

# A few Dutch words people use for the same thing in their own words; mapped to one stem.
SYNONYMS = {
    "telefoneren": "bellen",
    "opbellen": "bellen",
    "terugbellen": "bellen",
    "contact": "bellen",
    "reactie": "antwoord",
    "antwoorden": "antwoord",
    "beantwoorden": "antwoord",
    "duidelijk": "helder",
    "duidelijkheid": "helder",
    "begrijpelijk": "helder",
    "eerlijk": "open",
    "eerlijkheid": "open",
    "transparant": "open",
    "afspraak": "nakomen",
    "afspraken": "nakomen",
    "toezeggingen": "nakomen",
    "toezegging": "nakomen",
    "nakomen": "nakomen",
    "luisteren": "luister",
    "horen": "luister",
    "snel": "snel",
    "vlot": "snel",
    "binnen": "snel",
    "eigenaar": "eigenaar",
    "verantwoordelijk": "eigenaar",
    "regelen": "eigenaar",
    "oplossen": "eigenaar",
    "persoonlijk": "persoon",
    "maatwerk": "persoon",
    "thuis": "woning",
    "huis": "woning",
    "woning": "woning",
}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=1)
def _synonym_stems() -> dict[str, str]:
    base = _stemmer()
    return {base.stemWord(k): base.stemWord(v) for k, v in SYNONYMS.items()}


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """The comparable form of one lower-case word (its synonym's stem when it has one)."""
    found = _stemmer().stemWord(word)
    return _synonym_stems().get(found, found)


def words(text: str) -> list[str]:
    """Lower-case words without accents, in order."""
    return _WORD.findall(strip_accents(text.lower()))


def content_words(text: str) -> list[tuple[str, str]]:
    """(word as written, stem) for every word that is not a stop word or a number."""
    out = []
    for word in words(text):
        if word in STOP_WORDS or word.isdigit() or len(word) < 3:
            continue
        out.append((word, stem(word)))
    return out


def stems_match(a: str, b: str) -> bool:
    """Equal stems, or one the head of a compound of the other ("terugbel" / "bel",
    "klachtafhandel" / "klacht"); short stems only match exactly."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4 or len(long) < len(short) + 3:
        return False
    return long.endswith(short) or long.startswith(short)
