"""Editable topic taxonomy and a keyword matcher that compiles arbitrary keyword lists quickly."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import strip_accents


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic an organisation tracks; keywords are words, `stem*` prefixes, `*head` suffixes or phrases."""

    slug: str
    name_nl: str
    name_en: str
    keywords: tuple[str, ...]


DEFAULT_TOPICS: tuple[Topic, ...] = (
    Topic(
        "wachttijd",
        "Wachttijd",
        "Waiting time",
        (
            "wacht*",
            "gewacht",
            "duurde",
            "duurt",
            "duren",
            "geduurd",
            "doorlooptijd*",
            "levertijd*",
            "snel*",
            "vlot*",
            "traag",
            "sloom",
            "langzaam",
            "rap",
            "meteen",
            "direct",
            "binnen een dag",
            "lang duren",
            "te lang",
            "zo lang",
            "veel te lang",
            "urenlang",
            "dagenlang",
            "wekenlang",
            "maandenlang",
            "vertraging*",
            "vertraagd",
            "eindelijk",
            "nog steeds",
            "al weken",
            "al maanden",
        ),
    ),
    Topic(
        "bereikbaarheid",
        "Bereikbaarheid",
        "Accessibility",
        (
            "bereikbaar*",
            "onbereikbaar*",
            "telefonisch*",
            "telefoon*",
            "aan de lijn",
            "aan de telefoon",
            "neemt niet op",
            "nam niet op",
            "opgenomen",
            "doorverbonden",
            "doorgeschakeld",
            "in de wacht",
            "openingstijd*",
            "gesloten",
            "loket",
            "balie",
            "te pakken",
            "bereiken",
            "*nummer",
            "kastje naar de muur",
            "terugbel*",
            "teruggebeld",
        ),
    ),
    Topic(
        "vriendelijkheid",
        "Vriendelijkheid",
        "Friendliness",
        (
            "vriendelijk*",
            "onvriendelijk*",
            "klantvriendelijk*",
            "aardig*",
            "lief",
            "lieve",
            "beleefd*",
            "onbeleefd*",
            "onbeschoft*",
            "bot",
            "kortaf",
            "nors",
            "arrogant*",
            "brutaal",
            "sympathiek*",
            "hartelijk*",
            "geduldig*",
            "ongeduldig*",
            "begripvol*",
            "empathisch*",
            "respectvol*",
            "behulpzaam*",
            "hulpvaardig*",
            "glimlach",
            "toon",
            "opgewekt",
            "zorgzaam",
            "schat",
            "plezant*",
        ),
    ),
    Topic(
        "deskundigheid",
        "Deskundigheid",
        "Expertise",
        (
            "deskundig*",
            "ondeskundig*",
            "vakkundig*",
            "kundig*",
            "onkundig*",
            "kennis",
            "vakman*",
            "vakmanschap",
            "vakwerk",
            "professioneel*",
            "professionele",
            "onprofessioneel*",
            "competent*",
            "incompetent*",
            "expert*",
            "ervaren",
            "advies",
            "adviseur*",
            "wist niet",
            "wist precies",
            "verstand van",
            "meedenk*",
            "meegedacht",
            "dacht mee",
            "dachten mee",
            "denkt mee",
            "amateuristisch",
        ),
    ),
    Topic(
        "communicatie",
        "Communicatie",
        "Communication",
        (
            "communic*",
            "informatie",
            "info",
            "geinformeerd",
            "informeren",
            "op de hoogte",
            "terugkoppeling",
            "bericht*",
            "mail*",
            "gemaild",
            "e-mail*",
            "brief",
            "brieven",
            "uitleg*",
            "uitgelegd",
            "toelichting",
            "duidelijk*",
            "onduidelijk*",
            "helder*",
            "vaag",
            "reactie*",
            "reageer*",
            "reageren",
            "reageert",
            "gereageerd",
            "antwoord*",
            "beantwoord*",
            "luister*",
            "geluisterd",
            "te woord",
            "verteld*",
            "vertelde",
            "aankondiging",
            "bevestiging*",
        ),
    ),
    Topic(
        "afspraken_nakomen",
        "Afspraken nakomen",
        "Keeping appointments",
        (
            "afspraak",
            "afspraken",
            "afgesproken",
            "nagekomen",
            "nakomen",
            "nakomt",
            "toezegging*",
            "beloofd*",
            "belofte*",
            "beloven",
            "belooft",
            "op tijd",
            "te laat",
            "niet gekomen",
            "niet opdagen",
            "opdagen",
            "tijdvak*",
            "tijdslot*",
            "afgezegd",
            "afgebeld",
            "verzet",
            "uitgesteld",
            "stipt",
            "punctueel",
            "termijn",
        ),
    ),
    Topic(
        "prijs",
        "Prijs",
        "Price",
        (
            "prijs",
            "prijzen",
            "prijzig",
            "prijsverhoging*",
            "*prijs",
            '"duur"',
            "dure",
            "duurder",
            "duurste",
            "goedkoop*",
            "goedkope",
            "kosten",
            "kost",
            "gekost",
            "tarief",
            "tarieven",
            "premie*",
            "betaalbaar*",
            "onbetaalbaar",
            "korting*",
            "euro",
            "€",
            "factuur",
            "facturen",
            "voorschot*",
            "termijnbedrag",
            "gratis",
            "geld",
        ),
    ),
    Topic(
        "kwaliteit",
        "Kwaliteit",
        "Quality",
        (
            "kwaliteit*",
            "resultaat",
            "afwerking",
            "afgewerkt",
            "reparatie*",
            "gerepareerd",
            "vakwerk",
            "degelijk*",
            "kapot",
            "defect",
            "beschadigd",
            "schade",
            "slordig*",
            "netjes",
            "keurig",
            "opgelost",
            "verholpen",
            "oplossing",
            "product*",
            "zorg",
            "verzorging",
            "schoon",
            "vies",
            "smerig",
            "eten",
        ),
    ),
    Topic(
        "digitale_kanalen",
        "Digitale kanalen",
        "Digital channels",
        (
            "website",
            "site",
            "webshop",
            "app",
            "apps",
            "online",
            "portaal",
            "*portaal",
            "mijn omgeving",
            "mijnomgeving",
            "inloggen",
            "ingelogd",
            "inlog*",
            "digid",
            "chat",
            "chatten",
            "chatbot",
            "whatsapp",
            "formulier*",
            "*formulier",
            "digitaal*",
            "digitale",
            "internet",
            "wachtwoord*",
            "account",
            "selfservice",
            "track & trace",
            "link",
        ),
    ),
)

