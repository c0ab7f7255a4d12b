"""Clause splitting and clause scoring: negation, intensifiers, service patterns, suggestions, sarcasm."""

from __future__ import annotations

from typing import NamedTuple

from .lexicon import (
    ADJ,
    AGAIN,
    COMPAR,
    CONCESS,
    CONJ,
    CONTRAST,
    DELIV,
    DET,
    DOWN,
    EFFORT,
    EMOJI,
    EXCESS,
    FINITE,
    FRAME,
    HOEVEN,
    IMPER,
    INT,
    INTERJ,
    KEER,
    MODAL,
    MUST,
    NEG,
    NOSUGG,
    NUM,
    PRICE,
    PROBLEM,
    PRON,
    PUNCT,
    REASON,
    RESOL,
    SELF,
    SEPAR,
    SOFT,
    SUGG,
    TIME,
    WAIT,
    WORD,
    Tok,
)
from .model import COMPLIMENT, IMPROVEMENT, NEUTRAL

THRESHOLD = 0.3  # |score| needed for a non-neutral label
NEG_WEIGHT = 1.3  # complaints outweigh praise in the same clause
PATTERN = 1 << 40  # contribution made by a pattern rather than one word
SPAN = 1 << 41  # the cue is one contiguous phrase ("binnen een dag", "vier keer")

# Clause markers: how a clause is introduced.
M_PLAIN = 0
M_CONTRAST = 1
M_CONCESS = 2
M_MAIN = 3  # the main clause after a fronted concessive clause

_NEG_SCOPE = 8  # units a negator reaches for a service verb ("niet naar mijn kant ... geluisterd")
_NEG_SCOPE_ADJ = 4  # and for an evaluative word
_CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "–", "—", "-", "/", "…"})
_TERMINATORS = frozenset(".!?…")
_MAAR_PARTICLE_NEXT = frozenset(
    {"liefst", "even", "een", "<num>", "weinig", "kort", "raak", "zo", "eens", "weer"}
)
_MAAR_PARTICLE_PREV = frozenset(
    {"blijf", "bleef", "blijven", "gewoon", "dan", "zomaar", "ja", "en", "alleen", "nou"}
)
_SOFT_AT_START = frozenset(
    {"uiteindelijk", "verder", "overigens", "voor de rest", "al met al", "gelukkig", "wel"}
)
_FAST_BEFORE = frozenset({"binnen", "slechts", "maar", "nog", "geen"})
_SLOW_BEFORE = frozenset(
    {"pas", "ruim", "bijna", "sinds", "wel", "zeker", "inmiddels", "ondertussen", "meer"}
)
_LOYALTY_HOURS = 24 * 31 * 6  # "al twintig jaar klant" is loyalty, not a wait
_SHORT = frozenset({"kort", "korte", "kortere"})
_LONG = ("lang", "lange", "langer")
_BOOSTERS = ("super", "mega", "extra", "ultra", "hyper", "heel")
_LASTS = frozenset({"mee", "vol"})
_PRICE_ADJ = {
    "hoog": -0.45,
    "hoge": -0.45,
    "hoger": -0.45,
    "laag": 0.35,
    "lage": 0.35,
    "lager": 0.35,
}
_TE_PRAISE = frozenset({"gek", "leuk", "lief", "gaaf", "tof", "mooi"})
_GRADE_BEFORE = frozenset(
    {"een", "dikke", "vette", "ruime", "cijfer", "geef", "geven", "krijgen", "krijgt"}
)
_SCENE_SETTERS = frozenset({"toen", "nadat", "omdat", "doordat", "aangezien"})
_FRAME_SUBJECTS = frozenset({"ik", "we", "wij", "mijn", "het", "onze", "de"})
_NOUN_FRAMES = frozenset({"vraag", "vragen", "melding", "contact", "klacht", "gesprek"})
_REPORT_FRAMES = frozenset(
    {"gemeld", "meldde", "ingediend", "doorgegeven", "aangevraagd", "aangemeld"}
)
_PERSONAL_REQUEST = frozenset({"ik", "u", "je", "jij", "we", "wij"})
_OTHER_AGENTS = frozenset({"ze", "zij", "jullie", "hij", "men", "u"})
_INFO_REQUEST = frozenset({"weten", "horen", "vernemen", "gedaan", "gezien"})
_WISH_MODALS = frozenset(
    {"had", "hadden", "zou", "zouden", "wil", "wilde", "willen", "wou", "wilden"}
)
_WISH_VERBS = frozenset({"moeten", "kunnen", "mogen", "helpen", "schelen"})
_HAD_MODALS = frozenset({"gekund", "gemoeten", "moeten", "mogen", "kunnen"})
_WAAROM = frozenset({"waarom", "hoezo"})
_INVENT = frozenset({"bedenkt", "verzint", "bedacht", "verzon", "verzonnen", "bedenken"})
_CONTEXT_PREPS = frozenset(
    {"bij", "tijdens", "na", "over", "met", "vanwege", "ivm", "rond", "omtrent", "sinds"}
)
_WONDER = frozenset(
    {
        "weten",
        "weet",
        "wist",
        "vraag",
        "vroeg",
        "vragen",
        "benieuwd",
        "twijfel",
        "af",
        "zeker",
        "niet",
    }
)
_INTERROGATIVES = frozenset(
    {
        "wie",
        "wat",
        "waar",
        "wanneer",
        "hoe",
        "welke",
        "welk",
        "hoeveel",
        "hoelang",
        "waarmee",
        "waarvoor",
    }
)
_SARCASM_TAGS = frozenset({"hoor", "zeg", "dan", "joh", "he", "weer", "jongens"})
_ONLY = frozenset({"maar", "slechts", "amper", "nauwelijks"})
# Words that open a subordinate clause, so the main clause of a wish ends before them.
_SUBCLAUSE = frozenset({"dat", "die", "wat", "waar", "wie", "hoe", "of", "welke", "waarom"})
# Costs and hassle: going without them is praise ("zonder extra kosten", "zonder onderbreking").
_HASSLE = frozenset(
    {
        "kosten",
        "meerkosten",
        "bijbetaling",
        "risico",
        "onderbreking",
        "onderbrekingen",
        "moeite",
        "wachttijd",
        "wachten",
        "zorgen",
        "haperingen",
        "hapering",
        "omwegen",
        "kopzorgen",
        "poespas",
        "vertraging",
        "toeslag",
        "papierwerk",
        "rompslomp",
    }
)
_SO = frozenset({"zo", "zo'n", "zo’n"})  # "nog nooit zo'n geduldige verpleegkundige"
# Flags that make a unit worth a look in the scoring loop; everything else is skipped at once.
_SCORING_FLAGS = (
    NEG
    | INT
    | DOWN
    | CONJ
    | PUNCT
    | DELIV
    | EMOJI
    | NUM
    | PROBLEM
    | SEPAR
    | EXCESS
    | COMPAR
    | CONTRAST
)
_EXPECTED = frozenset(
    {
        "verwacht",
        "gedacht",
        "beloofd",
        "afgesproken",
        "aangegeven",
        "gemeld",
        "vermeld",
        "gezegd",
        "nodig",
        "normaal",
        "gebruikelijk",
    }
)


