"""The onboarding path's steps and progress, and which scan statements measure which HR
process (pure: plain data in, plain data out)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

# In the order a newcomer walks them.
STEPS: tuple[str, ...] = ("vision", "behaviours", "stories", "room", "dagstarts", "buddy")
# The first dagstarts are counted from the board's attendance, not ticked.
COUNTED = "dagstarts"
FIRST_DAGSTARTS = 3
STORIES = 3

# The culture scan's customer-centred HRM scale and the statements (standard questionnaire
# codes) in which employees say what they experience of each HR process.
HRM_SCALE = "HRM"
PROCESS_ITEMS: dict[str, tuple[str, ...]] = {
    "job_profiles": ("HRM1",),
    "vacancies": ("HRM2",),
    "selection": ("HRM2",),
    "onboarding": ("HRM3",),
    "development": ("HRM4",),
    "appraisal": ("HRM5",),
    "reward": ("HRM6",),
    "empowerment": ("HRM7", "HRM8"),
}
EMPOWERMENT_ITEMS = PROCESS_ITEMS["empowerment"]
# HR's rating and the statements' means are both on 1-5: a gap this large is worth a look.
GAP_NOTABLE = 1.0


@dataclass(frozen=True)
class Progress:
    done: frozenset[str]
    dagstarts: int

    @property
    def total(self) -> int:
        return len(STEPS)

    @property
    def count(self) -> int:
        return len(self.done)

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total)

    @property
    def complete(self) -> bool:
        return self.count == self.total

    @property
    def next_step(self) -> str | None:
        return next((s for s in STEPS if s not in self.done), None)


def progress(ticked: Iterable[str], dagstarts: int) -> Progress:
    """Steps done: those ticked (unknown keys ignored), and the dagstarts once enough."""
    done = {s for s in ticked if s in STEPS and s != COUNTED}
    if dagstarts >= FIRST_DAGSTARTS:
        done.add(COUNTED)
    return Progress(frozenset(done), dagstarts)


@dataclass(frozen=True)
class Said:
    """What HR had for a process on a day: its document's coverage and HR's own rating."""

    day: date
    present: int
    total: int
    rating: int | None

    @property
    def coverage(self) -> int | None:
        return round(100 * self.present / self.total) if self.total else None


def as_of(history: Sequence[Said], day: date) -> Said | None:
    """The latest of `history` on or before `day` (the document in force then)."""
    found = None
    for said in sorted(history, key=lambda s: s.day):
        if said.day <= day:
            found = said
    return found


def gap(rating: int | None, experienced: float | None) -> float | None:
    """HR's rating minus employees' mean (both 1-5): positive when HR sees it rosier."""
    if rating is None or experienced is None:
        return None
    return round(rating - experienced, 1)
