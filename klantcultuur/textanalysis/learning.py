"""Learning from an organisation: which sentences to ask about, and how far to trust the reader.

Pure functions for the labelling queue and the agreement figure:

* ``certainty(sentence)``: how sure the reader is of a sentence's label, 0 (a coin toss) to 1;
  ``least_sure(analyser, texts, n)`` orders a queue by it, least sure first.
* ``agreement(labels, topics)``: the reader's agreement with the organisation's own labels on a
  fixed held-back part of them (one in five, by a hash of the sentence), read by an analyser
  that learned from the other labels only, so a label never grades itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from .analyser import Analyser
from .evaluate import Report, report
from .model import NEUTRAL, Sentence
from .scoring import THRESHOLD
from .text import normalise
from .topics import DEFAULT_TOPICS, Topic

HELD_BACK_ONE_IN = 5


def certainty(sentence: Sentence) -> float:
    """0 when the reader's label is a close call, up to 1 when its evidence is strong.

    A label is close when its strongest clause barely crosses the threshold (or, for a neutral
    sentence, when a clause nearly does), and closer still when clauses disagree.
    """
    scores = [abs(seg.score) for seg in sentence.segments]
    strongest = max(scores, default=0.0)
    if sentence.label == NEUTRAL:
        margin = (THRESHOLD - strongest) / THRESHOLD
    else:
        margin = (strongest - THRESHOLD) / (1.0 - THRESHOLD)
    polar = {seg.label for seg in sentence.segments if seg.label != NEUTRAL}
    if len(polar) > 1:
        margin *= 0.5  # praise and a complaint in one sentence
    if any(seg.corrected for seg in sentence.segments):
        return 1.0
    return max(0.0, min(1.0, margin))


def least_sure(analyser: Analyser, texts: Iterable[str], n: int) -> list[tuple[str, Sentence]]:
    """The `n` sentences the reader is least sure of, least sure first (ties keep input order)."""
    seen: set[str] = set()
    scored = []
    for i, text in enumerate(texts):
        key = normalise(text)
        if not key or key in seen:
            continue
        seen.add(key)
        sentence = analyser.label_sentence(text)
        scored.append((certainty(sentence), i, text, sentence))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(text, sentence) for _c, _i, text, sentence in scored[:n]]


def held_back(text: str) -> bool:
    """Whether a label belongs to the held-back part (fixed per sentence, about one in five)."""
    digest = hashlib.sha256(normalise(text).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % HELD_BACK_ONE_IN == 0


class Agreement(NamedTuple):
    """The reader against an organisation's held-back labels."""

    n: int  # held-back labels measured
    agreed: int
    learned_from: int  # labels the analyser learned from
    report: Report | None  # per-class figures; None without held-back labels

    @property
    def share(self) -> float | None:
        """Share of held-back labels the reader agrees with (None when there are none)."""
        return self.agreed / self.n if self.n else None


def agreement(
    labels: Mapping[str, str],
    topics: Iterable[Topic] = DEFAULT_TOPICS,
    *,
    is_held_back: Callable[[str], bool] = held_back,
) -> Agreement:
    """Agreement on the held-back labels of an analyser built from the other labels."""
    learn = {text: label for text, label in labels.items() if not is_held_back(text)}
    test = [(text, label) for text, label in labels.items() if is_held_back(text)]
    if not test:
        return Agreement(0, 0, len(learn), None)
    an = Analyser(topics, corrections=learn)
    rep = report((text, gold, an.label_sentence(text).label, "") for text, gold in test)
    agreed = sum(rep.confusion[lab][lab] for lab in rep.confusion)
    return Agreement(len(test), agreed, len(learn), rep)