class Units:
    """One sentence's tokens after multi-word phrase merging, as parallel lists."""

    __slots__ = ("first", "flags", "last", "norms", "toks")

    def __init__(self) -> None:
        """Empty unit lists; `flags` is the OR of all token flags in the sentence."""
        self.toks: list[Tok] = []
        self.norms: list[str] = []
        self.first: list[int] = []  # raw token index range covered by the unit
        self.last: list[int] = []
        self.flags = 0


class Contribution(NamedTuple):
    """One signed piece of evidence within a clause."""

    value: float
    unit: int
    cue: tuple[int, ...]  # units shown as reasons
    kind: int  # flags of the deciding token, or PATTERN


class Piece(NamedTuple):
    """A clause: unit range [first, last) and how it was introduced."""

    first: int
    last: int
    marker: int


class Context(NamedTuple):
    """Sentence-wide facts that change how a clause reads."""

    question: bool  # ends with "?": questions are not praise and barely complaints
    waarom: bool  # "waarom ...?", "hoe kan het dat ...": rhetorical complaints
    wait: bool  # about waiting, so durations and "kort" carry polarity
    price: bool  # about money, so "hoog" is bad and "laag" good
    frame: bool  # "Ik belde over ...": the reason for contact is a fact
    info_question: bool  # opens with wie/wat/waar/wanneer/hoe/welke
    rhetoric: tuple[int, ...] = ()  # units of a rhetorical complaint question ("hoe vaak ... nog")


class Scored(NamedTuple):
    """A scored clause."""

    score: float
    label: str
    cues: tuple[int, ...]  # units shown as separate reasons
    spans: tuple[tuple[int, int], ...]  # unit ranges shown as one phrase each
    interj_only_praise: bool  # all praise came from interjections (sarcasm candidate)
    negative_evidence: bool
    resolution: bool = False  # praise for fixing something: it answers the complaint before it
    pos: float = 0.0  # summed positive evidence after context corrections
    neg: float = 0.0  # summed negative evidence (before NEG_WEIGHT)
    sugg: bool = False  # a wish or proposal decided the clause


def make_pieces(units: Units) -> list[Piece]:
    """Split a sentence into clauses at punctuation and contrastive or concessive words."""
    toks = units.toks
    norms = units.norms
    n = len(toks)
    if not units.flags & (CONTRAST | CONCESS | SOFT):
        # Fast path: no clause words, so only inner punctuation can split.
        inner = [
            k
            for k, t in enumerate(toks)
            if t.flags & PUNCT
            and (
                norms[k] in _CLAUSE_PUNCT
                or (norms[k][0] in _TERMINATORS and _words_follow(toks, k))
            )
            and not (norms[k] == "," and _subordinate_follows(norms, k))
        ]
        if not inner:
            return [Piece(0, n, M_PLAIN)]
    pieces: list[Piece] = []
    start = 0
    marker = M_PLAIN
    has_content = False
    has_polar = False
    concess_first = False
    for k in range(n):
        tok = toks[k]
        flags = tok.flags
        norm = norms[k]
        if flags & PUNCT and (
            norm in _CLAUSE_PUNCT or (norm[0] in _TERMINATORS and _words_follow(toks, k))
        ):
            if norm == "," and _subordinate_follows(norms, k):
                continue  # ", (ook) toen ik boos werd": the scene belongs to the clause before
            if has_content:
                pieces.append(Piece(start, k, marker))
                marker = M_MAIN if marker == M_CONCESS and concess_first else M_PLAIN
                concess_first = False
            start = k + 1
            has_content = has_polar = False
            continue
        if flags & (CONTRAST | CONCESS | SOFT) or (norm == "wel" and not has_content):
            at_start = not has_content
            new_marker = -1
            if flags & CONTRAST:
                if norm == "maar":
                    prev = norms[k - 1] if k > 0 else ""
                    nxt = norms[k + 1] if k + 1 < n else ""
                    if (
                        k + 1 < n
                        and nxt not in _MAAR_PARTICLE_NEXT
                        and prev not in _MAAR_PARTICLE_PREV
                    ):
                        new_marker = M_CONTRAST
                elif norm in ("alleen", "enkel", "toch"):
                    nxt = norms[k + 1] if k + 1 < n else ""
                    if at_start and nxt not in ("maar", "?", "!"):
                        marker = M_CONTRAST
                elif at_start or not has_polar:
                    marker = (
                        M_CONTRAST  # echter, helaas, jammer genoeg: this clause is the contrast
                    )
                else:
                    new_marker = M_CONTRAST  # "Duidelijke uitleg helaas geen oplossing"
            elif flags & CONCESS:
                if norm != "ondanks" and (norm != "al" or _concessive_al(units, k, at_start)):
                    if at_start:
                        marker = M_CONCESS
                        concess_first = not pieces
                    else:
                        new_marker = M_CONCESS
            elif at_start and pieces and (norm in _SOFT_AT_START or flags & SOFT):
                marker = M_CONTRAST  # ", verder prima", ", gelukkig snel opgelost"
            if new_marker >= 0:
                if has_content:
                    pieces.append(Piece(start, k, marker))
                    start = k
                    concess_first = False
                    has_polar = False
                marker = new_marker
        has_content = True
        if tok.pol or flags & (EMOJI | DELIV):
            has_polar = True
    if has_content:
        pieces.append(Piece(start, n, marker))
    elif not pieces:
        pieces.append(Piece(0, n, M_PLAIN))
    return pieces


def _subordinate_follows(norms: list[str], k: int) -> bool:
    """Whether a scene-setting subordinate clause starts after the comma at k."""
    nxt = norms[k + 1] if k + 1 < len(norms) else ""
    if nxt == "ook" and k + 2 < len(norms):
        nxt = norms[k + 2]
    return nxt in _SCENE_SETTERS


def _words_follow(toks: list[Tok], k: int) -> bool:
    """Whether a word follows unit k (an inner full stop splits clauses; trailing emoji do not)."""
    return any(toks[j].flags & WORD for j in range(k + 1, len(toks)))


