"""Demo data of customer journeys for Woonstichting Rivierduin.

Three journeys (Reparatieverzoek, Verhuizen, Huurachterstand) over the teams whose feedback
the feedback demo loads, with front- and back-office steps and moments of truth; a held
review of the repair journey last quarter with minutes and decisions that are improvement
actions on the teams' boards; the next review of every journey planned; and the board's
business case. A second load adds nothing (the journeys are looked up by name).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from klantcultuur.feedback.models import Touchpoint
from klantcultuur.journeys.models import BusinessCase, Journey
from klantcultuur.journeys.services import journeys as services
from klantcultuur.journeys.services import reviews
from klantcultuur.orgs.demo import ORG_SLUG
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Role

# (phase, step, team code, metric, target, touchpoint, internal customer, moment of truth)
JOURNEYS = {
    ("Reparatieverzoek", "Van melding tot verholpen gebrek: de klantreis waar huurders ons het "
     "vaakst in tegenkomen."): [
        ("Melden", "Reparatie melden (telefoon, chat)", "W-KC-A", "ces", 70, "Telefonisch contact", "", False),
        ("Melden", "Reparatie melden (avond en weekend)", "W-KC-B", "ces", 70, "Telefonisch contact", "", False),
        ("Plannen", "Werkbon voorbereiden en afspraak plannen", "V-RO-P", "csat", 75, "", "Monteurs Noord en Zuid", False),
        ("Uitvoeren", "Monteur aan de deur (Noord)", "V-RO-N", "nps", 30, "Reparatie afgerond", "", True),
        ("Uitvoeren", "Monteur aan de deur (Zuid)", "V-RO-Z", "nps", 30, "Reparatie afgerond", "", True),
    ],
    ("Verhuizen", "Van woning zoeken tot thuis zijn in de nieuwe buurt."): [
        ("Zoeken en toewijzen", "Woning toegewezen", "W-VH-T", "nps", 10, "", "", True),
        ("Zoeken en toewijzen", "Vragen aan de balie", "W-KC-BA", "csat", 85, "Bezoek aan de balie", "", False),
        ("Sleutel en oplevering", "Oplevering van de woning", "V-VB-M", "csat", 80, "", "", True),
        ("Sleutel en oplevering", "Eindafrekening vorige huurder", "B-FIN-A", "csat", 75, "", "Verhuur en Mutatieonderhoud", False),
        ("Wonen", "Kennismaking met de woonconsulent", "W-WB-N", "nps", 20, "", "", False),
    ],
    ("Huurachterstand", "Van eerste gemiste huur tot een betaalbare regeling, zonder "
     "ontruiming."): [
        ("Signaleren", "Herinnering en eerste contact", "W-VH-I", "csat", 70, "", "", True),
        ("Signaleren", "Vragen over de huurnota", "W-KC-B", "ces", 70, "Telefonisch contact", "", False),
        ("Oplossen", "Huisbezoek bij zorgen", "W-WB-L", "nps", 0, "", "", True),
        ("Oplossen", "Betalingsregeling verwerken", "B-FIN-A", "csat", 75, "", "Huurincasso", False),
    ],
}  # fmt: skip

MINUTES = (
    "Kwartaalreview klantreis Reparatieverzoek.\n"
    "De monteurs scoren goed op vakmanschap en vriendelijkheid; de NPS in Zuid blijft achter "
    "doordat afspraken worden verzet zonder dat de huurder het hoort. De planning krijgt van "
    "de monteurs een onvoldoende op het nakomen van afspraken (werkbonnen zonder materiaal).\n"
    "Besloten: huurders krijgen bij elke verzetting een sms met een nieuwe tijd, en planning "
    "en monteurs houden twee weken een gezamenlijke dagstart over werkbonnen."
)
DECISIONS = [
    ("V-RO-Z", "Monteur aan de deur (Zuid)", "Sms bij elke verzette afspraak",
     "Huurders horen het niet als hun afspraak verschuift. Bij elke verzetting krijgt de "
     "huurder dezelfde dag een sms met het nieuwe tijdvak."),
    ("V-RO-P", "Werkbon voorbereiden en afspraak plannen", "Werkbon compleet met materiaal",
     "Monteurs staan te vaak zonder het juiste materiaal voor de deur. Planning en monteurs "
     "houden twee weken een gezamenlijke dagstart en maken een checklist voor de werkbon."),
]  # fmt: skip


def load() -> str:
    org = Organization.objects.filter(slug=ORG_SLUG).first()
    if org is None:
        return ""
    if Journey.objects.filter(organization=org).exists():
        return "already loaded"
    with transaction.atomic():
        return _load(org)


def _load(org: Organization) -> str:
    today = timezone.localdate()
    teams = {u.code: u for u in OrgUnit.objects.filter(organization=org)}
    touchpoints = {t.name: t for t in Touchpoint.objects.filter(organization=org)}
    board = Membership.objects.filter(organization=org, role=Role.BOARD).order_by("id").first()
    cx_lead = Membership.objects.filter(organization=org, role=Role.CX_LEAD).first()
    journeys: dict[str, Journey] = {}
    steps = 0
    for (name, description), rows in JOURNEYS.items():
        journey = services.journey_create(organization=org, name=name, description=description)
        journey.owner = cx_lead
        journey.save(update_fields=["owner"])
        journeys[name] = journey
        for phase, step, code, metric, target, touchpoint, internal, moment in rows:
            if code not in teams:
                continue
            services.step_add(
                journey=journey,
                phase_name=phase,
                name=step,
                team=teams[code],
                metric=metric,
                target=Decimal(target),
                touchpoints=[touchpoints[touchpoint]] if touchpoint in touchpoints else [],
                is_internal=bool(internal),
                internal_customer=internal,
                moment_of_truth=moment,
            )
            steps += 1
    # Last quarter's review of the repair journey: held (its agenda frozen), then decided.
    repair = journeys["Reparatieverzoek"]
    held_on = today - timedelta(days=21)
    review = reviews.review_plan(journey=repair, planned_for=held_on, today=held_on)
    decided = 0
    if board is not None:
        reviews.review_hold(
            review=review,
            by=board,
            minutes=MINUTES,
            held_on=held_on,
            attendees="Marieke van den Berg (bestuur), Thomas de Graaf (CX-lead), teamleiders "
            "Monteurs Noord, Monteurs Zuid en Planning & Werkvoorbereiding",
        )
        for code, step_name, title, text in DECISIONS:
            decided_on = repair.steps.filter(name=step_name).first()
            if decided_on is None:
                continue
            owner = teams[code].manager
            reviews.decision_add(
                review=review,
                by=board,
                title=title,
                text=text,
                step=decided_on,
                owner=owner,
                due_date=today + timedelta(days=30),
            )
            decided += 1
    reviews.reviews_plan_due(today=today, journeys=list(journeys.values()))
    BusinessCase.objects.get_or_create(
        organization=org,
        defaults={
            "customers": 14_600,
            "churn_percent": Decimal("7.5"),
            "revenue_per_customer": Decimal("8160"),
            "acquisition_cost": Decimal("3400"),
            "scenario_percent": 10,
            "updated_by": board,
        },
    )
    return f"{len(journeys)} journeys, {steps} steps, 1 held review, {decided} decisions"
