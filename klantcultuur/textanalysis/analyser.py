"""The Analyser: comments -> sentences -> clause segments with labels, reasons and topics."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple, cast

from .classifier import LinearModel, shared_model
from .corrections import STOPWORDS, CorrectionStore
from .features import sentence_features
from .lexicon import (
    AGAIN,
    DELIV,
    EFFORT,
    FINITE,
    MODAL,
    MUST,
    NEG,
    NOREF,
    PHRASE,
    WORD,
    Lexicon,
    Tok,
    strip_accents,
)
from .model import COMPLIMENT, IMPROVEMENT, LABELS, NEUTRAL, Analysis, Segment, Sentence
from .scoring import (
    M_CONCESS,
    M_CONTRAST,
    M_PLAIN,
    THRESHOLD,
    Context,
    Piece,
    Scored,
    Units,
    apply_sarcasm,
    make_context,
    make_pieces,
    score_piece,
)
from .text import EMOJIK, TOKEN_RE, normalise, split_sentences, token_kind
from .topics import DEFAULT_TOPICS, Topic, TopicMatcher

_CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "–", "—", "-", "/"})
_ANCHOR_FLAGS = NEG | FINITE | MODAL | MUST | DELIV | EFFORT | AGAIN
_MEMO_LIMIT = 200_000


class _Info(NamedTuple):
    """Everything the analyser needs about one surface token, memoised per Analyser."""

    kind: int
    toks: tuple[Tok, ...]
    flags: int  # OR of the toks' flags
    topics: tuple  # topic keyword candidates for this token
    low: str  # lowercase, accent-free form for topic phrases
    single: Tok | None  # the only Tok, in the common one-token case


class _Reading(NamedTuple):
    """The rules' reading of one sentence, before the trained layer and exact corrections."""

    units: Units
    pieces: list[Piece]
    ctx: Context
    scored: list[Scored]
    segments: list[Segment]
    taught: bool  # an organisation's correction or learned cue decided a clause
    label: str
    decider: int | None  # the segment that decided the label

    @property
    def seg_labels(self) -> list[str]:
        """Each segment's label, in order."""
        return [seg.label for seg in self.segments]

    @property
    def decider_score(self) -> float:
        """The deciding segment's score (0 when neutral)."""
        return self.segments[self.decider].score if self.decider is not None else 0.0


_LEXICON: Lexicon | None = None