def _concessive_al(units: Units, k: int, at_start: bool) -> bool:
    """'al' is concessive ('al mag de app sneller') only clause-initially before a verb."""
    if not at_start or k + 1 >= len(units.toks):
        return False
    nxt = units.toks[k + 1]
    return bool(nxt.flags & (FINITE | MODAL)) or bool(
        nxt.flags & WORD and units.norms[k + 1].endswith(("de", "te"))
    )


def make_context(units: Units, question: bool) -> Context:
    """Sentence-wide facts the clause scorer needs."""
    norms = units.norms
    toks = units.toks
    first = ""
    for k, t in enumerate(toks):
        if t.flags & WORD:
            first = norms[k]
            break
    waarom = first in _WAAROM
    frame = False
    if first == "hoe" or (first in _FRAME_SUBJECTS and units.flags & FRAME):
        words = [k for k, t in enumerate(toks) if t.flags & WORD]
        waarom = waarom or (first == "hoe" and len(words) > 2 and norms[words[1]] in ("kan", "kon"))
    if first in _FRAME_SUBJECTS and units.flags & FRAME:
        # "Ik belde over ...", "Mijn vraag ging over ...": why they got in touch is a fact.
        head = words[:6]
        for pos, k in enumerate(head):
            prev = norms[head[pos - 1]] if pos else ""
            nxt = norms[head[pos + 1]] if pos + 1 < len(head) else ""
            if norms[k] in _NOUN_FRAMES:
                # "Ik had een vraag over ..." is a frame; "Mijn melding over X is nooit opgepakt" is not.
                is_frame = prev in ("een", "paar", "enkele") or nxt in (
                    "ging",
                    "gaat",
                    "betrof",
                    "betreft",
                )
            else:
                is_frame = bool(toks[k].flags & FRAME) or (
                    norms[k] == "ging" and prev in ("het", "gesprek")
                )
            if is_frame:
                if norms[k] in _REPORT_FRAMES and first in ("ik", "we", "wij"):
                    frame = True
                else:
                    frame = any(toks[k2].flags & REASON for k2 in words[pos + 1 : pos + 7])
                break
    rhetoric = _rhetoric(units, question) if question or waarom else ()
    if rhetoric:
        waarom = True
    info_question = question and first in _INTERROGATIVES and not waarom
    return Context(
        question,
        waarom,
        bool(units.flags & WAIT),
        bool(units.flags & PRICE),
        frame,
        info_question,
        rhetoric,
    )


def _rhetoric(units: Units, question: bool) -> tuple[int, ...]:
    """Units of a rhetorical complaint question: "waarom ...?", "hoe vaak moet ik nog ...?".

    Rhetorical questions count as improvement points whether or not they contain a negative word:
    "Waarom hoor ik dit via via?", "Wie bedenkt het om ...?", "Wat heb ik aan een app die ...?".
    """
    norms = units.norms
    words = [k for k, t in enumerate(units.toks) if t.flags & WORD]
    if len(words) < 2:
        return ()
    w = [norms[k] for k in words]
    first, second = w[0], w[1]
    if first in _WAAROM:
        # "Waarom ik een 8 geef: ..." introduces a reason, it does not ask.
        if question or not units.toks[words[1]].flags & PRON:
            return (words[0],)
        return ()
    if not question:
        return ()
    rest = w[2:]
    if first == "hoe" and second in ("vaak", "lang") and "nog" in rest:
        return (words[0], words[1], words[2 + rest.index("nog")])  # "hoe vaak moet ik nog ..."
    if first == "hoe" and second == "moeilijk" and rest[:1] == ["kan"]:
        return (words[0], words[1], words[2])  # "hoe moeilijk kan het zijn"
    if first == "hoeveel" and "nog" in rest and ("nodig" in rest or "moet" in rest):
        return (words[0], words[2 + rest.index("nog")])
    if first == "wie":
        for k, word in zip(words[1:], w[1:], strict=True):
            if word in _INVENT:
                return (words[0], k)  # "wie bedenkt het om ...", "wie heeft dat bedacht"
    if first == "wat" and second in ("heb", "hebben", "heeft") and "aan" in rest:
        return (words[0], words[1], words[2 + rest.index("aan")])  # "wat heb ik aan ..."
    for i in range(len(w) - 1):
        if w[i] == "eigenlijk" and w[i + 1] in ("wel", "ooit"):
            return (words[i], words[i + 1])  # "leest er eigenlijk wel iemand ...?"
    return ()


def score_piece(units: Units, piece: Piece, ctx: Context, separable: dict | None = None) -> Scored:
    """Score one clause: lexicon polarity with negation, intensifiers and service patterns."""
    p, q = piece.first, piece.last
    contribs, seen, sub_from, hyp_from = _evidence(units, p, q, ctx, separable)
    return _verdict(units, p, q, ctx, contribs, seen, sub_from, hyp_from)


