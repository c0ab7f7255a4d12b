"""Lexicon loading and per-token analysis (spelling variants, inflection, typo repair), memoised."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

DATA_DIR = Path(__file__).resolve().parent / "data"

# Token flags. Ints rather than an enum because the scorer tests them in a hot loop.
NEG = 1 << 0
INT = 1 << 1
DOWN = 1 << 2
DELIV = 1 << 3
RESOL = 1 << 4
EFFORT = 1 << 5
MUST = 1 << 6
HOEVEN = 1 << 7
AGAIN = 1 << 8
INTERJ = 1 << 9
SUGG = 1 << 10
PROBLEM = 1 << 11
TIME = 1 << 12
NUM = 1 << 13
COMPAR = 1 << 14
PRON = 1 << 15
FINITE = 1 << 16
MODAL = 1 << 17
IMPER = 1 << 18
FRAME = 1 << 19
REASON = 1 << 20
SELF = 1 << 21
ADJ = 1 << 22
DET = 1 << 23
CONJ = 1 << 24
CONTRAST = 1 << 25
CONCESS = 1 << 26
SOFT = 1 << 27
PUNCT = 1 << 28
EMOJI = 1 << 29
KEER = 1 << 30
NOSUGG = 1 << 31
NOREF = 1 << 32
SUPERL = 1 << 33
PHRASE = 1 << 34  # token starts at least one multi-word lexicon entry
WORD = 1 << 35  # alphabetic word token
WAIT = 1 << 36  # about waiting: wachten, duurde
PRICE = 1 << 37  # about money: prijs, premie, kosten
SEPAR = 1 << 38  # finite verb of a separable-verb entry ("valt ... uit")
EXCESS = 1 << 39  # "te" before an adjective: too much

_WAIT_WORDS = frozenset(
    {"duurde", "duurt", "geduurd", "duren", "gewacht", "wachtte", "wachttijd", "kostte", "kostten",
     "gekost", "doorlooptijd", "levertijd", "reactietijd", "behandeltijd", "gehangen"}
)  # fmt: skip
_PRICE_PREFIXES = (
    "prijs",
    "premie",
    "kosten",
    "tarie",
    "rente",
    "factu",
    "rekening",
    "bedrag",
    "voorschot",
    "abonnement",
    "huur",
)
_PRICE_HEADS = (
    "prijs",
    "prijzen",
    "premie",
    "kosten",
    "tarief",
    "tarieven",
    "rekening",
    "factuur",
    "bedrag",
    "huur",
)

FLAG_NAMES = {
    "neg": NEG,
    "int": INT,
    "down": DOWN,
    "deliv": DELIV,
    "resol": RESOL,
    "effort": EFFORT,
    "must": MUST,
    "hoeven": HOEVEN,
    "again": AGAIN,
    "interj": INTERJ,
    "sugg": SUGG,
    "problem": PROBLEM,
    "time": TIME,
    "num": NUM,
    "compar": COMPAR,
    "pron": PRON,
    "finite": FINITE,
    "modal": MODAL,
    "imper": IMPER,
    "frame": FRAME,
    "reason": REASON,
    "self": SELF,
    "adj": ADJ,
    "det": DET,
    "conj": CONJ,
    "contrast": CONTRAST,
    "concess": CONCESS,
    "soft": SOFT,
    "keer": KEER,
    "nosugg": NOSUGG,
    "noref": NOREF,
    "excess": EXCESS,
}


class Tok(NamedTuple):
    """Lexical analysis of one token: normal form, polarity, flag bits and a numeric value."""

    norm: str
    pol: float
    flags: int
    value: float


class Phrase(NamedTuple):
    """A multi-word lexicon entry, stored under its first word."""

    rest: tuple[str, ...]
    pol: float
    flags: int
    value: float
    text: str


def strip_accents(text: str) -> str:
    """Remove combining diacritics so 'geërgerd' and 'geergerd' share a key."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, skipping comments and blank lines."""
    out = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


@lru_cache(maxsize=1)
def load_pattern_terms() -> dict[str, tuple[float, float]]:
    """Word -> (polarity, subjectivity) from the derived CLiPS Pattern file."""
    return {
        strip_accents(r[0]): (float(r[1]), float(r[2])) for r in _rows("pattern_nl_sentiment.tsv")
    }