def shared_lexicon() -> Lexicon:
    """The process-wide lexicon: loaded once, shared by every organisation's Analyser."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon()
    return _LEXICON


class Analyser:
    """Compile once per organisation (topics, corrections) and reuse for every comment."""

    def __init__(
        self,
        topics: Iterable[Topic] = DEFAULT_TOPICS,
        corrections: Mapping[str, str] | None = None,
        *,
        min_cue_support: int = 2,
        classifier: LinearModel | bool = True,
    ) -> None:
        """Build the topic matcher and correction store; the lexicon is shared across instances.

        `classifier` is the trained layer: True for the shipped weights, False for the rules
        alone, or a `LinearModel` (the training script passes its candidates).
        """
        self.lexicon = shared_lexicon()
        if classifier is True:
            self.classifier: LinearModel | None = shared_model()
        elif classifier is False:
            self.classifier = None
        else:
            self.classifier = classifier
        self.topics = tuple(topics)
        self._matcher = TopicMatcher(self.topics)
        self._memo: dict[str, _Info] = {}
        self._chunks: dict[str, tuple[tuple[str, int, int, _Info], ...]] = {}
        self._store = CorrectionStore(min_support=min_cue_support)
        self._store.rebuild(corrections or {}, self._cue_words, self._base_label, self._is_anchor)

    # ------------------------------------------------------------------ public API

    @property
    def corrections(self) -> dict[str, str]:
        """Normalised sentence -> corrected label, as stored."""
        return dict(self._store.exact)

    @property
    def learned_cues(self) -> dict[tuple[str, ...], str]:
        """Cue phrases generalised from corrections (word tuple -> label)."""
        return dict(self._store.cues)

    def add_correction(self, text: str, label: str) -> None:
        """Record an organisation's correction; it applies to later analyses at once."""
        if label not in LABELS:
            raise ValueError(f"label must be one of {LABELS}, got {label!r}")
        key = normalise(text)
        merged = {self._store.texts[k]: lab for k, lab in self._store.exact.items() if k != key}
        merged[text] = label
        self._store.rebuild(merged, self._cue_words, self._base_label, self._is_anchor)

    def analyse(self, text: str) -> Analysis:
        """Split a comment into sentences and clauses and label each."""
        raws, starts, ends, infos = self._tokenize(text)
        kinds = [info.kind for info in infos]
        sentences = []
        segments: list[Segment] = []
        for a, b in split_sentences(text, raws, starts, ends, kinds):
            sent = self._sentence(text, raws, starts, ends, infos, a, b)
            sentences.append(sent)
            segments.extend(sent.segments)
        return Analysis(text, tuple(sentences), tuple(segments))

    def label_sentence(self, text: str) -> Sentence:
        """Label `text` as one sentence, even if it contains several full stops."""
        raws, starts, ends, infos = self._tokenize(text)
        if not raws:
            return Sentence(text, 0, len(text), NEUTRAL, ())
        return self._sentence(text, raws, starts, ends, infos, 0, len(raws))

    def rule_features(self, text: str) -> tuple[str, list[str], list[tuple[str, float]]]:
        """(rules' label, feature keys, real-valued features) of `text` read as one sentence.

        What the trained layer sees: the same reading `analyse` makes, before the layer speaks.
        The training script calls this on an analyser without corrections.
        """
        raws, starts, ends, infos = self._tokenize(text)
        if not raws:
            return NEUTRAL, ["R:neutral", "len:0"], []
        r = self._read(text, raws, starts, ends, infos, 0, len(raws))
        keys, real, _ = sentence_features(
            r.units, r.pieces, r.scored, r.ctx, r.seg_labels, r.label, r.decider_score
        )
        return r.label, keys, real

    def analyse_many(self, texts: Iterable[str]) -> list[Analysis]:
        """Analyse a batch of comments."""
        return [self.analyse(t) for t in texts]

    # ------------------------------------------------------------------ tokens

    def _tokenize(self, text: str) -> tuple[list[str], list[int], list[int], list[_Info]]:
        """Tokens with offsets and memoised analyses; whitespace chunks are memoised too."""
        raws: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        infos: list[_Info] = []
        chunks = self._chunks
        find = text.find
        pos = 0
        for chunk in text.split():
            s = find(chunk, pos)
            pos = s + len(chunk)
            hit = chunks.get(chunk)
            if hit is None:
                hit = self._chunk(chunk)
            if len(hit) == 1:
                raw, _a, _b, info = hit[0]
                raws.append(raw)
                starts.append(s)
                ends.append(pos)
                infos.append(info)
            else:
                for raw, a, b, info in hit:
                    raws.append(raw)
                    starts.append(s + a)
                    ends.append(s + b)
                    infos.append(info)
        return raws, starts, ends, infos

    def _chunk(self, chunk: str) -> tuple[tuple[str, int, int, _Info], ...]:
        """Tokens of one whitespace-delimited chunk ("geholpen,", "o.a.", "top👍")."""
        memo = self._memo
        out = []
        for m in TOKEN_RE.finditer(chunk):
            raw = m.group()
            info = memo.get(raw)
            if info is None:
                info = self._info(raw)
            out.append((raw, m.start(), m.end(), info))
        hit = tuple(out)
        if len(self._chunks) > _MEMO_LIMIT:
            self._chunks.clear()
        self._chunks[chunk] = hit
        return hit

    def _info(self, raw: str) -> _Info:
        toks = self.lexicon.tokens(raw)
        flags = 0
        for tok in toks:
            flags |= tok.flags
        low = strip_accents(raw.lower().replace("’", "'"))
        single = toks[0] if len(toks) == 1 else None
        info = _Info(token_kind(raw), toks, flags, self._matcher.candidates(low), low, single)
        if len(self._memo) > _MEMO_LIMIT:  # bound memory on adversarial input
            self._memo.clear()
        self._memo[raw] = info
        return info

    def _units(self, infos: list[_Info], a: int, b: int) -> Units:
        """Sentence tokens with multi-word lexicon phrases merged into single units."""
        units = Units()
        span = infos[a:b]
        flags = 0
        simple = True
        for info in span:
            flags |= info.flags
            if info.single is None:
                simple = False
        toks: list[Tok]
        if simple:
            toks = cast("list[Tok]", [info.single for info in span])  # every one is set
            first = list(range(a, b))
        else:
            toks = []
            first = []
            for i, info in enumerate(span, a):
                for tok in info.toks:
                    toks.append(tok)
                    first.append(i)
        units.toks = toks
        units.norms = [tok.norm for tok in toks]
        units.first = first
        units.last = first
        units.flags = flags
        if flags & PHRASE:
            _merge_phrases(units, self.lexicon.phrases)
        return units

    # ------------------------------------------------------------------ sentences

    def _clauses(
        self, raws: list[str], infos: list[_Info], a: int, b: int, *, sarcasm: bool = True
    ) -> tuple[Units, list[Piece], Context, list[Scored]]:
        """The rules' first step: units, clauses, sentence context and each clause's score."""
        units = self._units(infos, a, b)
        pieces = make_pieces(units)
        question = any("?" in raws[i] for i in range(max(a, b - 3), b))
        ctx = make_context(units, question)
        scored = [score_piece(units, pc, ctx, self.lexicon.separable) for pc in pieces]
        if sarcasm and any(s.interj_only_praise for s in scored):
            scored = apply_sarcasm(units, pieces, scored)
        return units, pieces, ctx, scored

    def _read(
        self,
        text: str,
        raws: list[str],
        starts: list[int],
        ends: list[int],
        infos: list[_Info],
        a: int,
        b: int,
    ) -> _Reading:
        """The rules' reading of tokens [a, b) as one sentence: the one pipeline for training
        (`rule_features`) and live use (`analyse`), so the trained layer sees what it will meet."""
        units, pieces, ctx, scored = self._clauses(raws, infos, a, b)
        segments, groups, taught = self._segments(
            text, raws, starts, ends, infos, units, pieces, scored, b
        )
        label, decider = _sentence_label(segments, groups)
        return _Reading(units, pieces, ctx, scored, segments, taught, label, decider)

    def _sentence(
        self,
        text: str,
        raws: list[str],
        starts: list[int],
        ends: list[int],
        infos: list[_Info],
        a: int,
        b: int,
    ) -> Sentence:
        r = self._read(text, raws, starts, ends, infos, a, b)
        segments, label, decider = r.segments, r.label, r.decider
        model = self.classifier
        if model is not None and not r.taught:
            # The trained layer weighs the rules' verdict against words and cues they missed.
            units, pieces, scored, ctx = r.units, r.pieces, r.scored, r.ctx
            seg_labels, rule_score = r.seg_labels, r.decider_score
            predicted = model.predict_sentence(
                units, pieces, scored, ctx, seg_labels, label, rule_score
            )
            if predicted != label:
                keys, real, where = sentence_features(
                    units, pieces, scored, ctx, seg_labels, label, rule_score, explain=True
                )
                decider = _overrule(
                    model, predicted, label, keys, real, where, segments, text, starts, ends, units
                )
                label = predicted
        s_start, s_end = starts[a], ends[b - 1]
        sent_text = text[s_start:s_end]
        override = self._store.exact_label(sent_text)
        if override is not None:
            label = override
            idx = decider if decider is not None else len(segments) - 1
            segments[idx] = segments[idx]._replace(label=override, corrected=True)
        return Sentence(sent_text, s_start, s_end, label, tuple(segments))

    def _segments(
        self,
        text: str,
        raws: list[str],
        starts: list[int],
        ends: list[int],
        infos: list[_Info],
        units: Units,
        pieces: list[Piece],
        scored: list[Scored],
        b: int,
    ) -> tuple[list[Segment], list[tuple[int, list[int]]], bool]:
        """Merge clauses into segments: split at contrast, and at commas only where polarity flips.

        The flag says whether an organisation's correction or learned cue decided a segment.
        """
        merged: list[list[int]] = []  # piece indices per segment
        groups: list[tuple[int, list[int]]] = []  # (marker, segment indices)
        if len(pieces) == 1:
            seg, taught = self._single_segment(
                text, starts, ends, infos, units, pieces[0], scored[0], b
            )
            return [seg], [(pieces[0].marker, [0])], taught
        for i, pc in enumerate(pieces):
            if i == 0 or pc.marker != M_PLAIN or scored[i].resolution:
                # "De rekening klopte niet, dat hebben ze snel gecorrigeerd": the fix answers the problem
                marker = M_CONTRAST if i and pc.marker == M_PLAIN else pc.marker
                merged.append([i])
                groups.append((marker, [len(merged) - 1]))
                continue
            cur = merged[-1]
            cur_label = _merged_label(scored, cur)
            lab = scored[i].label
            if lab != NEUTRAL and cur_label != NEUTRAL and lab != cur_label:
                merged.append([i])  # "vriendelijk geholpen, lang moeten wachten": two points
                groups[-1][1].append(len(merged) - 1)
            else:
                cur.append(i)
        segments: list[Segment] = []
        n_units = len(units.toks)
        many = len(merged) > 1
        taught = False
        for m_idx, idxs in enumerate(merged):
            first_unit = pieces[idxs[0]].first
            is_last = m_idx == len(merged) - 1
            if first_unit >= n_units:
                first_unit = n_units - 1
            raw_a = units.first[first_unit]
            if is_last:
                raw_b = b - 1  # the last segment keeps the full stop and trailing emoji
            else:
                raw_b = units.last[max(pieces[idxs[-1]].last - 1, first_unit)]
                while raw_b > raw_a and raws[raw_b] in _CLAUSE_PUNCT:
                    raw_b -= 1
            label = _merged_label(scored, idxs)
            score = sum(scored[i].score for i in idxs)
            if label == NEUTRAL:
                score = max(-THRESHOLD + 0.01, min(THRESHOLD - 0.01, score))
                reasons: tuple[str, ...] = ()
            else:
                score = max(score, THRESHOLD) if label == COMPLIMENT else min(score, -THRESHOLD)
                cue_units = [u for i in idxs if scored[i].label == label for u in scored[i].cues]
                spans = [sp for i in idxs if scored[i].label == label for sp in scored[i].spans]
                reasons = _reasons(text, starts, ends, units, cue_units, spans)
            topics = self._matcher.match_infos(infos, raw_a, raw_b + 1)
            s, e = starts[raw_a], ends[raw_b]
            seg_text = text[s:e]
            corrected = False
            override = self._store.exact_label(seg_text) if many else None
            if override is not None:
                label, corrected, taught = override, True, True
                score = 0.5 if label == COMPLIMENT else -0.5 if label == IMPROVEMENT else 0.0
            elif self._store.cues and (label == NEUTRAL or abs(score) < 0.5):
                last_unit = pieces[idxs[-1]].last
                learned = self._store.cue_label(units.norms[first_unit:last_unit])
                if learned is not None and learned[0] != label:
                    label, taught = learned[0], True
                    score = 0.5 if label == COMPLIMENT else -0.5 if label == IMPROVEMENT else 0.0
                    reasons = (" ".join(learned[1]),) if label != NEUTRAL else ()
            segments.append(
                Segment(
                    seg_text,
                    s,
                    e,
                    label,
                    round(max(-1.0, min(1.0, score)), 3),
                    reasons,
                    topics,
                    corrected,
                )
            )
        return segments, groups, taught

    def _single_segment(
        self,
        text: str,
        starts: list[int],
        ends: list[int],
        infos: list[_Info],
        units: Units,
        piece: Piece,
        scored: Scored,
        b: int,
    ) -> tuple[Segment, bool]:
        """The common one-clause sentence, without the merging machinery; True if a cue decided."""
        raw_a = units.first[min(piece.first, len(units.first) - 1)]
        label = scored.label
        score = scored.score
        reasons: tuple[str, ...] = ()
        if label == NEUTRAL:
            score = max(-THRESHOLD + 0.01, min(THRESHOLD - 0.01, score))
        else:
            score = max(score, THRESHOLD) if label == COMPLIMENT else min(score, -THRESHOLD)
            reasons = _reasons(text, starts, ends, units, scored.cues, scored.spans)
        taught = False
        if self._store.cues and (label == NEUTRAL or abs(score) < 0.5):
            learned = self._store.cue_label(units.norms[piece.first : piece.last])
            if learned is not None and learned[0] != label:
                label, taught = learned[0], True
                score = 0.5 if label == COMPLIMENT else -0.5 if label == IMPROVEMENT else 0.0
                reasons = (" ".join(learned[1]),) if label != NEUTRAL else ()
        s, e = starts[raw_a], ends[b - 1]
        topics = self._matcher.match_infos(infos, raw_a, b)
        return Segment(
            text[s:e], s, e, label, round(max(-1.0, min(1.0, score)), 3), reasons, topics, False
        ), taught

    # ------------------------------------------------------------------ corrections support

    def _cue_words(self, text: str) -> list[list[str]]:
        """Normalised word sequences per clause, the material learned cues are made of."""
        _raws, _starts, _ends, infos = self._tokenize(text)
        units = self._units(infos, 0, len(infos))
        out: list[list[str]] = [[]]
        for tok, i in zip(units.toks, units.first, strict=True):
            if tok.flags & WORD or infos[i].kind == EMOJIK:
                out[-1].append(tok.norm)
            elif out[-1]:
                out.append([])
        return [c for c in out if c]

    def _is_anchor(self, word: str) -> bool:
        """Whether a normalised word can carry an opinion: a verb form, negator or lexicon cue."""
        tok = self.lexicon.terms.get(word)
        if tok is not None and (tok.pol or tok.flags & _ANCHOR_FLAGS):
            return True
        # Regular verb shapes: participles (ge...d/t) and infinitives or plurals in -en.
        return (word.startswith("ge") and word.endswith(("d", "t")) and len(word) > 4) or (
            word.endswith("en") and len(word) > 4
        )

    def _base_label(self, text: str) -> str:
        """The rules' label without any correction, so cues are learned only from disagreements."""
        raws, _starts, _ends, infos = self._tokenize(text)
        if not raws:
            return NEUTRAL
        _units, _pieces, _ctx, scored = self._clauses(raws, infos, 0, len(raws))
        labels = {s.label for s in scored}
        return (
            IMPROVEMENT
            if IMPROVEMENT in labels
            else COMPLIMENT
            if COMPLIMENT in labels
            else NEUTRAL
        )


