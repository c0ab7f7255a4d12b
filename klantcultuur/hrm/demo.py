"""Demo HR of Woonstichting Rivierduin: per HR process an older document (from before the
first culture scan) and the current one, read against the published vision (some aligned,
some not), a few rated with an action; room to decide for three roles; three recent joiners
on their onboarding path. A second load adds nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from klantcultuur.hrm.models import HrDocument, JoinedVia, OnboardingPath, RoomToDecide
from klantcultuur.hrm.services.documents import document_add, rating_save
from klantcultuur.hrm.services.onboarding import buddy_set, path_start, room_add, step_done
from klantcultuur.huddle.models import Huddle
from klantcultuur.orgs.demo import ORG_SLUG, RECENT_JOINERS, recent_joiner_email
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


# Older versions (before the first culture scan): what HR had then, and its rating then.
OLDER_DAY = date(2025, 3, 3)
OLDER = {
    "job_profiles": ("Functieprofiel klantadviseur (2019)", 3),
    "vacancies": ("Vacaturetekst monteur (2022)", 2),
    "selection": ("Selectieprocedure (2021)", 3),
    "onboarding": ("Introductieprogramma (2020)", 4),
    "development": ("Opleidingsplan 2025", 3),
    "appraisal": ("Beoordelingsformulier (2018)", 4),
    "reward": ("Beloningsbeleid (2019)", 3),
    "empowerment": ("Mandaatregeling klantcontact (2023)", 2),
}

# Room to decide (beslisruimte) for three roles.
ROOMS = [
    ("employee", "Klantadviseur", "Een tegemoetkoming toekennen als wij een afspraak niet nakwamen", Decimal("150")),
    ("employee", "Klantadviseur", "Eigenaar blijven van een vraag tot die is opgelost, ook als andere afdelingen nodig zijn", None),
    ("employee", "Allround onderhoudsmonteur", "Kosteloos een extra bezoek inplannen om de reparatie dezelfde week af te ronden", None),
    ("employee", "Allround onderhoudsmonteur", "Klein materiaal kopen om de reparatie meteen af te maken", Decimal("75")),
    ("manager", "", "Een coulanceregeling treffen voor een huurder die door ons in de problemen kwam", Decimal("500")),
    ("manager", "", "Een incasso een maand aanhouden na een gesprek met de huurder", None),
]  # fmt: skip

# The organisation's recent joiners (orgs' demo makes them) and the onboarding steps they ticked.
TICKED = {
    "Lotte": ("vision", "behaviours", "stories", "room", "buddy"),
    "Youssef": ("vision", "behaviours", "stories", "room"),
    "Sanne": ("vision",),
}


def _documents(org: Organization, hr: Membership) -> int:
    if HrDocument.objects.filter(organization=org).exists():
        return 0
    due = timezone.localdate() + timedelta(days=60)
    older_at = timezone.make_aware(datetime.combine(OLDER_DAY, time(10)))
    for process, title, text, rating, action in DOCUMENTS:
        older_title, older_rating = OLDER[process]
        # The older version: the current text without its last line.
        older_text = "\n".join(text.split("\n")[:-1]) or text
        older = document_add(by=hr, process=process, title=older_title, text=older_text)
        rating_save(document=older, rating=older_rating, note="", action="", owner=None, due=None)
        HrDocument.objects.filter(pk=older.pk).update(created_at=older_at)
        document = document_add(by=hr, process=process, title=title, text=text)
        rating_save(
            document=document,
            rating=rating,
            note="",
            action=action,
            owner=hr if action else None,
            due=due if action else None,
        )
    return 2 * len(DOCUMENTS)


def _rooms(org: Organization) -> int:
    if RoomToDecide.objects.filter(organization=org).exists():
        return 0
    for role, job, what, amount in ROOMS:
        room_add(organization=org, role=role, job_title=job, what=what, amount=amount)
    return len(ROOMS)


def _newcomers(org: Organization) -> int:
    made = 0
    for first, infix, last, _code, _job, _days in RECENT_JOINERS:
        ticked = TICKED.get(first, ())
        membership = (
            Membership.objects.filter(
                organization=org, user__email=recent_joiner_email(first, infix, last)
            )
            .select_related("unit")
            .first()
        )
        if membership is None or membership.unit is None or membership.start_date is None:
            continue
        team, started = membership.unit, membership.start_date
        if OnboardingPath.objects.filter(membership=membership).exists():
            continue
        path = path_start(membership=membership, via=JoinedVia.IMPORT)
        buddy = (
            Membership.objects.active()
            .filter(organization=org, unit=team, role=Role.EMPLOYEE)
            .exclude(id=membership.id)
            .order_by("user__first_name")
            .first()
        )
        if buddy is not None:
            buddy_set(path=path, buddy=buddy)
        # Their first dagstarts since they started, as the board recorded them.
        for huddle in Huddle.objects.filter(unit=team, day__gte=started).order_by("day")[:4]:
            huddle.attendees.add(membership)
        for step in ticked:
            step_done(path=path, step=step)
        made += 1
    return made


def load() -> str:
    org = Organization.objects.filter(slug=ORG_SLUG).first()
    if org is None:
        return ""
    hr = Membership.objects.filter(organization=org, role=Role.HR).order_by("id").first()
    if hr is None:
        return ""
    with transaction.atomic():
        documents = _documents(org, hr)
        rooms = _rooms(org)
        newcomers = _newcomers(org)
    if not (documents or rooms or newcomers):
        return "already loaded"
    return f"{documents} HR documents, {rooms} rooms to decide, {newcomers} onboarding paths"
