"""Demo HR documents of Woonstichting Rivierduin: one per HR process, read against the
published vision (some aligned, some not), a few rated with an action. A second load adds
nothing."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from klantcultuur.hrm.models import HrDocument
from klantcultuur.hrm.services.documents import document_add, rating_save
from klantcultuur.orgs.demo import ORG_SLUG
from klantcultuur.orgs.models import Membership, Organization
from klantcultuur.orgs.roles import Role

# (process, title, text, rating, action)
DOCUMENTS = [
    ("job_profiles", "Functieprofiel klantadviseur (2025)",
     "Functieprofiel klantadviseur\nJe bent het eerste aanspreekpunt voor huurders aan de telefoon en in de chat.\n"
     "Je belt huurders binnen een werkdag terug, ook als je het antwoord nog niet hebt.\n"
     "Je legt in gewone taal uit wat de huurder kan verwachten en wanneer.\n"
     "Je hebt een afgeronde mbo-opleiding op niveau 4 en ervaring in een klantcontactcentrum.",
     4, ""),
    ("vacancies", "Vacaturetekst monteur",
     "Wij zoeken een allround onderhoudsmonteur.\nJe voert reparaties uit in de woningen van onze huurders.\n"
     "Je hebt een VCA-diploma en een rijbewijs B.\nWij bieden een bus van de zaak en een goede cao.",
     2, "Vacaturetekst aanvullen met 'afspraak is afspraak' en hoe we huurders vooraf laten weten als we later komen."),
    ("selection", "Gespreksleidraad selectie",
     "Vraag naar een situatie waarin de kandidaat een afspraak met een klant niet kon nakomen: wat deed hij vooraf?\n"
     "Vraag hoe de kandidaat een moeilijk antwoord in gewone taal uitlegt.\nBeoordeel motivatie en vakkennis.",
     4, ""),
    ("onboarding", "Inwerkprogramma nieuwe collega's",
     "Week 1: kennismaking met het team en de systemen.\nWeek 2: meelopen met een ervaren collega.\n"
     "Week 3: eerste eigen klantcontacten onder begeleiding.",
     2, "De klantbeloftes en het gedrag van de rol een plaats geven in week 1, met een ambassadeur als buddy."),
    ("development", "Opleidingsplan 2026",
     "Alle klantadviseurs volgen de training 'Helder schrijven in gewone taal'.\n"
     "Teamleiders volgen een leergang coachend leidinggeven.",
     3, ""),
    ("appraisal", "Gesprekscyclus",
     "In het jaargesprek bespreken medewerker en leidinggevende de resultaten en de doelen.\n"
     "De beoordeling gaat over productiviteit en het aantal afgehandelde werkorders.",
     1, "Beoordeling aanvullen met klantgedrag: terugbellen, afspraken nakomen, wat we met verbeterpunten doen."),
    ("reward", "Beloningsbeleid",
     "Beloning volgt de cao Woondiensten.\nEen eenmalige beloning is mogelijk bij bijzondere inzet.",
     2, ""),
    ("empowerment", "Beslisruimte klantadviseurs en monteurs",
     "Een klantadviseur mag zonder overleg een tegemoetkoming tot 150 euro toekennen als een afspraak niet is nagekomen.\n"
     "Een monteur mag een extra bezoek inplannen om de reparatie dezelfde week af te ronden.\n"
     "Eén collega blijft aanspreekpunt tot de vraag van de huurder is opgelost, ook als andere afdelingen nodig zijn.",
     4, ""),
]  # fmt: skip


def load() -> str:
    org = Organization.objects.filter(slug=ORG_SLUG).first()
    if org is None:
        return ""
    if HrDocument.objects.filter(organization=org).exists():
        return "already loaded"
    hr = Membership.objects.filter(organization=org, role=Role.HR).order_by("id").first()
    if hr is None:
        return ""
    due = timezone.localdate() + timedelta(days=60)
    with transaction.atomic():
        for process, title, text, rating, action in DOCUMENTS:
            document = document_add(by=hr, process=process, title=title, text=text)
            rating_save(
                document=document,
                rating=rating,
                note="",
                action=action,
                owner=hr if action else None,
                due=due if action else None,
            )
    return f"{len(DOCUMENTS)} HR documents"