def _merge_phrases(units: Units, phrases: dict) -> None:
    """Replace runs of units that spell a lexicon phrase ("op tijd", "te wensen over") by one unit."""
    toks, norms, first = units.toks, units.norms, units.first
    n = len(toks)
    matches: list[tuple[int, int, Tok]] = []
    taken = -1
    for j in [j for j, t in enumerate(toks) if t.flags & PHRASE]:
        if j <= taken:
            continue
        for ph in phrases.get(norms[j], ()):
            m = len(ph.rest)
            if (
                j + m < n
                and norms[j + 1] == ph.rest[0]
                and all(norms[j + 1 + k] == w for k, w in enumerate(ph.rest))
            ):
                matches.append((j, m, Tok(ph.text, ph.pol, ph.flags | WORD, ph.value)))
                taken = j + m
                break
    if not matches:
        return
    out_toks: list[Tok] = []
    out_first: list[int] = []
    out_last: list[int] = []
    prev = 0
    for j, m, tok in matches:
        out_toks.extend(toks[prev:j])
        out_first.extend(first[prev:j])
        out_last.extend(first[prev:j])
        out_toks.append(tok)
        out_first.append(first[j])
        out_last.append(first[j + m])
        prev = j + m + 1
    out_toks.extend(toks[prev:])
    out_first.extend(first[prev:])
    out_last.extend(first[prev:])
    units.toks, units.first, units.last = out_toks, out_first, out_last
    units.norms = [tok.norm for tok in out_toks]


