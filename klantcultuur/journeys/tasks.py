"""Background entry points of the journeys app; they call services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from klantcultuur.journeys.services.reviews import reviews_plan_due


@shared_task(name="journeys.plan_reviews")
def plan_reviews() -> int:
    """Plan the next review of every journey without one (holding a review plans the next)."""
    return reviews_plan_due(today=timezone.localdate())