def _evidence(
    units: Units, p: int, q: int, ctx: Context, separable: dict | None
) -> tuple[list[Contribution], int, int, int]:
    """Walk the clause's units once: signed evidence per cue word, with negation scope,
    intensifiers, excess, separable verbs, grades and durations of waiting.

    Returns (contributions, OR of the flags seen, start of a scene-setting clause, start of an
    indirect question).
    """
    toks = units.toks
    norms = units.norms
    contribs: list[Contribution] = []
    seen = 0
    neg_at = -1
    neg_strength = 1.0
    mult = 1.0
    mult_left = 0
    discount_left = 0  # "ondanks de lange wachttijd": a conceded complaint does not count
    cover_until = -1
    sub_from = q  # first unit of a "toen/omdat" clause that only sets the scene
    hyp_from = q  # first unit of an indirect question ("of ...") that asserts nothing
    restrict_at = -1
    k = p
    while k < q:
        tok = toks[k]
        flags = tok.flags
        seen |= flags
        if not (flags & _SCORING_FLAGS or tok.pol):
            if neg_at >= 0 and k - neg_at >= _NEG_SCOPE:
                _dangling(units, contribs, neg_at, p, q, neg_strength)
                neg_at = -1
            if mult_left:
                mult_left -= 1
            if discount_left:
                discount_left = (
                    0 if flags & (FINITE | AGAIN) or norms[k] == "nog" else discount_left - 1
                )
            k += 1
            continue
        norm = norms[k]
        if flags & NEG:
            nxt = norms[k + 1] if k + 1 < q else ""
            if norm in ("nooit", "nergens") and not _SO.isdisjoint(
                (nxt, norms[k + 2] if k + 2 < q else "")
            ):
                mult, mult_left = 1.5, 4  # "nog nooit zo slecht": a superlative, not a negation
                k += 1
                continue
            if nxt == "alleen" or (
                k - p >= 2 and norms[k - 1] in ("en", "of") and norms[k - 2] == "wel"
            ):
                k += 1  # "niet alleen ... maar ook", "wat wel en niet vergoed wordt"
                continue
            if neg_at >= 0:
                _dangling(units, contribs, neg_at, p, q, neg_strength)
            neg_at = k
            neg_strength = tok.value or 1.0
            if mult_left:  # "helemaal niet", "echt niet": stronger negation
                neg_strength *= max(mult, 1.0)
                mult, mult_left = 1.0, 0
            discount_left = 0
            k += 1
            continue
        if flags & DOWN and neg_at >= 0 and not tok.pol:
            k += 1  # "nooit iets mis", "niet wat": part of the negation, not a downtoner
            continue
        if flags & (INT | DOWN) and _intens_target(toks, k, q):
            factor = tok.value or 1.3
            if neg_at >= 0 and flags & INT:
                factor = 0.8  # "niet echt", "niet zo": a softer negation
            mult = mult * factor if mult_left else factor
            mult_left = 3
            k += 1
            continue
        if flags & (CONJ | PUNCT) and not flags & EMOJI:
            if neg_at >= 0:
                _dangling(units, contribs, neg_at, p, q, neg_strength)
                neg_at = -1
            if norm in _SCENE_SETTERS and sub_from == q and k > p:
                sub_from = k
            if norm in ("of", "wanneer") and hyp_from == q and k > p and norms[k - 1] in _WONDER:
                hyp_from = k  # "ik wilde weten of het vergoed wordt": asked, not asserted
            mult_left = 0
            k += 1
            continue
        if flags & CONTRAST and norm in ("alleen", "enkel") and k > p:
            if k + 1 < q and norms[k + 1] != "maar":
                restrict_at = k  # "alleen overdag bereikbaar": praise with a limit is a complaint
            k += 1
            continue
        if norm == "ondanks":
            discount_left = 5
            k += 1
            continue
        value = tok.pol
        if flags & EXCESS and k + 1 < q:
            value = _excess(units, k)
            if value < 0 and neg_at >= 0 and k - neg_at <= 2:
                # "niet te groot", "niet te duur": too much denied is a quality, mildly praised
                contribs.append(Contribution(0.35, k, (neg_at, k, k + 1), PATTERN))
                neg_at = -1
                k += 2
                continue
            if value:
                contribs.append(Contribution(value, k, (k, k + 1), PATTERN | SPAN))
                k += 2
                continue
        if flags & SEPAR:
            sep = _separable(units, k, q, separable)
            if sep is not None:
                # "het internet valt elke avond uit", "de service viel niet tegen"
                value, particle, sep_flags, negator = sep
                if negator >= 0:
                    value = (
                        -0.6
                        if sep_flags & DELIV and value <= 0.35
                        else (-value * 0.6 + 0.1 if value < 0 else -value * 0.85)
                    )
                    contribs.append(
                        Contribution(value, k, (k, negator, particle), sep_flags | PATTERN)
                    )
                elif value or sep_flags & DELIV:
                    contribs.append(Contribution(value, k, (k, particle), sep_flags))
                k += 1
                continue
        if flags & COMPAR and k + 2 < q and norms[k + 1] == "dan" and norms[k + 2] in _EXPECTED:
            # "hoger dan verwacht", "kleiner dan aangegeven": missing an expectation is a complaint
            value = value if value > 0.2 else -0.45
            contribs.append(Contribution(value, k, (k, k + 1, k + 2), PATTERN | SPAN))
            k += 3
            continue
        if flags & NUM:
            value = _grade(units, k, p, q) if norm == "<num>" else 0.0
            if value >= 0.6:
                cond = _condition(units)
                if cond >= 0:
                    # "een 10 als retourneren gratis is": what would make it a 10 is a wish
                    contribs.append(Contribution(-0.5, k, (cond, k), PATTERN))
                    k += 1
                    continue
        elif ctx.wait and norm in _SHORT:
            value = 0.45  # "de wachttijd was kort"
        elif (norm in _LONG or norm.startswith(_BOOSTERS)) and norm.endswith(_LONG) and value < 0:
            if _lasts(norms, k, q):
                value = 0.45  # "de batterij gaat lang mee", "houdt het lang vol": it lasts
            elif not ctx.wait and not (k > p and toks[k - 1].flags & TIME):
                value = 0.0  # "een superlange stand-by tijd", "lang getwijfeld": no waiting
        elif ctx.price and norm in _PRICE_ADJ:
            value = _PRICE_ADJ[norm]  # "de premie is hoog"
        if cover_until >= k and value < 0 and flags & PROBLEM:
            value = 0.0  # "geen last van storingen": the complement shares the negation
        if value or flags & (DELIV | EMOJI):
            cue: tuple[int, ...] = (k,)
            if (
                neg_at >= 0
                and not flags & EMOJI
                and (flags & DELIV or k - neg_at <= _NEG_SCOPE_ADJ)
                and not (
                    # "zonder onderbreking overgezet": zonder reaches its noun, not the main verb
                    flags & DELIV
                    and norms[neg_at] == "zonder"
                    and k - neg_at > 1
                    and norms[k - 1] != "te"
                )
            ):
                if flags & DELIV and value <= 0.35:
                    value = -0.6 * neg_strength
                elif norms[neg_at] == "zonder" and value > 0:
                    value = min(
                        -0.45, -value * 0.85
                    )  # "zonder de juiste spullen": something was missing
                elif value < 0:
                    value = -value * 0.6 + 0.1  # litotes: "niet slecht", "geen klachten"
                    if flags & PROBLEM:
                        cover_until = k + 4
                else:
                    value = -value * 0.85 * neg_strength
                cue = (neg_at, k)
                neg_at = -1
            if restrict_at >= 0 and value > 0 and k - restrict_at <= 3 and cue[0] == k:
                value = -0.35
                cue = (restrict_at, k)
                restrict_at = -1
            if mult_left:
                value *= mult
                mult_left = 0
            if discount_left and value < 0:
                value = 0.0
            if value or flags & DELIV:
                contribs.append(Contribution(value, k, cue, flags))
        if neg_at >= 0 and k - neg_at >= _NEG_SCOPE:
            _dangling(units, contribs, neg_at, p, q, neg_strength)
            neg_at = -1
        if mult_left:
            mult_left -= 1
        if discount_left:
            discount_left = 0 if flags & (FINITE | AGAIN) or norm == "nog" else discount_left - 1
        k += 1
    if neg_at >= 0:
        _dangling(units, contribs, neg_at, p, q, neg_strength)
    return contribs, seen, sub_from, hyp_from


