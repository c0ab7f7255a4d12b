from klantcultuur.programme.models.steps import (
    Component,
    NextStep,
    StepStatus,
    StepTemplate,
)

__all__ = ["Component", "NextStep", "StepStatus", "StepTemplate"]
