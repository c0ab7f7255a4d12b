"""A journey over the test world's teams, with feedback through the real services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.journeys.services import journeys as services


def repair_journey(world):
    """Three steps: contact (front team, NPS), planning (back team, internal CSAT), repair."""
    journey = services.journey_create(organization=world.org, name="Reparatieverzoek")
    contact = services.step_add(
        journey=journey,
        phase_name="Melden",
        name="Melding doen",
        team=world.team,
        metric="nps",
        target=Decimal("20"),
        moment_of_truth=True,
    )
    planning = services.step_add(
        journey=journey,
        phase_name="Plannen",
        name="Afspraak inplannen",
        team=world.back_team,
        metric="csat",
        target=Decimal("80"),
        is_internal=True,
        internal_customer="Monteurs",
    )
    return journey, contact, planning


def feed(world, days_ago: int = 2):
    """Customers of the front team (NPS) and colleagues of the back team (CSAT)."""
    moment = timezone.now() - timedelta(days=days_ago)
    front = [
        item(
            received_at=moment,
            score=s,
            team_id=world.team.id,
            reason="De monteur kwam te laat." if s < 7 else "Vriendelijk geholpen.",
        )
        for s in (10, 9, 9, 8, 7, 3, 2, 6, 10, 5)
    ]
    back = [
        item(
            received_at=moment, metric="csat", score=s, team_id=world.back_team.id, is_internal=True
        )
        for s in (5, 4, 2, 3, 5, 4, 1, 2)
    ]
    return ingest(world.org, *front, *back)