@lru_cache(maxsize=1)
def load_domain_terms() -> dict[str, tuple[float, int, float]]:
    """Term -> (polarity, flags, value) from the hand-written domain lexicon; duplicate rows merge."""
    terms: dict[str, tuple[float, int, float]] = {}
    for row in _rows("domain_nl.tsv"):
        term = " ".join(strip_accents(row[0].lower()).split())
        pol = float(row[1]) if len(row) > 1 and row[1] else 0.0
        flags = 0
        if len(row) > 2 and row[2]:
            for name in row[2].split(","):
                flags |= FLAG_NAMES[name.strip()]
        value = float(row[3]) if len(row) > 3 and row[3] else 0.0
        if term in terms:
            # Later rows override polarity (explicit corrections), flags accumulate.
            _old_pol, old_flags, old_value = terms[term]
            flags |= old_flags
            value = value or old_value
        terms[term] = (pol, flags, value)
    return terms


@lru_cache(maxsize=1)
def load_spelling() -> dict[str, tuple[str, ...]]:
    """Informal, Flemish and chat spellings -> standard Dutch word(s)."""
    return {strip_accents(r[0].lower()): tuple(r[1].split()) for r in _rows("spelling_nl.tsv")}


@lru_cache(maxsize=1)
def load_emoji() -> dict[str, float]:
    """Emoji and emoticons -> polarity."""
    table = {}
    for row in _rows("emoji.tsv"):
        table[_emoji_key(row[0])] = float(row[1])
    return table


