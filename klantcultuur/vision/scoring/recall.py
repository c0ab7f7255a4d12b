"""Score a recall answer (the promises in someone's own words) against the promises.

The answer is cut into fragments (lines, list items, sentences, ";"). Each fragment is
compared with each promise on content-word stems: the share of the promise's key words the
fragment names, with words that several promises share weighing less (they do not tell the
promises apart). A fragment names a promise when that share reaches `threshold` and at least
one distinctive word matches; every promise counts once, for its best fragment, and every
fragment names at most one promise. The result says which promise matched and on which words,
so a person can see why an answer counted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from klantcultuur.vision.scoring.text import content_words, stems_match

THRESHOLD = 0.34
_SPLIT = re.compile(r"[\n;•]+|(?<=[.!?])\s+|(?:^|\s)\d+[.)]\s*", re.MULTILINE)
_BULLET = re.compile(r"^\s*(?:[-*–]|\d+[.)])\s*")


@dataclass(frozen=True)
class Promise:
    key: str  # the caller's id of the promise
    text: str  # title and explanation, as published


@dataclass(frozen=True)
class Match:
    key: str
    fragment: str
    score: float  # 0..1, the weighted share of the promise's key words named
    words: tuple[tuple[str, str], ...]  # (word in the answer, word in the promise)


@dataclass(frozen=True)
class Result:
    matches: tuple[Match, ...]
    unmatched: tuple[str, ...] = field(default_factory=tuple)  # fragments that named nothing

    @property
    def named(self) -> int:
        return len(self.matches)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(m.key for m in self.matches)


def fragments(answer: str) -> list[str]:
    """The answer's parts that could each name a promise."""
    parts = []
    for piece in _SPLIT.split(answer or ""):
        piece = _BULLET.sub("", piece).strip(" \t,.-!?:")
        if piece and content_words(piece):
            parts.append(piece)
    return parts


class Scorer:
    """Promises prepared once; `score(answer)` for each answer."""

    def __init__(self, promises: Sequence[Promise], threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.promises = list(promises)
        self._words: list[dict[str, str]] = []  # per promise: stem -> word as written
        for promise in self.promises:
            seen: dict[str, str] = {}
            for word, stem in content_words(promise.text):
                seen.setdefault(stem, word)
            self._words.append(seen)
        n = max(1, len(self.promises))
        spread: dict[str, int] = {}
        for seen in self._words:
            for stem in seen:
                spread[stem] = spread.get(stem, 0) + 1
        # Inverse document frequency: a word in one promise weighs most.
        self._weight = {stem: 1.0 + math.log(n / count) for stem, count in spread.items()}
        self._distinctive = {stem for stem, count in spread.items() if count == 1 or n <= 1}

    def _compare(self, fragment_words: list[tuple[str, str]], index: int) -> tuple[float, tuple]:
        promise_words = self._words[index]
        if not promise_words:
            return 0.0, ()
        total = sum(self._weight[s] for s in promise_words)
        hit_weight, pairs, distinctive = 0.0, [], False
        for stem, written in promise_words.items():
            for word, fstem in fragment_words:
                if stems_match(stem, fstem):
                    hit_weight += self._weight[stem]
                    pairs.append((word, written))
                    distinctive = distinctive or stem in self._distinctive
                    break
        if not distinctive:
            return 0.0, ()
        # A short promise is named by a few words; a long explanation need not be repeated.
        share = hit_weight / min(total, 2.5 * max(self._weight.values(), default=1.0))
        return min(1.0, share), tuple(pairs)

    def score(self, answer: str) -> Result:
        candidates = []
        parts = fragments(answer)
        for f_index, fragment in enumerate(parts):
            fragment_words = content_words(fragment)
            for p_index in range(len(self.promises)):
                share, pairs = self._compare(fragment_words, p_index)
                if share >= self.threshold:
                    candidates.append((share, f_index, p_index, pairs))
        # Best pairs first; a promise and a fragment are used once.
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        used_fragments: set[int] = set()
        used_promises: set[int] = set()
        matches = []
        for share, f_index, p_index, pairs in candidates:
            if f_index in used_fragments or p_index in used_promises:
                continue
            used_fragments.add(f_index)
            used_promises.add(p_index)
            key = self.promises[p_index].key
            matches.append(Match(key, parts[f_index], round(share, 2), pairs))
        matches.sort(key=lambda m: [p.key for p in self.promises].index(m.key))
        unmatched = tuple(p for i, p in enumerate(parts) if i not in used_fragments)
        return Result(tuple(matches), unmatched)


def score_answer(answer: str, promises: Sequence[Promise]) -> Result:
    """One answer against the promises (see the module docstring)."""
    return Scorer(promises).score(answer)
