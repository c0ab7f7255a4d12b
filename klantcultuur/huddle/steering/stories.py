"""Suggest yesterday's best customer story from the compliments (pure).

The team chooses; the suggestion only puts the likeliest story first: a customer who gave
a top score, with the most (and the fullest) compliments, the earliest first on a tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from klantcultuur.feedback.metrics import band


@dataclass(frozen=True, slots=True)
class Candidate:
    key: object
    metric: str
    score: int | None
    compliments: Sequence[str]
    received_at: datetime


def rank_key(candidate: Candidate) -> tuple:
    positive = band(candidate.metric, candidate.score) == "positive"
    words = sum(len(text.split()) for text in candidate.compliments)
    return (
        not positive,
        -len(candidate.compliments),
        -min(words, 60),  # beyond a paragraph, length stops counting
        candidate.received_at,
    )


def suggest(candidates: Sequence[Candidate]) -> object | None:
    """The key of the suggested story, or None without compliments."""
    with_compliments = [c for c in candidates if c.compliments]
    if not with_compliments:
        return None
    return min(with_compliments, key=rank_key).key
