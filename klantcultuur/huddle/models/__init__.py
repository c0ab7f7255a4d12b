"""Models of team customer steering, split by topic."""

from klantcultuur.huddle.models.actions import (
    ActionEvent,
    ActionOrigin,
    ActionOutcome,
    ActionState,
    EffectCheck,
    ImprovementAction,
)
from klantcultuur.huddle.models.escalations import Escalation, EscalationState
from klantcultuur.huddle.models.huddles import Goal, GoalStatus, Huddle
from klantcultuur.huddle.models.kpis import (
    Direction,
    Kpi,
    KpiSource,
    KpiValue,
    KpiValueChange,
    Measure,
    Period,
    TeamKpi,
)

__all__ = [
    "ActionEvent",
    "ActionOrigin",
    "ActionOutcome",
    "ActionState",
    "Direction",
    "EffectCheck",
    "Escalation",
    "EscalationState",
    "Goal",
    "GoalStatus",
    "Huddle",
    "ImprovementAction",
    "Kpi",
    "KpiSource",
    "KpiValue",
    "KpiValueChange",
    "Measure",
    "Period",
    "TeamKpi",
]
