"""Suggest yesterday's best customer story from the compliments (pure).

The team chooses; the suggestion only puts the likeliest story first: a customer who gave
a top score, with the most (and the fullest) compliments, the earliest first on a tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from klantcultuur.feedback.metrics import band

K = TypeVar("K")  # what the caller knows a candidate by (a compliment on the board)


@dataclass(frozen=True, slots=True)
class Candidate(Generic[K]):
    key: K
    metric: str
    score: int | None
    compliments: Sequence[str]
    received_at: datetime


def rank_key(candidate: Candidate[K]) -> tuple:
    positive = band(candidate.metric, candidate.score) == "positive"
    words = sum(len(text.split()) for text in candidate.compliments)
    return (
        not positive,
        -len(candidate.compliments),
        -min(words, 60),  # beyond a paragraph, length stops counting
        candidate.received_at,
    )


def suggest(candidates: Sequence[Candidate[K]]) -> K | None:
    """The key of the suggested story, or None without compliments."""
    with_compliments = [c for c in candidates if c.compliments]
    if not with_compliments:
        return None
    return min(with_compliments, key=rank_key).key
