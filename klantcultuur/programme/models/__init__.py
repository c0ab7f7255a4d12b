from klantcultuur.programme.models.ambassadors import (
    Ambassador,
    AmbassadorMessage,
    AmbassadorOrigin,
    AmbassadorStatus,
)
from klantcultuur.programme.models.steps import (
    Component,
    NextStep,
    StepStatus,
    StepTemplate,
)

__all__ = [
    "Ambassador",
    "AmbassadorMessage",
    "AmbassadorOrigin",
    "AmbassadorStatus",
    "Component",
    "NextStep",
    "StepStatus",
    "StepTemplate",
]