def _merged_label(scored: list[Scored], idxs: list[int]) -> str:
    labels = {scored[i].label for i in idxs}
    if IMPROVEMENT in labels:
        return IMPROVEMENT
    if COMPLIMENT in labels:
        return COMPLIMENT
    return NEUTRAL


def _reasons(
    text: str,
    starts: list[int],
    ends: list[int],
    units: Units,
    cue_units: Iterable[int],
    spans: Iterable[tuple[int, int]] = (),
) -> tuple[str, ...]:
    """The surface words of the deciding cues, lowercased, in text order, without duplicates."""
    toks = units.toks
    items = [(u, u) for u in cue_units if not toks[u].flags & NOREF]
    if spans:
        covered = {u for a, b in spans for u in range(a, b + 1)}
        items = [it for it in items if it[0] not in covered] + list(spans)
    out: dict[str, None] = {}
    first, last = units.first, units.last
    for a, b in sorted(set(items)):
        lo, hi = first[a], last[b]
        word = text[starts[lo] : ends[hi]].lower()
        if hi > lo:
            word = _SPACES.sub(" ", word)  # a phrase typed across a line break
        out.setdefault(word, None)
    return tuple(out)


_SPACES = re.compile(r"\s+")


def _sentence_label(
    segments: list[Segment], groups: list[tuple[int, list[int]]]
) -> tuple[str, int | None]:
    """The clause after the last contrastive word decides; otherwise complaints outweigh praise."""

    def decide(seg_idxs: list[int]) -> tuple[str, int | None]:
        for want in (IMPROVEMENT, COMPLIMENT):
            for i in seg_idxs:
                if segments[i].label == want:
                    return want, i
        return NEUTRAL, None

    for marker, seg_idxs in reversed(groups):
        if marker == M_CONTRAST:
            label, idx = decide(seg_idxs)
            if label != NEUTRAL:
                return label, idx
    label, idx = decide([i for marker, idxs in groups if marker != M_CONCESS for i in idxs])
    if label != NEUTRAL:
        return label, idx
    return decide([i for _, idxs in groups for i in idxs])