def _verdict(
    units: Units,
    p: int,
    q: int,
    ctx: Context,
    contribs: list[Contribution],
    seen: int,
    sub_from: int,
    hyp_from: int,
) -> Scored:
    """Weigh a clause's evidence into a label: patterns and wishes added, context corrections
    applied, complaints weighed heavier than praise."""
    toks = units.toks
    norms = units.norms
    if seen & (HOEVEN | MUST | KEER | AGAIN | TIME):
        contribs.extend(_patterns(units, p, q, seen, contribs, ctx.wait))
    sugg_cues: tuple[int, ...] = ()
    if seen & (SUGG | COMPAR | MODAL | IMPER) and not seen & NOSUGG:
        sugg_cues = _suggestion(units, p, q, seen, contribs, ctx.question)

    adjusted = _adjust(units, p, q, contribs, ctx, sub_from, hyp_from) if contribs else []
    if ctx.waarom and seen & (NEG | MUST | DELIV):
        negated = seen & (NEG | MUST) or any(c.cue[0] != c.unit for c in contribs)
        if negated:
            cue_units = tuple(
                j for j in range(p, q) if toks[j].flags & (NEG | MUST) or norms[j] in _WAAROM
            )
            adjusted.append(Contribution(-0.5, p, cue_units, PATTERN))
    if ctx.rhetoric and p <= ctx.rhetoric[0] < q:
        adjusted.append(Contribution(-0.55, ctx.rhetoric[0], ctx.rhetoric, PATTERN))

    pos = neg = hard_neg = 0.0
    for c in adjusted:
        if c.value > 0:
            pos += c.value
        else:
            neg += c.value
            if not (c.kind & PROBLEM and c.cue[0] == c.unit):
                hard_neg += c.value
    if sugg_cues:
        # Show the wish words and what was wished for: ("zou", "fijn"), ("sneller",)
        chosen = [c for c in adjusted if c.value < 0 or (c.value > 0 and c.unit > sugg_cues[0])]
        cues, spans = _collect(chosen)
        cues = tuple(sorted(set(cues) | set(sugg_cues)))
        return Scored(
            max(-1.0, min(-0.5, neg * NEG_WEIGHT)),
            IMPROVEMENT,
            cues,
            spans,
            False,
            True,
            False,
            pos,
            neg,
            True,
        )
    total = pos + neg * NEG_WEIGHT
    # A real complaint (not just a problem noun) is an improvement point even beside some praise.
    if hard_neg * NEG_WEIGHT <= -0.45 and pos < -hard_neg * 1.6:
        label = IMPROVEMENT
    elif total >= THRESHOLD:
        label = COMPLIMENT
    elif total <= -THRESHOLD:
        label = IMPROVEMENT
    else:
        label = NEUTRAL
    if label == NEUTRAL:
        cues, spans = (), ()
    else:
        want_pos = label == COMPLIMENT
        cues, spans = _collect([c for c in adjusted if (c.value > 0) == want_pos])
    interj_only = pos > 0 and all(toks[c.unit].flags & INTERJ for c in adjusted if c.value > 0)
    resolution = label == COMPLIMENT and any(
        c.value > 0 and toks[c.unit].flags & RESOL for c in adjusted
    )
    return Scored(
        max(-1.0, min(1.0, total)),
        label,
        cues,
        spans,
        interj_only,
        neg < 0 or bool(seen & AGAIN),
        resolution,
        pos,
        neg,
    )


def _collect(contribs: list[Contribution]) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """Reason units and phrase spans of the contributions that decided a label."""
    cues: set[int] = set()
    spans: set[tuple[int, int]] = set()
    for c in contribs:
        if c.kind & SPAN:
            spans.add((c.cue[0], c.cue[-1]))
        else:
            cues.update(c.cue)
    return tuple(sorted(cues)), tuple(sorted(spans))


def _adjust(
    units: Units,
    p: int,
    q: int,
    contribs: list[Contribution],
    ctx: Context,
    sub_from: int,
    hyp_from: int,
) -> list[Contribution]:
    """Context corrections: resolved or reported problems, self-inflicted trouble, questions."""
    toks = units.toks
    norms = units.norms
    resolved = in_frame = self_check = scene = False
    for c in contribs:
        if c.value > 0 and (c.kind | toks[c.unit].flags) & RESOL:
            resolved = True  # "de storing was binnen een uur verholpen"
        elif c.value < 0 and c.kind & SELF:
            self_check = True
        if c.value > 0 and c.unit < sub_from:
            scene = sub_from < q
    in_frame = ctx.frame and p == 0
    first_person = other_agent = False
    if self_check:
        first_person = any(norms[j] in ("ik", "we", "wij") for j in range(p, q))
        other_agent = any(norms[j] in _OTHER_AGENTS for j in range(p, q))
    # Questions are not praise and rarely complaints; "wie/wat/wanneer ...?" asks for information.
    damp_question = 0.0 if not ctx.question or ctx.waarom else 0.15 if ctx.info_question else 0.3
    out: list[Contribution] = []
    fixed_bonus = False
    for c in contribs:
        v = c.value
        if v < 0:
            kind = c.kind
            own = c.cue[0] == c.unit
            if kind & PROBLEM and own and (resolved or in_frame or _is_context(norms, c.unit, p)):
                v = 0.0  # what they came about or what was fixed, not a complaint
                if resolved and not fixed_bonus:
                    fixed_bonus = True
                    out.append(
                        Contribution(0.2, c.unit, (), PATTERN)
                    )  # fixing a problem is a result
            elif kind & SELF and first_person and not other_agent and norms[c.cue[0]] != "zonder":
                v = 0.0  # "ik was mijn wachtwoord vergeten", but not "zonder dat ik het wist"
            elif in_frame and not kind & PATTERN:
                v *= 0.3
            elif scene and c.unit >= sub_from:
                v *= 0.5  # "begripvol toen mijn kaart niet werkte": the praise is the point
        elif in_frame and c.kind & PROBLEM:
            v = 0.0  # "ik heb geen klacht ingediend" is a fact, not praise
        if damp_question:
            v = v * damp_question if v < 0 else 0.0
        if c.unit > hyp_from:
            v = v * 0.3 if v < 0 else 0.0
        if v:
            out.append(c._replace(value=v) if v != c.value else c)
    return out


def _lasts(norms: list[str], k: int, q: int) -> bool:
    """Whether 'lang' at k is about lasting: 'gaat (veel) langer mee', 'houdt het lang vol'."""
    return not _LASTS.isdisjoint(norms[k + 1 : min(q, k + 3)])


