"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from klantcultuur.journeys.services import reviews
from klantcultuur.journeys.tests.helpers import repair_journey


def url_kwargs(world) -> dict[str, dict]:
    journey, contact, _planning = repair_journey(world)
    review = reviews.review_plan(journey=journey)
    return {
        "journeys-journey": {"code": journey.uuid},
        "journeys-step-add": {"code": journey.uuid},
        "journeys-review-plan": {"code": journey.uuid},
        "journeys-step": {"code": contact.uuid},
        "journeys-step-remove": {"code": contact.uuid},
        "journeys-review": {"code": review.uuid},
        "journeys-review-print": {"code": review.uuid},
        "journeys-review-export": {"code": review.uuid},
    }
