"""Small builders the vision tests share."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from klantcultuur.vision.models import Behaviour, RecallCheck, VisionVersion
from klantcultuur.vision.services import writing

PROMISES = [
    ("We zijn bereikbaar en bellen terug", "Binnen een werkdag hoort u van ons."),
    ("Afspraak is afspraak", "We komen op de afgesproken tijd of laten het vooraf weten."),
    ("We geven een helder antwoord", "In gewone taal, met wat u kunt verwachten."),
    ("Eén aanspreekpunt regelt het", "Eén collega houdt uw vraag bij tot hij is opgelost."),
    ("We luisteren en doen er iets mee", "U hoort wat we met uw verbeterpunt deden."),
]


def draft(
    world,
    *,
    promises=PROMISES,
    text="Wij willen dat huurders zich thuis voelen.",
    title="Thuis bij De Linge",
    lineages=None,
) -> VisionVersion:
    lineages = lineages or [None] * len(promises)
    return writing.version_save(
        organization=world.org,
        title=title,
        text=text,
        by=world.cx_lead,
        promises=[
            writing.PromiseInput(t, e, lineage)
            for (t, e), lineage in zip(promises, lineages, strict=False)
        ],
    )


def published(world, **kwargs) -> VisionVersion:
    version = draft(world, **kwargs)
    writing.version_publish(version=version, by=world.cx_lead)
    version.refresh_from_db()
    return version


def behaviour(world, version, *, unit=None, name="Terugbellen binnen een werkdag") -> Behaviour:
    return Behaviour.objects.create(
        organization=world.org,
        promise=version.promises.first(),
        unit=unit,
        short_name=name,
        context="Bij elke vraag die ik niet direct kan beantwoorden",
        action="bel ik",
        target="de huurder",
        time="binnen een werkdag terug",
        created_by=world.cx_lead,
    )


def recall_check(world, version) -> RecallCheck:
    today = timezone.localdate()
    return RecallCheck.objects.create(
        organization=world.org,
        version=version,
        title="Welke beloftes ken je?",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=13),
    )