# Inflection endings an exact keyword tolerates: vriendelijk -> vriendelijke, afspraak -> afspraken.
_ENDINGS = (
    "",
    "e",
    "en",
    "s",
    "'s",
    "n",
    "er",
    "ere",
    "st",
    "ste",
    "je",
    "jes",
    "tje",
    "tjes",
    "t",
    "d",
    "de",
    "te",
)
_VOWELS = set("aeiou")


def _forms(word: str) -> set[str]:
    """Exact keyword plus its regular Dutch inflections."""
    out = {word + e for e in _ENDINGS}
    if len(word) > 3 and word[-1] not in _VOWELS and word[-2] == word[-3] and word[-2] in _VOWELS:
        short = word[:-2] + word[-1]  # afspraak -> afsprak-en
        tail = {"f": "v", "s": "z"}.get(short[-1], short[-1])
        out |= {short[:-1] + tail + "en", short[:-1] + tail + "e"}
    elif len(word) > 2 and word[-1] not in _VOWELS and word[-2] in _VOWELS:
        out |= {word + word[-1] + "en", word + word[-1] + "e"}  # bot -> botte
    if word.endswith("s"):
        out |= {word[:-1] + "zen", word[:-1] + "ze"}  # prijs -> prijzen
    if word.endswith("f"):
        out |= {word[:-1] + "ven", word[:-1] + "ve"}
    return out


def _norm_word(word: str) -> str:
    return strip_accents(word.lower().replace("’", "'"))


