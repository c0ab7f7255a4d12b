"""Which customer promises and behaviours an HR document names, with the sentences.

Every sentence of the document is compared with the promises by the vision's recall scorer
(`vision.scoring.recall`: content-word stems, distinctive words weighing most), so a
promise counts as present where HR's own text names it in other words too. Behaviours are
matched the same way on their sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from klantcultuur.vision.scoring.recall import Promise, Scorer, fragments

MAX_QUOTES = 3
# A sentence names a promise on two of its words at least: one shared word ("werkt" and
# "werkdag") is chance in a long document, where a recall answer is short and on purpose.
MIN_WORDS = 2


@dataclass
class Found:
    key: str
    sentences: list[str] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return bool(self.sentences)


@dataclass
class Alignment:
    promises: list[Found]
    behaviours: list[Found]

    @property
    def present(self) -> int:
        return sum(1 for p in self.promises if p.present)

    def as_json(self) -> dict:
        return {
            "promises": [{"key": f.key, "sentences": f.sentences} for f in self.promises],
            "behaviours": [{"key": f.key, "sentences": f.sentences} for f in self.behaviours],
        }


def _found(sentences: list[str], items: Sequence[Promise]) -> list[Found]:
    scorer = Scorer(items)
    out = {item.key: Found(item.key) for item in items}
    for sentence in sentences:
        for match in scorer.score(sentence).matches:
            if len(match.words) < MIN_WORDS:
                continue
            quotes = out[match.key].sentences
            if len(quotes) < MAX_QUOTES and sentence not in quotes:
                quotes.append(sentence)
    return [out[item.key] for item in items]


def align(text: str, promises: Sequence[Promise], behaviours: Sequence[Promise]) -> Alignment:
    sentences = fragments(text)
    return Alignment(_found(sentences, promises), _found(sentences, behaviours))