def _is_context(norms: list[str], k: int, p: int) -> bool:
    """A problem noun after 'bij', 'tijdens', 'na' ... sets the scene: 'bij de storing werden we ...'."""
    return any(j >= p and norms[j] in _CONTEXT_PREPS for j in (k - 1, k - 2))


def _intens_target(toks: list[Tok], k: int, q: int) -> bool:
    """Whether an intensifier at k modifies a polar word within the next three units."""
    for j in range(k + 1, min(q, k + 4)):
        t = toks[j]
        if t.flags & (INT | DOWN | DET | NEG) and not t.pol:
            continue
        if t.flags & INT and t.pol and j + 1 < q and toks[j + 1].pol:
            continue  # "heel erg bedankt"
        return (bool(t.pol) and not (t.flags & DELIV and abs(t.pol) < 0.3)) or bool(t.flags & NEG)
    return False


def _dangling(
    units: Units, contribs: list[Contribution], neg_at: int, p: int, q: int, strength: float
) -> bool:
    """A negator that found nothing ahead: negate the service verb before it, or read an idiom."""
    norms = units.norms
    toks = units.toks
    for idx in range(len(contribs) - 1, -1, -1):
        c = contribs[idx]
        if (
            c.unit < neg_at - 8
            or c.unit < p
            or any(toks[j].flags & CONJ for j in range(c.unit + 1, neg_at))
        ):
            break
        if c.unit < neg_at and c.kind & DELIV and c.value >= 0:
            # "hij kwam niet", "het werkt niet"
            contribs[idx] = Contribution(-0.6 * strength, c.unit, (c.unit, neg_at), c.kind)
            return True
    neg = norms[neg_at]
    nxt = norms[neg_at + 1] if neg_at + 1 < q and toks[neg_at + 1].flags & WORD else ""
    if neg == "nooit" and nxt == "meer":
        # "bagger service, nooit meer"
        contribs.append(Contribution(-0.45, neg_at, (neg_at, neg_at + 1), 0))
        return True
    if neg == "niemand" and nxt:
        # "niemand weet het", "niemand belt"
        contribs.append(Contribution(-0.4, neg_at, (neg_at,), 0))
        return True
    if (
        neg_at > p
        and norms[neg_at - 1] == "nog"
        and neg in ("niet", "geen")
        and _KNOW_OR_TRY.isdisjoint(norms[max(p, neg_at - 4) : min(q, neg_at + 5)])
    ):
        # but "heb ik nog niet kunnen testen", "weet nog niet": the writer's own state, a fact
        contribs.append(Contribution(-0.4, neg_at, (neg_at - 1, neg_at), 0))  # "nog niet binnen"
        return True
    if neg == "zonder" and nxt:
        for j in range(neg_at + 1, min(q, neg_at + 4)):
            tok = toks[j]
            if norms[j] in _HASSLE or tok.pol < 0 or tok.flags & (PROBLEM | PRICE):
                # "zonder extra kosten", "zonder eigen risico", "zonder onderbreking": praise
                contribs.append(Contribution(0.4, neg_at, (neg_at, j), 0))
                return True
            if tok.flags & (PUNCT | CONJ):
                break
        end = neg_at + 2 if nxt == "te" and neg_at + 2 < q else neg_at + 1
        ahead = norms[neg_at + 1 : min(q, neg_at + 4)]
        if (
            not _OWED.isdisjoint(ahead)
            or nxt in ("dat", "enige", "enig")
            or (nxt == "de" and len(ahead) > 1 and ahead[1].endswith(("de", "te")))
            or any(toks[j].flags & TIME for j in range(p, q))
        ):
            # "zonder te bellen", "zonder enige terugkoppeling", "zonder de bestelde batterijen",
            # "drie weken zonder warm water": something owed was missing
            # "zonder te bellen", "zonder uitleg", "zonder alternatief": something owed was missing
            contribs.append(Contribution(-0.4, neg_at, (neg_at, end), 0))
        return True  # "drie dagen zonder opladen", "zonder oortjes": a circumstance
    if neg == "geen" and nxt and "er" in norms[max(p, neg_at - 3) : neg_at]:
        # "er zat geen handleiding bij"
        contribs.append(Contribution(-0.4, neg_at, (neg_at, neg_at + 1), 0))
        return True
    return False


def _separable(
    units: Units, k: int, q: int, separable: dict | None
) -> tuple[float, int, int, int] | None:
    """Find the particle of a separable verb later in the clause: (polarity, particle, flags, negator)."""
    if not separable:
        return None
    entries = separable.get(units.norms[k])
    if not entries:
        return None
    norms = units.norms
    toks = units.toks
    negator = -1
    for j in range(k + 1, min(q, k + 8)):
        if toks[j].flags & (CONJ | PUNCT):
            break
        if toks[j].flags & NEG and negator < 0:
            negator = j
        for particle, pol, flags in entries:
            if norms[j] == particle:
                return pol, j, flags, negator
    return None


# What a customer is owed: going without it is a complaint ("zonder uitleg", "zonder te bellen").
_OWED = frozenset(
    {
        "uitleg",
        "overleg",
        "bericht",
        "afspraak",
        "reden",
        "excuus",
        "excuses",
        "waarschuwing",
        "aankondiging",
        "reactie",
        "antwoord",
        "bellen",
        "melden",
        "laten",
        "overleggen",
        "vragen",
        "resultaat",
        "oplossing",
        "alternatief",
        "toestemming",
        "pardon",
        "opgaaf",
        "opgave",
        "informatie",
        "info",
        "contact",
        "terugkoppeling",
        "melding",
        "nieuws",
        "hulp",
        "excuse",
    }
)
_KNOW_OR_TRY = frozenset(
    {
        "weet",
        "weten",
        "testen",
        "getest",
        "geprobeerd",
        "proberen",
        "benut",
        "ontdekt",
        "verteld",
        "zeggen",
        "gezien",
        "gebruikt",
        "uitgeprobeerd",
        "verkend",
        "oordeel",
        "oordelen",
    }
)
_CONDITIONS = frozenset({"als", "zodra", "mits", "wanneer"})
_THEN_VERBS = frozenset(
    {"krijg", "krijgt", "krijgen", "geef", "geven", "wordt", "is", "zou", "was"}
)


def _condition(units: Units) -> int:
    """The unit that makes a top grade conditional ("een 10 als ...", "..., dan krijgen jullie een 10")."""
    norms = units.norms
    if "cijfer" in norms:
        return -1  # "als ik een cijfer moet geven: een 10"
    for j, word in enumerate(norms):
        if word in _CONDITIONS or (
            word == "dan" and j + 1 < len(norms) and norms[j + 1] in _THEN_VERBS
        ):
            return j
    return -1


