from klantcultuur.journeys.models.business import BusinessCase
from klantcultuur.journeys.models.journeys import Journey, Metric, Phase, Step
from klantcultuur.journeys.models.reviews import Decision, Review, ReviewStatus

__all__ = [
    "BusinessCase",
    "Decision",
    "Journey",
    "Metric",
    "Phase",
    "Review",
    "ReviewStatus",
    "Step",
]