class _WordPattern:
    """One keyword word: exact (with inflections), prefix (`x*`) or suffix (`*x`)."""

    __slots__ = ("forms", "kind", "text")

    def __init__(self, raw: str) -> None:
        raw = _norm_word(raw.replace("“", '"').replace("”", '"'))
        if len(raw) > 2 and raw[0] == raw[-1] == '"':  # "duur": that word, not duurt (lasts)
            self.kind, self.text = "exact", raw[1:-1]
            self.forms = frozenset({self.text})
            return
        if raw.endswith("*") and len(raw) > 1:
            self.kind, self.text = "prefix", raw.rstrip("*")
        elif raw.startswith("*") and len(raw) > 1:
            self.kind, self.text = "suffix", raw.lstrip("*")
        else:
            self.kind, self.text = "exact", raw
        self.forms = frozenset(_forms(self.text)) if self.kind == "exact" else frozenset()

    def matches(self, token: str) -> bool:
        if self.kind == "exact":
            return token in self.forms
        if self.kind == "prefix":
            return token.startswith(self.text)
        return token.endswith(self.text) and len(token) > len(self.text)


class TopicMatcher:
    """Matches topic keywords on normalised tokens; compiling a taxonomy is O(keywords)."""

    def __init__(self, topics: tuple[Topic, ...] | list[Topic]) -> None:
        """Index keywords by exact form, prefix length and suffix length for O(1)-ish lookups."""
        self.topics = tuple(topics)
        self._exact: dict[str, list[tuple[int, tuple[_WordPattern, ...]]]] = {}
        self._prefix: dict[int, dict[str, list[tuple[int, tuple[_WordPattern, ...]]]]] = {}
        self._suffix: dict[int, dict[str, list[tuple[int, tuple[_WordPattern, ...]]]]] = {}
        for idx, topic in enumerate(self.topics):
            for keyword in topic.keywords:
                words = [_WordPattern(w) for w in keyword.split()]
                if not words or not words[0].text:
                    continue
                head, rest = words[0], tuple(words[1:])
                entry = (idx, rest)
                if head.kind == "exact":
                    for form in head.forms:
                        self._exact.setdefault(form, []).append(entry)
                elif head.kind == "prefix":
                    self._prefix.setdefault(len(head.text), {}).setdefault(head.text, []).append(
                        entry
                    )
                else:
                    self._suffix.setdefault(len(head.text), {}).setdefault(head.text, []).append(
                        entry
                    )
        self._cache: dict[str, tuple[tuple[int, tuple[_WordPattern, ...]], ...]] = {}

    def candidates(self, token: str) -> tuple[tuple[int, tuple[_WordPattern, ...]], ...]:
        """Keywords that can start at this (lowercase, accent-free) token; memoised."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        found = list(self._exact.get(token, ()))
        n = len(token)
        for length, table in self._prefix.items():
            if length <= n:
                found.extend(table.get(token[:length], ()))
        for length, table in self._suffix.items():
            if length < n:
                found.extend(table.get(token[-length:], ()))
        hit = tuple(found)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[token] = hit
        return hit

    def match_candidates(self, cands: list[tuple], tokens: list[str]) -> tuple[str, ...]:
        """Slugs of topics matched, given per-token `candidates()` and the tokens themselves."""
        hits: set[int] = set()
        n = len(tokens)
        for i, found in enumerate(cands):
            if not found:
                continue
            for idx, rest in found:
                if idx in hits:
                    continue
                if rest:
                    if i + len(rest) >= n:
                        continue
                    if not all(p.matches(tokens[i + 1 + k]) for k, p in enumerate(rest)):
                        continue
                hits.add(idx)
        if not hits:
            return ()
        return tuple(self.topics[i].slug for i in sorted(hits))

    def match_infos(self, infos: list, a: int, b: int) -> tuple[str, ...]:
        """Like `match_candidates` over objects with `.topics` and `.low` (the analyser's token memo)."""
        hits: set[int] = set()
        for i in range(a, b):
            found = infos[i].topics
            if not found:
                continue
            for idx, rest in found:
                if idx in hits:
                    continue
                if rest:
                    if i + len(rest) >= b:
                        continue
                    if not all(p.matches(infos[i + 1 + k].low) for k, p in enumerate(rest)):
                        continue
                hits.add(idx)
        if not hits:
            return ()
        return tuple(self.topics[i].slug for i in sorted(hits))

    def match(self, tokens: list[str]) -> tuple[str, ...]:
        """Slugs of topics whose keywords occur in the (lowercase, accent-free) token sequence."""
        return self.match_candidates([self.candidates(t) for t in tokens], tokens)
