"""The agenda of a journey review, generated from the step figures and the open actions."""

from __future__ import annotations

from dataclasses import dataclass, field

from klantcultuur.journeys.quality.steps import BELOW

# A change of at least this many points (NPS) or percentage points (CSAT, CES) is on the
# agenda: smaller moves are mostly chance at the group sizes of one team and one quarter.
NOTABLE_CHANGE = 5.0


@dataclass(frozen=True, slots=True)
class StepLine:
    step: str
    team: str
    metric: str
    value: float | None
    target: float
    status: str
    change: float | None
    moment_of_truth: bool = False
    clearly_below: bool = False


@dataclass(frozen=True, slots=True)
class ActionLine:
    title: str
    team: str
    state: str
    due: str  # ISO date or ""


@dataclass
class Agenda:
    below_target: list[StepLine] = field(default_factory=list)
    changes: list[StepLine] = field(default_factory=list)
    open_actions: list[ActionLine] = field(default_factory=list)

    def as_json(self) -> dict:
        def line(s: StepLine) -> dict:
            return {
                "step": s.step,
                "team": s.team,
                "metric": s.metric,
                "value": s.value,
                "target": s.target,
                "status": s.status,
                "change": s.change,
                "moment_of_truth": s.moment_of_truth,
                "clearly_below": s.clearly_below,
            }

        return {
            "below_target": [line(s) for s in self.below_target],
            "changes": [line(s) for s in self.changes],
            "open_actions": [
                {"title": a.title, "team": a.team, "state": a.state, "due": a.due}
                for a in self.open_actions
            ],
        }


def _gap(step: StepLine) -> float:
    return 0.0 if step.value is None else step.value - step.target


def build(steps: list[StepLine], actions: list[ActionLine]) -> Agenda:
    """Steps below target first (moments of truth and clear misses first), then notable
    changes, then the open actions, soonest due first."""
    below = [s for s in steps if s.status == BELOW]  # below target: a step with a value
    below.sort(key=lambda s: (not s.moment_of_truth, not s.clearly_below, _gap(s)))
    changes = [s for s in steps if s.change is not None and abs(s.change) >= NOTABLE_CHANGE]
    changes.sort(key=lambda s: -abs(s.change or 0.0))
    ordered = sorted(actions, key=lambda a: (a.due == "", a.due, a.title))
    return Agenda(below, changes, ordered)
