"""Normalisation, tokenisation and sentence splitting for informal Dutch feedback."""

from __future__ import annotations

import re
import unicodedata

from .lexicon import strip_accents

# Token kinds, decided by the token's first character.
WORDK = 0
NUMK = 1
TERMK = 2  # sentence terminator run: . ! ? …
EMOJIK = 3
PUNCTK = 4

TOKEN_RE = re.compile(
    r"[:;=][-'^]?[()\[\]dDpPsS/|*]+(?![^\W\d_])"  # emoticons :) :-( :D
    r"|<3"
    r"|(?:[^\W\d_]\.){2,}"  # dotted abbreviations: o.a. n.v.t. m.b.t.
    r"|\d+(?:[.,:]\d+)*"  # 3.5  10:00  1.000
    r"|[^\W\d_]+(?:['’-][^\W\d_]+)*"  # words, m'n, cv-ketel
    r"|[.!?…]+"
    # any other symbol; emoji keep their variation selectors, skin tones and ZWJ sequences
    r"|\S[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff]*(?:\u200d\S[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff]*)*"
)

# Words that take an abbreviation point, so "bijv." or "dhr." never ends a sentence.
ABBREVIATIONS = frozenset(
    [
        "bijv",
        "bv",
        "bvb",
        "bijvoorbeeld",
        "dhr",
        "mevr",
        "mw",
        "mr",
        "dr",
        "drs",
        "ir",
        "ing",
        "prof",
        "st",
        "nr",
        "tel",
        "ca",
        "evt",
        "incl",
        "excl",
        "jl",
        "vs",
        "resp",
        "min",
        "max",
        "ong",
        "vnl",
        "zgn",
        "mbt",
        "ivm",
        "tav",
        "ipv",
        "adv",
        "afd",
        "gem",
        "mln",
        "mld",
        "blz",
        "pag",
        "art",
        "jan",
        "feb",
        "mrt",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dec",
        "ma",
        "di",
        "wo",
        "do",
        "vr",
        "za",
        "zo",
    ]
)
# These end sentences when a capital follows ("enz. Daarna ...").
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"enz", "etc", "usw"})

_kind_cache: dict[str, int] = {}


def token_kind(tok: str) -> int:
    """Classify a token by its first character (memoised)."""
    kind = _kind_cache.get(tok)
    if kind is None:
        ch = tok[0]
        if ch.isalpha():
            kind = WORDK
        elif ch.isdigit():
            kind = NUMK
        elif ch in ".!?…":
            kind = TERMK
        elif unicodedata.category(ch) in ("So", "Sk", "Cs", "Co") or (
            len(tok) > 1 and ch in ":;=<"
        ):
            kind = EMOJIK
        else:
            kind = PUNCTK
        if len(_kind_cache) < 50_000:
            _kind_cache[tok] = kind
    return kind


def tokenize(text: str) -> tuple[list[str], list[int], list[int], list[int]]:
    """Split text into tokens; returns parallel lists of token text, start, end and kind."""
    toks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[int] = []
    kind_of = _kind_cache.get
    for m in TOKEN_RE.finditer(text):
        tok = m.group()
        toks.append(tok)
        s, e = m.span()
        starts.append(s)
        ends.append(e)
        k = kind_of(tok)
        kinds.append(token_kind(tok) if k is None else k)
    return toks, starts, ends, kinds


def split_sentences(
    text: str, toks: list[str], starts: list[int], ends: list[int], kinds: list[int]
) -> list[tuple[int, int]]:
    """Token index ranges [a, b) of sentences; trailing emoji stay with the sentence they follow."""
    n = len(toks)
    if not n:
        return []
    # Only terminators, emoji and line breaks can end a sentence; visit just those tokens.
    cands = [i for i, k in enumerate(kinds) if k in (TERMK, EMOJIK)]
    if "\n" in text:
        cands = sorted(
            set(cands) | {i for i in range(n - 1) if _newline_between(text, ends[i], starts[i + 1])}
        )
    out: list[tuple[int, int]] = []
    a = 0
    skip_to = -1
    for i in cands:
        if i <= skip_to or i < a:
            continue
        kind = kinds[i]
        cut = False
        if kind == TERMK:
            cut = _terminator_ends_sentence(text, toks, starts, ends, kinds, i)
            if cut:
                # Emoji right after the full stop react to this sentence: "Top. 👍"
                while (
                    i + 1 < n
                    and kinds[i + 1] in (EMOJIK, TERMK)
                    and not _newline_between(text, ends[i], starts[i + 1])
                ):
                    i += 1
        elif kind == EMOJIK and i + 1 < n and kinds[i + 1] == WORDK and starts[i + 1] > ends[i]:
            cut = True  # emoji used as a full stop: "Top 👍 snel geholpen"
        if not cut and i + 1 < n and _newline_between(text, ends[i], starts[i + 1]):
            cut = True
        if cut and i + 1 < n:
            out.append((a, i + 1))
            a = i + 1
            skip_to = i
    out.append((a, n))
    return [_strip_bullets(kinds, toks, sp) for sp in out if sp[1] > sp[0]]


def _newline_between(text: str, a: int, b: int) -> bool:
    return b > a and "\n" in text[a:b]


def _terminator_ends_sentence(
    text: str, toks: list[str], starts: list[int], ends: list[int], kinds: list[int], i: int
) -> bool:
    tok = toks[i]
    n = len(toks)
    if tok != ".":
        return True
    nxt = toks[i + 1] if i + 1 < n else ""
    glued_next = i + 1 < n and starts[i + 1] == ends[i]
    if glued_next and kinds[i + 1] in (WORDK, NUMK) and not nxt[0].isupper():
        return False  # www.site.nl, 12.b
    if i > 0 and starts[i] == ends[i - 1] and kinds[i - 1] == WORDK:
        prev = toks[i - 1].lower()
        if prev in _SENTENCE_FINAL_ABBREVIATIONS:
            return bool(nxt) and nxt[0].isupper()
        if prev in ABBREVIATIONS:
            return False
        if len(prev) == 1 and toks[i - 1].isupper() and nxt[:1].isupper():
            return False  # initial: "J. Jansen"
    return True


def _strip_bullets(kinds: list[int], toks: list[str], span: tuple[int, int]) -> tuple[int, int]:
    """Drop list bullets ("-", "*", "•") that open a sentence, unless nothing else is left."""
    a, b = span
    while a < b - 1 and kinds[a] == PUNCTK and toks[a] in "-*•–·>":
        a += 1
    return a, b


def normalise(text: str) -> str:
    """Canonical key for a sentence: casefolded, accent- and punctuation-free, single-spaced."""
    # Emoji are kept (they carry meaning, "Top 👍" is not "Top 🙄"); skin tones and variation
    # selectors are not, so corrections match the same sentence typed with other capitals,
    # accents or punctuation.
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = strip_accents(text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or ch == "'":
            out.append(ch)
        elif cat == "So":
            out.append(" " + ch + " ")
        elif cat in ("Mn", "Sk", "Cf"):
            continue
        else:
            out.append(" ")
    return " ".join("".join(out).replace(" ' ", " ").split())
