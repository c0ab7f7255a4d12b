from klantcultuur.programme.models.ambassadors import (
    Ambassador,
    AmbassadorMessage,
    AmbassadorOrigin,
    AmbassadorStatus,
)
from klantcultuur.programme.models.interests import (
    STANCE_ORDER,
    Influence,
    InfluenceKind,
    Position,
    Stakeholder,
    StakeholderAction,
    Stance,
    Trait,
    TraitSource,
)
from klantcultuur.programme.models.sharing import SharedWin
from klantcultuur.programme.models.steps import (
    Component,
    NextStep,
    StepStatus,
    StepTemplate,
)
from klantcultuur.programme.models.visits import (
    Noticed,
    PulseParticipation,
    Visit,
    VisitOutcome,
    VisitStatus,
)

__all__ = [
    "STANCE_ORDER",
    "Ambassador",
    "AmbassadorMessage",
    "AmbassadorOrigin",
    "AmbassadorStatus",
    "Component",
    "Influence",
    "InfluenceKind",
    "NextStep",
    "Noticed",
    "Position",
    "PulseParticipation",
    "SharedWin",
    "Stakeholder",
    "StakeholderAction",
    "Stance",
    "StepStatus",
    "StepTemplate",
    "Trait",
    "TraitSource",
    "Visit",
    "VisitOutcome",
    "VisitStatus",
]