def _excess(units: Units, k: int) -> float:
    """'te duur', 'veel te technisch': too much of anything is a complaint, 'te gek' is praise."""
    nxt = units.toks[k + 1]
    if not nxt.flags & ADJ or nxt.flags & (DELIV | NUM):
        return 0.0
    if units.norms[k + 1] in _TE_PRAISE:
        return 0.6
    return -0.45 if nxt.pol > -0.45 else nxt.pol * 1.2


def _grade(units: Units, k: int, p: int, q: int) -> float:
    """School grades: 'een dikke 10' is praise, 'een 4' a complaint."""
    prev = units.norms[k - 1] if k > p else ""
    if prev not in _GRADE_BEFORE:
        return 0.0
    if (
        k + 1 < q
        and units.toks[k + 1].flags & (WORD | NUM)
        and units.norms[k + 1] not in ("voor", "van", "uit", "als", "zodra", "mits")
    ):
        return 0.0
    grade = units.toks[k].value
    if not 1 <= grade <= 10:
        return 0.0
    return 0.6 if grade >= 8 else 0.3 if grade >= 7 else 0.0 if grade >= 6 else -0.5


def _patterns(
    units: Units, p: int, q: int, seen: int, contribs: list[Contribution], wait: bool
) -> list[Contribution]:
    """Complaint and praise patterns without sentiment words: effort, repetition, durations."""
    toks = units.toks
    norms = units.norms
    out: list[Contribution] = []
    span = norms[p + 1 : q]
    only = not _ONLY.isdisjoint(span)
    effort = [k for k in range(p, q) if toks[k].flags & EFFORT] if seen & EFFORT else []
    if seen & HOEVEN and (seen & NEG or only or any(c.cue[0] != c.unit for c in contribs)):
        # "niet lang hoeven wachten", "hoefde maar één keer te bellen": praise
        cue = tuple(
            k
            for k in range(p, q)
            if toks[k].flags & (HOEVEN | NEG) or norms[k] in ("maar", "slechts")
        )
        for i, c in enumerate(contribs):
            if c.value < 0:
                contribs[i] = c._replace(value=-c.value)
        out.append(Contribution(0.45, p, cue + tuple(effort), PATTERN))
        return out
    if seen & MUST and (effort or seen & AGAIN or "zelf" in span or norms[p] == "zelf"):
        # "ik heb moeten bellen", "moest zelf achter alles aan", "moet ik opnieuw"
        must = [k for k in range(p, q) if toks[k].flags & MUST]
        extra = [k for k in range(p, q) if toks[k].flags & AGAIN or norms[k] == "zelf"]
        out.append(Contribution(-0.5, must[0], tuple(must + effort + extra), PATTERN))
    if seen & KEER and not only:
        for k in range(p + 1, q):
            if toks[k].flags & KEER:
                prev = toks[k - 1]
                nxt = norms[k + 1] if k + 1 < q else ""
                after = toks[k + 1] if k + 1 < q else None
                if (
                    prev.flags & NUM
                    and prev.value >= 2
                    and nxt not in ("per", "in", "p", "a")
                    and not (after is not None and after.norm == "<num>")  # "4x 2,0 GHz": a spec
                ):
                    # "vier keer gebeld"
                    out.append(Contribution(-0.45, k, (k - 1, k), PATTERN | SPAN))
                break
    if seen & AGAIN and (out or any(c.value < 0 and not c.kind & AGAIN for c in contribs)):
        # repetition makes a complaint worse: "weer een storing"
        again = [k for k in range(p, q) if toks[k].flags & AGAIN]
        out.append(Contribution(-0.25, again[0], tuple(again), PATTERN))
    if seen & TIME:
        out.extend(_durations(units, p, q, wait))
    return out


def _durations(units: Units, p: int, q: int, wait: bool) -> list[Contribution]:
    """'binnen een dag' is praise; 'al drie weken', 'pas na een maand' are complaints."""
    toks = units.toks
    norms = units.norms
    out: list[Contribution] = []
    for k in range(p, q):
        tok = toks[k]
        if not tok.flags & TIME:
            continue
        j = k - 1
        count = 2.0 if norms[k].endswith("en") else 1.0
        if j >= p and toks[j].flags & NUM:
            count = toks[j].value
            j -= 1
            if j >= p and toks[j].flags & NUM:  # "een half uur"
                j -= 1
        hours = count * tok.value
        word = norms[j] if j >= p else ""
        prev2 = norms[j - 1] if j - 1 >= p else ""
        fast = slow = False
        marker = True
        if word in ("volgende", "dezelfde", "zelfde") or (
            word == "de" and prev2 in ("volgende", "dezelfde")
        ):
            fast = hours <= 24  # "de volgende dag al", not "volgende maand"
        elif word in _FAST_BEFORE and not (word == "geen" and prev2 != "nog" and hours > 1):
            fast = word != "nog"
        elif word == "in" and hours <= 1:
            fast = True
        elif word == "na":
            if prev2 == "al" or hours <= 0.25:
                fast = True
            elif (hours >= 48 and (wait or prev2 == "pas")) or (hours >= 0.5 and wait):
                slow = True
        elif word == "pas" or (
            wait and ((word == "al" and hours < _LOYALTY_HOURS) or word in _SLOW_BEFORE)
        ):
            # Outside waiting, "ruim twee maanden in bezit", "wel vier dagen" (a battery) are facts.
            slow = True
        if not fast and not slow and wait and hours >= 0.33:
            slow = True  # "25 minuten in de wacht"
            marker = False
        if fast or slow:
            cue = tuple(range(max(p, j if marker else j + 1), k + 1))
            out.append(Contribution(0.5 if fast else -0.5, k, cue, PATTERN | SPAN))
    return out


