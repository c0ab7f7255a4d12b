"""Result types returned by the analyser."""

from __future__ import annotations

from typing import NamedTuple

COMPLIMENT = "compliment"
IMPROVEMENT = "improvement"
NEUTRAL = "neutral"
LABELS: tuple[str, str, str] = (COMPLIMENT, IMPROVEMENT, NEUTRAL)


class Segment(NamedTuple):
    """A clause with its own label; `reasons` are the cue words that decided it."""

    text: str
    start: int
    end: int
    label: str
    score: float
    reasons: tuple[str, ...]
    topics: tuple[str, ...]
    corrected: bool


class Sentence(NamedTuple):
    """A sentence; its label follows the contrastive-clause rule over its segments."""

    text: str
    start: int
    end: int
    label: str
    segments: tuple[Segment, ...]


class Analysis(NamedTuple):
    """The analysis of one comment; offsets index into `text`."""

    text: str
    sentences: tuple[Sentence, ...]
    segments: tuple[Segment, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        """Topic slugs mentioned anywhere in the comment, in first-mention order."""
        seen: dict[str, None] = {}
        for seg in self.segments:
            for slug in seg.topics:
                seen.setdefault(slug, None)
        return tuple(seen)

    def by_label(self, label: str) -> tuple[Segment, ...]:
        """Segments with the given label, e.g. all improvement points."""
        return tuple(s for s in self.segments if s.label == label)