@lru_cache(maxsize=1)
def load_guard() -> frozenset[str]:
    """Real Dutch words that typo repair must leave alone."""
    text = (DATA_DIR / "fuzzy_guard_nl.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def _emoji_key(text: str) -> str:
    """Drop variation selectors and skin tones so '👍🏽' and '❤️' match '👍' and '❤'."""
    return "".join(
        ch
        for ch in text
        if not ("\ufe00" <= ch <= "\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff" or ch == "\u200d")
    )


# Evaluative compound prefixes: "supervriendelijk", "keigoed", "kutservice".
_INTENS_PREFIXES = (
    "aller",
    "super",
    "kei",
    "mega",
    "hyper",
    "ultra",
    "reuze",
    "bere",
    "oer",
    "loei",
    "snoei",
    "zeer",
)
_EVAL_PREFIXES = {"kut": -0.75, "klote": -0.75, "bagger": -0.7, "prut": -0.6, "top": 0.75}
_IRREGULAR_COMPAR = {
    "beter": "goed",
    "betere": "goed",
    "best": "goed",
    "beste": "goed",
    "meer": "",
    "minder": "",
    "vaker": "",
    "eerder": "",
    "liever": "",
    "slechter": "slecht",
    "erger": "erg",
}
_VOWELS = set("aeiou")
_ELONGATION = re.compile(r"(.)\1{2,}")
_PARTICIPLE = re.compile(
    r"(?:mee|op|af|in|uit|door|terug|aan|na|bij|over|toe|weg|voor|om|vast|rond|klaar|thuis)?ge[a-z]{2,}(?:d|t|en)$"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _attributive_bases(word: str) -> list[str]:
    """Undo Dutch attributive/inflectional spelling changes: snelle->snel, grote->groot, boze->boos."""
    out = [word]
    if len(word) > 3 and word[-2] == word[-1] and word[-1] not in _VOWELS:
        out.append(word[:-1])  # snell -> snel
    tail = {"v": "f", "z": "s"}.get(word[-1:], word[-1:])
    if (
        len(word) >= 3
        and word[-1] not in _VOWELS
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    ):
        out.append(word[:-2] + word[-2] * 2 + tail)  # grot -> groot, boz -> boos
    if tail != word[-1:]:
        out.append(word[:-1] + tail)  # liev -> lief
    return out


class Lexicon:
    """All lexical knowledge, compiled once; `tokens()` memoises per surface form."""

    def __init__(self) -> None:
        """Merge Pattern, the domain lexicon, spellings and emoji into lookup tables."""
        terms: dict[str, Tok] = {}
        for word, (pol, subj) in load_pattern_terms().items():
            # Weak or objective Pattern senses are noise in service feedback.
            keep = pol if abs(pol) >= 0.2 and subj >= 0.4 else 0.0
            terms[word] = Tok(word, keep, ADJ | WORD, 0.0)
        self.phrases: dict[str, list[Phrase]] = {}
        # Separable verbs, "valt ... uit": finite verb -> [(particle, polarity, flags)].
        self.separable: dict[str, list[tuple[str, float, int]]] = {}
        for term, (pol, flags, value) in load_domain_terms().items():
            words = term.split()
            if len(words) == 3 and words[1] == "...":
                self.separable.setdefault(words[0], []).append((words[2], pol, flags))
                continue
            if len(words) == 1:
                old = terms.get(term)
                extra = old.flags & ADJ if old is not None else 0
                terms[term] = Tok(term, pol, flags | extra | WORD, value)
            else:
                self.phrases.setdefault(words[0], []).append(
                    Phrase(tuple(words[1:]), pol, flags, value, term)
                )
        for entries in self.phrases.values():
            entries.sort(key=lambda p: -len(p.rest))  # longest match first
        self.terms = terms
        self.spelling = load_spelling()
        self.emoji = load_emoji()
        self.guard = load_guard()
        self._fuzzy: dict[str, set[str]] = {}
        for word, tok in terms.items():
            if len(word) >= 5 and (abs(tok.pol) >= 0.3 or (tok.flags & DELIV and len(word) >= 7)):
                for variant in {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}:
                    self._fuzzy.setdefault(variant, set()).add(word)
        self._cache: dict[str, tuple[Tok, ...]] = {}

    def tokens(self, raw: str) -> tuple[Tok, ...]:
        """Analyse one surface token (memoised); spelling expansions can yield several Toks."""
        hit = self._cache.get(raw)
        if hit is None:
            hit = self._analyse(raw)
            if len(self._cache) > 200_000:  # bound memory on adversarial input
                self._cache.clear()
            self._cache[raw] = hit
        return hit

    def _analyse(self, raw: str) -> tuple[Tok, ...]:
        low = strip_accents(raw.lower())
        first = low[:1]
        if not first.isalnum():
            key = _emoji_key(raw)
            if key in self.emoji:
                return (Tok(key, self.emoji[key], EMOJI, 0.0),)
            if low in self.emoji:
                return (Tok(low, self.emoji[low], EMOJI, 0.0),)
            return (Tok(key or low, 0.0, PUNCT, 0.0),)
        if first.isdigit():
            if _NUMBER.fullmatch(low):
                return (Tok("<num>", 0.0, NUM, float(low.replace(",", "."))),)
            return (Tok(low, 0.0, 0, 0.0),)
        if low in self.emoji:  # "xD"
            return (Tok(low, self.emoji[low], EMOJI, 0.0),)
        expansion = self.spelling.get(low)
        if expansion is not None:
            return tuple(self._word(w) for w in expansion)
        return (self._word(low),)

    def _word(self, low: str) -> Tok:
        """Analyse one lowercase, accent-free word, flagging it when a lexicon phrase starts with it."""
        tok = self._lookup(low)
        extra = 0
        if low in self.phrases or tok.norm in self.phrases:
            extra |= PHRASE
        if low.startswith("wacht") or low in _WAIT_WORDS:
            extra |= WAIT
        if low.startswith(_PRICE_PREFIXES) or low.endswith(_PRICE_HEADS):
            extra |= PRICE  # "premie", "energierekening"
        if low in self.separable:
            extra |= SEPAR
        return tok._replace(flags=tok.flags | extra) if extra else tok

    def _lookup(self, low: str) -> Tok:
        tok = self.terms.get(low)
        if tok is not None:
            if tok.flags == ADJ | WORD and not tok.pol and low.endswith(("er", "ere", "st", "ste")):
                # Pattern lists some comparatives as neutral words ("later"); read them as comparatives.
                return self._morph(low) or tok
            return tok
        if _ELONGATION.search(low):  # "heeeel", "suuuuper"
            for collapsed in (_ELONGATION.sub(r"\1\1", low), _ELONGATION.sub(r"\1", low)):
                tok = self.terms.get(collapsed) or self.terms.get(
                    self.spelling.get(collapsed, ("",))[0]
                )
                if tok is not None:
                    return tok
            low = _ELONGATION.sub(r"\1\1", low)
        tok = self._morph(low)
        if tok is not None:
            return tok
        tok = self._compound(low)
        if tok is not None:
            return tok
        tok = self._repair(low)
        if tok is not None:
            return tok
        if _PARTICIPLE.match(low):
            # An unknown participle is a service act when negated: "niet opgehaald", "niet meegenomen".
            return Tok(low, 0.0, WORD | DELIV, 0.0)
        return Tok(low, 0.0, WORD, 0.0)

    def _morph(self, low: str) -> Tok | None:
        """Inflected, comparative and superlative adjective forms."""
        terms = self.terms
        if low in _IRREGULAR_COMPAR:
            base = _IRREGULAR_COMPAR[low]
            tok = terms.get(base) if base else None
            pol = tok.pol if tok is not None else 0.0
            sup = SUPERL if low.startswith("best") else 0
            return Tok(low, pol, COMPAR | ADJ | WORD | sup, 0.0)
        if low.endswith("e") and len(low) > 3:
            for base in _attributive_bases(low[:-1]):
                tok = terms.get(base)
                if tok is not None and tok.flags & (ADJ | DELIV | INT):
                    return tok
        for suffix, flag in (("ere", COMPAR), ("er", COMPAR), ("ste", SUPERL), ("st", SUPERL)):
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                stem = low[: -len(suffix)]
                cands = _attributive_bases(stem)
                if suffix in ("er", "ere") and stem.endswith("rd"):
                    cands += _attributive_bases(stem[:-1])  # duurder -> duur
                for base in cands:
                    tok = terms.get(base)
                    if tok is not None and tok.flags & ADJ and tok.pol:
                        return Tok(
                            low, tok.pol * (1.2 if flag == SUPERL else 1.0), flag | ADJ | WORD, 0.0
                        )
        return None

    def _compound(self, low: str) -> Tok | None:
        """Intensifying and evaluative prefixes (keivriendelijk, kutservice) and 'on-' negation."""
        for prefix in _INTENS_PREFIXES:
            if low.startswith(prefix) and len(low) > len(prefix) + 2:
                rest = self._morph_or_term(low[len(prefix) :])
                if rest is not None and rest.pol:
                    return Tok(low, max(-1.0, min(1.0, rest.pol * 1.5)), rest.flags | INT, 0.0)
        for prefix, pol in _EVAL_PREFIXES.items():
            if low.startswith(prefix) and len(low) >= len(prefix) + 4:
                return Tok(low, pol, WORD, 0.0)
        if low.startswith("on") and len(low) > 5:
            rest = self._morph_or_term(low[2:])
            if rest is not None and rest.pol > 0 and rest.flags & ADJ:
                return Tok(low, -0.8 * rest.pol, ADJ | WORD, 0.0)
        return None

    def _morph_or_term(self, low: str) -> Tok | None:
        return self.terms.get(low) or self._morph(low)

    def _repair(self, low: str) -> Tok | None:
        """One-edit typo repair onto strong lexicon words, never for real Dutch words."""
        if len(low) < 5 or low in self.guard or not low.isalpha():
            return None
        for cand in (low, low[:-1] if low.endswith("e") and len(low) >= 8 else ""):
            if len(cand) < 5 or cand in self.guard:
                continue
            hits: set[str] = set()
            for variant in {cand} | {cand[:i] + cand[i + 1 :] for i in range(len(cand))}:
                found = self._fuzzy.get(variant)
                if found:
                    hits |= found
            hits = {h for h in hits if h[0] == cand[0] and abs(len(h) - len(cand)) <= 1}
            if not hits:
                continue
            signs = {(self.terms[h].pol > 0) - (self.terms[h].pol < 0) for h in hits}
            if len(signs) == 1:
                best = min(hits, key=lambda h: (abs(len(h) - len(cand)), h))
                return self.terms[best]
        return None