_MODEL_REASONS = 3  # words shown when the trained layer overrules the rules


def _overrule(
    model: LinearModel,
    predicted: str,
    rule_label: str,
    keys: list[str],
    real: list[tuple[str, float]],
    where: dict[str, tuple[int, ...]],
    segments: list[Segment],
    text: str,
    starts: list[int],
    ends: list[int],
    units: Units,
) -> int | None:
    """Give the trained layer's label to the clause it rests on; returns the deciding segment.

    A neutral verdict clears every clause. Otherwise a clause the rules already labelled so
    decides; failing that, the clause holding the words that pushed hardest towards the new
    label takes it, with those words as its reasons.
    """
    if predicted == NEUTRAL:
        for i, seg in enumerate(segments):
            if seg.label != NEUTRAL:
                score = max(-THRESHOLD + 0.01, min(THRESHOLD - 0.01, seg.score))
                segments[i] = seg._replace(label=NEUTRAL, score=round(score, 3), reasons=())
        return None
    same = [i for i, seg in enumerate(segments) if seg.label == predicted]
    if same:
        return same[-1]
    pushes = [(k, v) for k, v in model.contributions(where, predicted, rule_label) if v > 0]
    seg_of_unit = []
    for k in range(len(units.toks)):
        pos = starts[units.first[k]]
        idx = len(segments) - 1
        for i, seg in enumerate(segments):
            if pos < seg.end:
                idx = i
                break
        seg_of_unit.append(idx)
    mass = [0.0] * len(segments)
    for key, v in pushes:
        mass[seg_of_unit[where[key][-1]]] += v
    target = max(range(len(segments)), key=lambda i: (mass[i], i))
    cue_units: list[int] = []
    spans: list[tuple[int, int]] = []
    shown = 0
    toks = units.toks
    for key, _v in pushes:
        at = where[key]
        if seg_of_unit[at[-1]] != target or shown >= _MODEL_REASONS:
            continue
        telling = [
            not toks[u].flags & NOREF and (toks[u].flags & NEG or toks[u].norm not in STOPWORDS)
            for u in at
        ]
        if not (any(telling) if key.startswith("b:") else telling[-1]):
            continue  # "de", "een", "van" (also negated) weigh in but explain nothing
        if key.startswith("b:") and len(at) == 2:
            if seg_of_unit[at[0]] != target:
                continue
            spans.append((at[0], at[1]))
        else:
            cue_units.extend(u for u in at if seg_of_unit[u] == target)
        shown += 1
    seg = segments[target]
    reasons = _reasons(text, starts, ends, units, cue_units, spans) or seg.reasons
    p = model.probabilities(keys, real)[predicted]
    score = max(p, THRESHOLD) if predicted == COMPLIMENT else -max(p, THRESHOLD)
    segments[target] = seg._replace(label=predicted, score=round(score, 3), reasons=reasons)
    return target
