"""Sentence features for the trained layer: the rules' verdicts, cue categories and words.

The rules stay the feature extractors. A sentence becomes a list of string keys (each worth 1)
plus a few real-valued features:

* ``R:`` the rules' sentence label, alone and crossed with the sentence shape (several clauses,
  a question, a contrastive clause, the strength of the deciding clause);
* ``P:`` clause labels (any clause, the first, the last with how it was introduced), evidence
  totals and the suggestion, sarcasm-candidate and resolution signals of the clause scorer;
* ``c:`` sentence context from the rules (question, "waarom", waiting, price, contact frame);
* ``f:`` cue categories present anywhere (negator, suggestion cue, must, effort, repetition, ...);
* ``w:`` normalised words (spelling repaired, inflection undone), ``w:NOT_x`` for a word within
  the scope of a negator; ``b:`` word bigrams (``b:<s>_graag``; ``|`` after punctuation); ``fw:`` the opening word and word pair;
* ``lex``/``emo``/``p:``/``len:`` lexicon polarity hits, emoji, punctuation and length.

Keys are plain strings so the weights file stays readable and explanations can name words.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import (
    AGAIN,
    COMPAR,
    CONCESS,
    CONJ,
    CONTRAST,
    DELIV,
    EFFORT,
    EMOJI,
    FRAME,
    HOEVEN,
    IMPER,
    INT,
    INTERJ,
    KEER,
    MODAL,
    MUST,
    NEG,
    NUM,
    PROBLEM,
    PUNCT,
    RESOL,
    SELF,
    SUGG,
    TIME,
    WORD,
)
from .scoring import Context, Piece, Scored, Units

_NEG_SCOPE = 5  # units a negator marks with NOT_
_FLAG_FEATURES = (
    (NEG, "f:neg"),
    (SUGG, "f:sugg"),
    (COMPAR, "f:compar"),
    (MODAL, "f:modal"),
    (IMPER, "f:imper"),
    (MUST, "f:must"),
    (HOEVEN, "f:hoeven"),
    (EFFORT, "f:effort"),
    (AGAIN, "f:again"),
    (KEER, "f:keer"),
    (PROBLEM, "f:problem"),
    (TIME, "f:time"),
    (INTERJ, "f:interj"),
    (RESOL, "f:resol"),
    (DELIV, "f:deliv"),
    (FRAME, "f:frame"),
    (SELF, "f:self"),
    (CONTRAST, "f:contrast"),
    (CONCESS, "f:concess"),
    (INT, "f:int"),
)
_MARKER_NAMES = ("plain", "contrast", "concess", "main")
_SCOPE_BREAK = CONJ | PUNCT | CONTRAST
_WORDISH = WORD | NUM
_MARKS = "!?.…"  # punctuation marks that become features ("p:!"); "." covers "..."


def _strength(score: float) -> str:
    a = abs(score)
    return "weak" if a < 0.5 else "mid" if a < 0.8 else "strong"


def sentence_features(
    units: Units,
    pieces: Sequence[Piece],
    scored: Sequence[Scored],
    ctx: Context,
    seg_labels: Sequence[str],
    label: str,
    decider_score: float,
    explain: bool = False,
) -> tuple[list[str], list[tuple[str, float]], dict[str, tuple[int, ...]]]:
    """(binary keys, real-valued features, key -> units for word keys when `explain`)."""
    keys, real = rule_features(units, pieces, scored, ctx, seg_labels, label, decider_score)
    words, where = word_features(units, explain)
    keys.extend(words)
    return keys, real, where


def rule_features(
    units: Units,
    pieces: Sequence[Piece],
    scored: Sequence[Scored],
    ctx: Context,
    seg_labels: Sequence[str],
    label: str,
    decider_score: float,
) -> tuple[list[str], list[tuple[str, float]]]:
    """What the rules concluded: verdicts, clause labels, evidence, context and cue categories."""
    keys: list[str] = []
    add = keys.append
    add("R:" + label)
    n_seg = len(seg_labels)
    if n_seg > 1:
        add("R:" + label + "|multi")
        add("S:" + "+".join(sorted(set(seg_labels))))
    if ctx.question:
        add("R:" + label + "|q")
    add("R:" + label + "|" + _strength(decider_score))
    pos = neg = 0.0
    sugg = interj = resol = False
    for sc in scored:
        pos += sc.pos
        neg += sc.neg
        sugg = sugg or sc.sugg
        interj = interj or sc.interj_only_praise
        resol = resol or sc.resolution
    if len(pieces) > 1:
        for lab in sorted({sc.label for sc in scored}):
            add("P:any:" + lab)
        add("P:first:" + scored[0].label)
        add("P:last:" + _MARKER_NAMES[pieces[-1].marker] + ":" + scored[-1].label)
        if any(pc.marker == 1 for pc in pieces[1:]):
            add("R:" + label + "|contrast")
    if sugg:
        add("P:sugg")
    if interj:
        add("P:interj")
    if resol:
        add("P:resol")
    if pos and neg:
        add("P:both")
    if not pos and not neg:
        add("P:none")
    real = [("pos", min(pos, 2.0)), ("neg", max(neg, -2.0))]
    if ctx.question:
        add("c:q")
    if ctx.waarom:
        add("c:waarom")
    if ctx.wait:
        add("c:wait")
    if ctx.price:
        add("c:price")
    if ctx.frame:
        add("c:frame")
    if ctx.info_question:
        add("c:infoq")
    flags = units.flags
    for bit, name in _FLAG_FEATURES:
        if flags & bit:
            add(name)
    return keys, real


def _length_key(n_words: int) -> str:
    if n_words <= 1:
        return "len:1"
    if n_words <= 3:
        return "len:3"
    if n_words <= 7:
        return "len:7"
    return "len:15" if n_words <= 15 else "len:long"


def word_features(
    units: Units, explain: bool = False
) -> tuple[list[str], dict[str, tuple[int, ...]]]:
    """Words with negation scope, bigrams, opening words, lexicon hits, emoji, punctuation, length.

    `word_scores` computes the same sum of weights without building the keys; keep them in step.
    """
    keys: list[str] = []
    add = keys.append
    toks = units.toks
    norms = units.norms
    where: dict[str, tuple[int, ...]] = {}
    prev = "<s>"
    prev_k = -1
    neg_at = -1
    n_words = n_pos = n_neg = 0
    first_words: list[str] = []
    for k, tok in enumerate(toks):
        tf = tok.flags
        norm = norms[k]
        if tf & (WORD | NUM):
            n_words += 1
            if len(first_words) < 2:
                first_words.append(norm)
            if neg_at >= 0 and (k - neg_at > _NEG_SCOPE or tf & _SCOPE_BREAK):
                neg_at = -1
            if tf & NEG and not tok.pol:
                word = "w:" + norm
                neg_at = k
                cue: tuple[int, ...] = (k,)
            elif neg_at >= 0:
                word = "w:NOT_" + norm
                cue = (neg_at, k)
            else:
                word = "w:" + norm
                cue = (k,)
            add(word)
            big = "b:" + prev + "_" + norm
            add(big)
            pol = tok.pol
            if pol >= 0.2:
                n_pos += 1
                add("lex+NOT" if neg_at >= 0 and neg_at != k else "lex+")
            elif pol <= -0.2:
                n_neg += 1
                add("lex-NOT" if neg_at >= 0 and neg_at != k else "lex-")
            if explain:
                where.setdefault(word, cue)
                where.setdefault(big, (prev_k, k) if prev_k >= 0 else (k,))
            prev = norm
            prev_k = k
        elif tf & EMOJI:
            add("emo+" if tok.pol > 0 else "emo-" if tok.pol < 0 else "emo0")
            add("w:" + norm)
            if explain:
                where.setdefault("w:" + norm, (k,))
        elif tf & PUNCT:
            if norm[0] in _MARKS:
                add("p:" + norm[0])
            prev = "|"
            prev_k = -1
            neg_at = -1
    if first_words:
        add("fw:" + first_words[0])
        if len(first_words) > 1:
            add("fw2:" + first_words[0] + " " + first_words[1])
    if n_pos > 1:
        add("lex+2")
    if n_neg > 1:
        add("lex-2")
    add(_length_key(n_words))
    return keys, where


def word_scores(units: Units, tables: WordTables) -> list[float]:
    """The summed weights of `word_features(units)` keys, looked up without building strings."""
    uni, uni_not, bi, other = tables.uni, tables.uni_not, tables.bi, tables.other
    a = b = c = 0.0
    toks = units.toks
    norms = units.norms
    prev = "<s>"
    neg_at = -1
    n_words = n_pos = n_neg = 0
    first_words: list[str] = []
    for k, tok in enumerate(toks):
        tf = tok.flags
        norm = norms[k]
        if tf & _WORDISH:
            n_words += 1
            if len(first_words) < 2:
                first_words.append(norm)
            if neg_at >= 0 and (k - neg_at > _NEG_SCOPE or tf & _SCOPE_BREAK):
                neg_at = -1
            if tf & NEG and not tok.pol:
                neg_at = k
                w = uni.get(norm)
            elif neg_at >= 0:
                w = uni_not.get(norm)
            else:
                w = uni.get(norm)
            if w is not None:
                a += w[0]
                b += w[1]
                c += w[2]
            after = bi.get(prev)
            if after is not None:
                w = after.get(norm)
                if w is not None:
                    a += w[0]
                    b += w[1]
                    c += w[2]
            pol = tok.pol
            if pol >= 0.2:
                n_pos += 1
                w = other["lex+NOT" if neg_at >= 0 and neg_at != k else "lex+"]
                a += w[0]
                b += w[1]
                c += w[2]
            elif pol <= -0.2:
                n_neg += 1
                w = other["lex-NOT" if neg_at >= 0 and neg_at != k else "lex-"]
                a += w[0]
                b += w[1]
                c += w[2]
            prev = norm
        elif tf & EMOJI:
            w = other["emo+" if tok.pol > 0 else "emo-" if tok.pol < 0 else "emo0"]
            a += w[0]
            b += w[1]
            c += w[2]
            w = uni.get(norm)
            if w is not None:
                a += w[0]
                b += w[1]
                c += w[2]
        elif tf & PUNCT:
            if norm[0] in _MARKS:
                w = other["p:" + norm[0]]
                a += w[0]
                b += w[1]
                c += w[2]
            prev = "|"
            neg_at = -1
    extra = [_length_key(n_words)]
    if first_words:
        extra.append("fw:" + first_words[0])
        if len(first_words) > 1:
            extra.append("fw2:" + first_words[0] + " " + first_words[1])
    if n_pos > 1:
        extra.append("lex+2")
    if n_neg > 1:
        extra.append("lex-2")
    get = tables.weights.get
    for key in extra:
        w = get(key)
        if w is not None:
            a += w[0]
            b += w[1]
            c += w[2]
    return [a, b, c]


class WordTables:
    """The word weights of a model rearranged for `word_scores`: no key strings at run time."""

    __slots__ = ("bi", "other", "uni", "uni_not", "weights")

    def __init__(self, weights: dict[str, tuple[float, float, float]]) -> None:
        """Split "w:", "w:NOT_" and "b:" keys into per-word tables; fixed keys default to zero."""
        zero = (0.0, 0.0, 0.0)
        self.weights = weights
        self.uni: dict[str, tuple[float, float, float]] = {}
        self.uni_not: dict[str, tuple[float, float, float]] = {}
        self.bi: dict[str, dict[str, tuple[float, float, float]]] = {}
        for key, w in weights.items():
            if key.startswith("w:NOT_"):
                self.uni_not[key[6:]] = w
            elif key.startswith("w:"):
                self.uni[key[2:]] = w
            elif key.startswith("b:"):
                first, _sep, second = key[2:].partition("_")
                self.bi.setdefault(first, {})[second] = w
        fixed = ["lex+", "lex+NOT", "lex-", "lex-NOT", "emo+", "emo-", "emo0"]
        fixed += ["p:" + m for m in _MARKS]
        self.other = {key: weights.get(key, zero) for key in fixed}