def _suggestion(
    units: Units, p: int, q: int, seen: int, contribs: list[Contribution], question: bool
) -> tuple[int, ...]:
    """Units that make this clause a wish or proposal ('zou fijn zijn', 'graag', 'sneller reageren')."""
    toks = units.toks
    norms = units.norms
    words = [k for k in range(p, q) if toks[k].flags & WORD]
    if not words:
        return ()
    has_pron = bool(seen & PRON)
    # Judge "fragment" on the main clause only: "Beter testen voordat er een update wordt uitgerold."
    main_flags = 0
    for k in words:
        if toks[k].flags & CONJ or norms[k] in _SUBCLAUSE:
            break
        main_flags |= toks[k].flags
    fragment = not main_flags & (PRON | FINITE)
    positive = any(c.value > 0 for c in contribs)
    plain_praise = any(c.value > 0 and c.cue[0] == c.unit for c in contribs)
    negated_before = False
    cues: list[int] = []
    for idx, k in enumerate(words):
        tok = toks[k]
        flags = tok.flags
        norm = norms[k]
        if flags & SUGG:
            if norm == "graag":
                nxt = norms[k + 1] if k + 1 < q else ""
                if nxt in _INFO_REQUEST:
                    continue  # "ik wil graag weten ..." asks for information
                window = {norms[j] for j in words[max(0, idx - 3) : idx]}
                if idx > 0 and not _SUBCLAUSE.isdisjoint(norms[j] for j in words[:idx]):
                    continue  # "voor mensen die graag films kijken": a liking, not a wish
                if idx <= 1 or window & _WISH_MODALS or not has_pron:
                    cues.append(k)
                else:
                    contribs.append(Contribution(0.5, k, (k,), 0))  # "ik kom hier graag terug"
            elif norm == "liever" and "dan" in norms[k + 1 : k + 4]:
                continue  # "ik bel liever dan dat ik mail": a preference, not a wish
            elif norm in ("misschien", "wellicht"):
                if question or seen & MODAL:
                    cues.append(k)
            elif norm in ("advies", "tip", "tips") and positive and not seen & (COMPAR | MODAL):
                continue  # "goed advies gekregen"
            else:
                cues.append(k)
        elif norm in ("zou", "zouden"):
            if any(norms[j] in ("zoals", "of", "als", "dan") for j in words[:idx]):
                continue  # "werkt zoals het zou moeten", "of ik hem zou kopen": not a wish
            # "het zou fijn zijn als": a wish; "ik zou geen problemen vinden": praise, not a wish
            if (
                plain_praise
                or (positive and not _CONDITIONS.isdisjoint(norms[j] for j in words))
                or seen & (COMPAR | SUGG)
                or any(norms[j] in _WISH_VERBS for j in words)
            ):
                cues.append(k)  # "het zou fijn zijn als", "zou sneller moeten"
        elif norm in ("had", "hadden") and any(norms[j] in _HAD_MODALS for j in words[idx + 1 :]):
            cues.append(k)  # "had sneller gekund"
        elif flags & NEG:
            negated_before = True
        elif (
            flags & COMPAR
            and norm != "best"
            and not (norm == "meer" and (negated_before or k + 1 >= q or toks[k + 1].flags & PUNCT))
        ):
            if tok.pol < 0 and norm != "minder" and not seen & MODAL:
                continue  # "slechter" reports; "mag wat kleiner" asks
            if "dan" in norms[k + 1 : min(q, k + 5)]:
                continue  # "sneller dan verwacht" compares, it does not ask
            if not _FINITE_COPULAS.isdisjoint(norms[k + 1 : min(q, k + 4)]):
                continue  # "dat dit nog beter is": a statement about it, not a request
            if norm.endswith(("ste", "st")) and norm != "meest":
                continue  # a superlative ranks, it does not ask: "de beste prijs"
            conditional = any(norms[j] == "als" for j in words)
            if (
                fragment
                and not conditional
                and not seen & MODAL
                and not _opens_wish(norms, words, idx)
            ):
                continue  # "veel scherpere foto's", "een snellere processor": a comparison
            if (
                seen & MODAL
                or conditional
                or fragment
                or (idx == 1 and toks[words[0]].flags & IMPER)
            ):
                # "sneller reageren", "mag wat duidelijker", "als jullie eerder bellen"
                cues.append(k)
    if (
        not cues
        and p == words[0]
        and toks[words[0]].flags & IMPER
        and not question
        and len(words) > 1
        and not toks[words[1]].flags & PRON
    ):
        cues.append(words[0])  # "Zorg dat ...", "Neem klachten serieuzer"
    if (
        not cues
        and question
        and len(words) > 2
        and norms[words[0]] in ("kan", "kunnen", "zou", "zouden", "kunt")
    ):
        second = words[1]
        if norms[second] in ("jullie", "er") or (
            toks[second].flags & DET and norms[second] not in _PERSONAL_REQUEST
        ):
            cues.append(words[0])  # "Kan er een handleiding komen?"
    return tuple(cues)


_FINITE_COPULAS = frozenset({"is", "was", "waren", "wordt", "werd", "blijkt", "lijkt"})
_WISH_OPENERS = frozenset({"iets", "wat", "graag", "liefst", "beetje", "veel", "nog"})


def _opens_wish(norms: list[str], words: list[int], idx: int) -> bool:
    """A verbless comparative asks only at the start: "sneller reageren", "iets duidelijker".

    After an article, an intensifier or other words it compares ("een snellere processor",
    "veel scherpere foto's"), unless a verb follows it ("graag wat sneller reageren").
    """
    if idx == 0:
        return True
    before = [norms[j] for j in words[:idx]]
    if all(w in _WISH_OPENERS for w in before) and before[0] != "veel":
        return True
    nxt = norms[words[idx + 1]] if idx + 1 < len(words) else ""
    return nxt.endswith("en") and before[0] in ("graag", "liefst")


def apply_sarcasm(units: Units, pieces: list[Piece], scored: list[Scored]) -> list[Scored]:
    """'Geweldig, weer drie weken wachten': praise interjections before or with a complaint are sarcasm."""
    toks = units.toks
    norms = units.norms
    out = list(scored)
    first = pieces[0]
    first_s = scored[0]
    rest_negative = any(s.label == IMPROVEMENT for s in scored[1:]) and not any(
        pc.marker == M_CONTRAST for pc in pieces[1:]
    )
    if first_s.label == COMPLIMENT and first_s.interj_only_praise and rest_negative:
        words = sum(1 for k in range(first.first, first.last) if toks[k].flags & WORD)
        if words <= 3:  # a short interjection opening a sentence that goes on to complain
            out[0] = first_s._replace(score=-abs(first_s.score), label=IMPROVEMENT)
            return out
    for i, (pc, s) in enumerate(zip(pieces, scored, strict=True)):
        if s.label != COMPLIMENT or not s.interj_only_praise:
            continue
        again = any(toks[k].flags & AGAIN for k in range(pc.first, pc.last))
        neg_inside = s.negative_evidence and any(
            toks[k].pol < 0 or toks[k].flags & (TIME | KEER) for k in range(pc.first, pc.last)
        )
        tag = any(norms[k] in _SARCASM_TAGS for k in range(pc.first, pc.last))
        if (again and (tag or neg_inside or rest_negative)) or (neg_inside and tag):
            out[i] = s._replace(score=-abs(s.score) or -0.5, label=IMPROVEMENT)
    return out
