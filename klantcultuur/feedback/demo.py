"""Demo feedback for Woonstichting Rivierduin: twelve months, about 100,000 responses
(settings.FEEDBACK_DEMO_RESPONSES).

Each team has its own touchpoint, metric, channels and topics (fitters: keeping
appointments and expertise; the contact centre: reachability and waiting times), with
seasons: heating failures in winter fill the fitters' agendas, summer holidays thin the
contact centre. Back-office teams hear from colleagues (internal customers). Comments are
composed from Dutch phrases and read by the real analyser; consenting detractors of the
last weeks have open, overdue and resolved follow-up cases.

Deterministic (a seeded generator, UUIDs derived from the day and position) and
idempotent: loading twice on one day changes nothing; on a later day the twelve months
move along and the demo responses are made again. Loaded through the bulk loader, the
analyser's follow-up and the roll-ups, as a real import is.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from klantcultuur.feedback import analysis, bulk, rollup
from klantcultuur.feedback.metrics import is_detractor
from klantcultuur.feedback.models import (
    CaseOutcome,
    CaseStatus,
    Feedback,
    FeedbackSettings,
    FollowUpCase,
    RoutingRule,
    Source,
    Touchpoint,
)
from klantcultuur.orgs.demo import ORG_SLUG, stable_uuid
from klantcultuur.orgs.models import Membership, Organization, OrgUnit

DAYS = 365
# The website's general contact form went live a few days ago and nobody routed it yet: a
# handful of its answers wait in the unrouted queue, and the list of forms flags it.
NEW_FORM = "Contactformulier website"
NEW_FORM_DAYS = 10
NEW_FORM_EVERY = 97  # one answer in so many of those days comes through it


@dataclass(frozen=True)
class Profile:
    code: str
    share: float  # of all responses
    metric: str
    touchpoint: str
    channels: tuple[tuple[str, float], ...]
    topics: dict[str, float]
    quality: float  # -1 (poor) .. 1 (excellent)
    internal: bool = False
    weekend: float = 0.25  # weekend volume relative to a weekday
    season: str = ""  # "heating", "summer", "renovation" or ""
    context: tuple[str, ...] = ()
    products: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """repair, contact, desk, housing, project or internal (which phrases fit)."""
        return KINDS.get(self.code, "internal" if self.internal else "housing")


KINDS = {"W-KC-A": "contact", "W-KC-B": "contact", "W-KC-BA": "desk", "V-RO-N": "repair",
         "V-RO-Z": "repair", "V-PO-P": "project", "V-PO-V": "project", "B-ICT-S": "ict",
         "B-ICT-I": "internal", "V-RO-P": "planning", "B-FIN-A": "finance", "B-FIN-C": "finance",
         "B-HR-A": "hr", "B-HR-S": "hr"}  # fmt: skip


PROFILES = [
    Profile("W-KC-A", 0.14, "ces", "Telefonisch contact", (("telefoon", .7), ("chat", .2), ("whatsapp", .1)),
            {"bereikbaarheid": 3, "wachttijd": 3, "vriendelijkheid": 2, "deskundigheid": 1.5, "communicatie": 1}, 0.25,
            season="summer", context=("Ik belde over een lekkage in de badkamer.", "Mijn vraag ging over de servicekosten.",
                                      "Ik wilde een reparatie melden.", "Het ging om mijn huurachterstand.")),
    Profile("W-KC-B", 0.14, "ces", "Telefonisch contact", (("telefoon", .7), ("chat", .2), ("whatsapp", .1)),
            {"bereikbaarheid": 3, "wachttijd": 3, "vriendelijkheid": 2, "deskundigheid": 1.5, "communicatie": 1}, 0.05,
            season="summer", context=("Ik belde over de afrekening servicekosten.", "Ik had een vraag over mijn huurcontract.",
                                      "Ik wilde een klacht over geluidsoverlast doorgeven.")),
    Profile("W-KC-BA", 0.04, "csat", "Bezoek aan de balie", (("balie", 1.0),),
            {"vriendelijkheid": 3, "wachttijd": 2, "deskundigheid": 1}, 0.55, weekend=0.0,
            context=("Ik kwam mijn sleutels ophalen.", "Ik moest een formulier inleveren.")),
    Profile("W-VH-T", 0.05, "nps", "Woningtoewijzing", (("e-mail", .8), ("website", .2)),
            {"communicatie": 3, "wachttijd": 2, "digitale_kanalen": 2, "vriendelijkheid": 1}, -0.05, weekend=0.1,
            context=("Ik heb een nieuwe woning gekregen.", "Ik stond lang ingeschreven.")),
    Profile("W-VH-I", 0.03, "csat", "Betalingsregeling", (("telefoon", .6), ("e-mail", .4)),
            {"communicatie": 3, "vriendelijkheid": 2, "afspraken_nakomen": 1.5, "prijs": 1}, 0.1, weekend=0.05,
            context=("Ik heb een betalingsregeling afgesproken.",)),
    Profile("W-WB-N", 0.035, "nps", "Contact met de woonconsulent", (("e-mail", .5), ("telefoon", .3), ("huisbezoek", .2)),
            {"communicatie": 3, "afspraken_nakomen": 2, "vriendelijkheid": 1.5, "kwaliteit": 1}, 0.1, weekend=0.1),
    Profile("W-WB-Z", 0.035, "nps", "Contact met de woonconsulent", (("e-mail", .5), ("telefoon", .3), ("huisbezoek", .2)),
            {"communicatie": 3, "afspraken_nakomen": 2, "vriendelijkheid": 1.5, "kwaliteit": 1}, -0.1, weekend=0.1),
    Profile("W-WB-C", 0.03, "nps", "Contact met de woonconsulent", (("e-mail", .5), ("telefoon", .3), ("huisbezoek", .2)),
            {"communicatie": 3, "afspraken_nakomen": 2, "vriendelijkheid": 1.5}, 0.2, weekend=0.1),
    Profile("W-WB-L", 0.02, "nps", "Melding overlast", (("telefoon", .5), ("e-mail", .5)),
            {"communicatie": 3, "afspraken_nakomen": 2, "wachttijd": 1.5}, -0.35, weekend=0.15),
    Profile("V-RO-N", 0.13, "nps", "Reparatie afgerond", (("sms", .7), ("e-mail", .3)),
            {"afspraken_nakomen": 3, "deskundigheid": 3, "kwaliteit": 2, "vriendelijkheid": 1.5, "wachttijd": 1.5}, 0.35,
            weekend=0.15, season="heating", products=("cv-ketel", "loodgieterswerk", "elektra", "hang- en sluitwerk")),
    Profile("V-RO-Z", 0.13, "nps", "Reparatie afgerond", (("sms", .7), ("e-mail", .3)),
            {"afspraken_nakomen": 3, "deskundigheid": 3, "kwaliteit": 2, "vriendelijkheid": 1.5, "wachttijd": 1.5}, 0.1,
            weekend=0.15, season="heating", products=("cv-ketel", "loodgieterswerk", "elektra", "dak en goten")),
    Profile("V-PO-P", 0.04, "nps", "Groot onderhoud", (("e-mail", .7), ("bewonersavond", .3)),
            {"communicatie": 3, "afspraken_nakomen": 2, "kwaliteit": 2}, -0.1, weekend=0.05, season="renovation"),
    Profile("V-PO-V", 0.035, "nps", "Verduurzaming", (("e-mail", .7), ("bewonersavond", .3)),
            {"communicatie": 3, "kwaliteit": 2, "afspraken_nakomen": 1.5, "prijs": 1}, 0.0, weekend=0.05, season="renovation"),
    Profile("V-VB-M", 0.05, "csat", "Oplevering woning", (("e-mail", 1.0),),
            {"kwaliteit": 3, "communicatie": 2, "afspraken_nakomen": 1}, 0.15, weekend=0.05),
    # Back office: colleagues are the customers.
    Profile("B-ICT-S", 0.03, "csat", "Melding servicedesk afgesloten", (("intranet", .7), ("e-mail", .3)),
            {"deskundigheid": 3, "bereikbaarheid": 2, "wachttijd": 2, "digitale_kanalen": 2}, 0.3, internal=True, weekend=0.02),
    Profile("V-RO-P", 0.025, "csat", "Interne dienstverlening", (("intranet", .6), ("e-mail", .4)),
            {"afspraken_nakomen": 3, "communicatie": 3, "wachttijd": 1}, -0.2, internal=True, weekend=0.02, season="heating"),
    Profile("V-VB-S", 0.006, "csat", "Interne dienstverlening", (("intranet", 1.0),),
            {"communicatie": 2, "deskundigheid": 2}, 0.2, internal=True, weekend=0.0),
    Profile("B-FIN-A", 0.01, "csat", "Interne dienstverlening", (("intranet", 1.0),),
            {"wachttijd": 2, "communicatie": 2, "deskundigheid": 1}, 0.1, internal=True, weekend=0.0),
    Profile("B-FIN-C", 0.005, "csat", "Interne dienstverlening", (("intranet", 1.0),),
            {"deskundigheid": 2, "communicatie": 2}, 0.3, internal=True, weekend=0.0),
    Profile("B-ICT-I", 0.006, "csat", "Interne dienstverlening", (("intranet", 1.0),),
            {"digitale_kanalen": 3, "communicatie": 2}, 0.0, internal=True, weekend=0.0),
    Profile("B-HR-A", 0.006, "csat", "Interne dienstverlening", (("intranet", 1.0),),
            {"deskundigheid": 2, "communicatie": 2, "vriendelijkheid": 1}, 0.3, internal=True, weekend=0.0),
    Profile("B-HR-S", 0.005, "csat", "Interne dienstverlening", (("intranet", 1.0),),
            {"communicatie": 2, "wachttijd": 1}, 0.2, internal=True, weekend=0.0),
    Profile("B-ST-I", 0.004, "csat", "Interne dienstverlening", (("intranet", 1.0),),
            {"wachttijd": 2, "communicatie": 2}, 0.0, internal=True, weekend=0.0),
    Profile("B-ST-B", 0.003, "csat", "Interne dienstverlening", (("intranet", 1.0),),
            {"vriendelijkheid": 2, "communicatie": 2}, 0.4, internal=True, weekend=0.0),
    Profile("B-ST-C", 0.004, "csat", "Interne dienstverlening", (("intranet", 1.0),),
            {"communicatie": 3}, 0.2, internal=True, weekend=0.0),
]  # fmt: skip

# Phrases per topic; "{who}" becomes the person the customer met (the fitter, the adviser,
# ...). A phrase tagged with kinds is only used for teams of that kind.
ANY = ("repair", "contact", "desk", "housing", "project", "internal")
PRAISE: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "wachttijd": [("Ik werd heel snel geholpen.", ANY), ("Binnen twee dagen was het geregeld.", ANY),
                  ("Supersnel opgelost!", ANY), ("Geen wachttijd aan de telefoon.", ("contact",)),
                  ("Vlot en zonder gedoe afgehandeld.", ANY), ("Dezelfde dag nog iemand langs gehad.", ("repair",))],
    "bereikbaarheid": [("Ik had meteen iemand aan de lijn.", ("contact", "internal")),
                       ("Goed bereikbaar, ook via de chat.", ("contact",)),
                       ("De telefoon werd direct opgenomen.", ("contact", "internal"))],
    "vriendelijkheid": [("De {who} was erg vriendelijk.", ANY), ("Heel vriendelijk en geduldig geholpen.", ANY),
                        ("Wat een aardige mevrouw aan de balie!", ("desk",)),
                        ("Vriendelijk en behulpzaam, echt top 👍", ANY), ("Super lieve {who}.", ANY)],
    "deskundigheid": [("De {who} wist precies wat er moest gebeuren.", ANY),
                      ("Vakkundig en netjes gerepareerd.", ("repair",)), ("Deskundig advies gekregen.", ANY),
                      ("Hij legde alles duidelijk uit, echt een vakman.", ("repair",)),
                      ("De {who} kon al mijn vragen beantwoorden.", ("contact", "desk", "housing", "internal"))],
    "communicatie": [("Ik werd goed op de hoogte gehouden.", ANY), ("Duidelijke informatie vooraf per mail.", ANY),
                     ("Fijn dat ik steeds een bericht kreeg over de voortgang.", ANY),
                     ("Heldere uitleg over wat er ging gebeuren.", ("project", "repair", "housing"))],
    "afspraken_nakomen": [("De {who} kwam precies op de afgesproken tijd.", ("repair", "project", "housing")),
                          ("Afspraak netjes nagekomen.", ANY), ("Ze kwamen op tijd, zoals beloofd.", ("repair", "project")),
                          ("Alles gebeurde zoals was afgesproken.", ANY), ("Ik werd teruggebeld zoals beloofd.", ("contact", "housing"))],
    "prijs": [("De kosten vielen mee.", ANY), ("Er werden geen onverwachte kosten gerekend.", ANY)],
    "kwaliteit": [("De reparatie is goed uitgevoerd.", ("repair",)),
                  ("Keurige afwerking en alles netjes opgeruimd.", ("repair", "project")),
                  ("De woning was schoon en in goede staat opgeleverd.", ("housing", "project"))],
    "digitale_kanalen": [("Via de website kon ik het makkelijk regelen.", ANY), ("Het portaal werkt prima.", ANY),
                         ("Handig dat het online kan.", ANY)],
}  # fmt: skip
COMPLAINTS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "wachttijd": [("Ik heb erg lang moeten wachten.", ANY), ("Het duurde drie weken voordat er iets gebeurde.", ANY),
                  ("Veel te lang gewacht op een reactie.", ANY), ("Pas na twee weken werd het opgelost.", ANY)],
    "bereikbaarheid": [("Ik hing twintig minuten in de wacht.", ("contact", "internal")),
                       ("Ik werd drie keer doorverbonden.", ("contact", "housing")),
                       ("Niemand nam de telefoon op.", ANY), ("Slecht bereikbaar, de chat was steeds offline.", ("contact",))],
    "vriendelijkheid": [("De {who} was kortaf.", ANY), ("Niet echt vriendelijk te woord gestaan.", ANY),
                        ("Ik voelde me niet serieus genomen.", ANY)],
    "deskundigheid": [("De {who} wist niet wat hij moest doen.", ("repair",)),
                      ("Ik kreeg van iedereen een ander antwoord.", ANY),
                      ("Ze konden mijn vraag niet beantwoorden.", ("contact", "desk", "housing", "internal"))],
    "communicatie": [("Ik heb nooit een terugkoppeling gekregen.", ANY),
                     ("Niemand liet me weten wat er ging gebeuren.", ANY), ("De brief was onduidelijk.", ("housing", "project")),
                     ("Ik moest zelf steeds achter de informatie aan.", ANY)],
    "afspraken_nakomen": [("De {who} kwam niet opdagen.", ("repair", "project", "housing")),
                          ("De afspraak werd op het laatste moment verzet.", ANY),
                          ("Er werd beloofd terug te bellen, maar dat is niet gebeurd.", ("contact", "housing", "desk")),
                          ("Ze kwamen twee uur te laat.", ("repair", "project"))],
    "prijs": [("De kosten waren veel hoger dan verwacht.", ANY), ("Ik vind de servicekosten te duur.", ("contact", "housing"))],
    "kwaliteit": [("De lekkage is nog steeds niet verholpen.", ("repair",)),
                  ("Slordig werk, de rommel bleef liggen.", ("repair", "project")),
                  ("De reparatie was na een week alweer kapot.", ("repair",)),
                  ("De woning was vies opgeleverd.", ("housing",))],
    "digitale_kanalen": [("Inloggen op de website lukte niet.", ANY), ("Het portaal werkt niet op mijn telefoon.", ANY),
                         ("Online kon ik mijn melding nergens kwijt.", ANY)],
}  # fmt: skip
SUGGESTIONS = {
    "wachttijd": ["Sneller reageren.", "Binnen een week langskomen."],
    "bereikbaarheid": ["Meer mensen aan de telefoon.", "Terugbellen in plaats van in de wacht zetten."],
    "vriendelijkheid": ["Iets meer geduld met oudere huurders."],
    "deskundigheid": ["Zorg dat de monteur de juiste onderdelen bij zich heeft.", "Eén vast aanspreekpunt."],
    "communicatie": ["Laat vooraf weten wanneer ze komen.", "Stuur een bericht als de planning verandert."],
    "afspraken_nakomen": ["Een tijdvak van twee uur in plaats van een hele dag.", "Gewoon doen wat jullie beloven."],
    "prijs": ["Duidelijk vooraf zeggen wat het kost."],
    "kwaliteit": ["Controleren of het echt opgelost is.", "Na afloop opruimen."],
    "digitale_kanalen": ["Een app om reparaties te melden.", "Zorg dat de website ook op de telefoon werkt."],
}  # fmt: skip
SEASON_COMPLAINTS = {
    "heating:planning": ["In de winterdrukte klopte de planning van de storingen niet.",
                         "Met al die cv-storingen kregen we de opdrachten veel te laat door."],
    "heating:repair": ["Drie dagen zonder verwarming gezeten voordat er iemand kwam.",
                "Midden in de kou was de cv-ketel kapot en niemand kon komen.",
                "Het is hier ijskoud en de monteur is nog steeds niet geweest."],
    "summer:contact": ["Door de vakantie kon niemand mijn vraag beantwoorden.",
               "In de zomer is er bijna niemand bereikbaar.", "Ik hing een half uur in de wacht tijdens de vakantieperiode."],
    "renovation:project": ["Tijdens de renovatie wisten we nooit wanneer ze kwamen.", "Wekenlang stof en lawaai zonder uitleg."],
}  # fmt: skip
SHORT_PRAISE = [
    "Top!",
    "Prima geholpen.",
    "Helemaal tevreden.",
    "Dikke duim 👍",
    "Prima service, dank jullie wel.",
]
# Back-office teams hear from colleagues; their phrases depend on the service.
INTERNAL = {
    "ict": {
        "praise": ["Mijn laptop was binnen een uur weer in orde.", "Goed meegedacht over mijn vraag.",
                   "De servicedesk was snel bereikbaar.", "Duidelijke uitleg over het nieuwe systeem.",
                   "Vriendelijk geholpen, ook al was het druk."],
        "complaints": ["Mijn ticket bleef een week liggen.", "Ik hing lang in de wacht bij de servicedesk.",
                       "Het wachtwoordportaal werkt niet op mijn telefoon.", "Niemand kon me vertellen wanneer het opgelost zou zijn."],
        "suggestions": ["Laat weten wanneer een ticket wordt opgepakt.", "Een handleiding op intranet."],
    },
    "planning": {
        "praise": ["Duidelijk teruggekoppeld wanneer de planning klaar was.", "Fijne samenwerking, alles werd goed uitgelegd.",
                   "De werkvoorbereiding had alle materialen klaarliggen."],
        "complaints": ["De planning klopte weer niet, de monteur stond voor een dichte deur.",
                       "Afspraken met de huurder werden niet doorgegeven.", "Ik hoorde pas achteraf dat de opdracht was gewijzigd."],
        "suggestions": ["Stuur een bericht als de planning verandert.", "Bel de huurder een dag van tevoren."],
    },
    "finance": {
        "praise": ["De facturen werden snel verwerkt.", "Heldere rapportage, precies wat ik nodig had."],
        "complaints": ["De factuur bleef lang op de plank liggen.", "Geen reactie op mijn mail aan de financiële administratie."],
        "suggestions": ["Een vast aanspreekpunt per afdeling."],
    },
    "hr": {
        "praise": ["Goed advies gekregen over mijn verlof.", "Snel en vriendelijk geholpen met mijn vraag."],
        "complaints": ["Mijn salarisstrook klopte niet en het duurde lang voor het hersteld was.", "Ik kreeg geen antwoord op mijn mail."],
        "suggestions": ["Duidelijkere informatie op intranet."],
    },
    "internal": {
        "praise": ["Fijne samenwerking.", "Snel en netjes geregeld.", "Goed meegedacht."],
        "complaints": ["Ik moest zelf steeds achter de informatie aan.", "Het duurde lang voordat ik antwoord kreeg."],
        "suggestions": ["Sneller reageren op interne vragen."],
    },
}  # fmt: skip
WHO = {"repair": "monteur", "contact": "klantadviseur", "desk": "medewerker", "housing": "consulent",
       "project": "opzichter"}  # fmt: skip


def _weights(low: int, high: int, base: list[float], quality: float) -> list[float]:
    middle = (low + high) / 2
    spread = (high - low) / 3 or 1
    return [
        w * math.exp(quality * (s - middle) / spread)
        for s, w in zip(range(low, high + 1), base, strict=True)
    ]


BASE: dict[str, tuple[int, int, list[float]]] = {"nps": (0, 10, [2, 1, 1.5, 2, 3, 5, 7, 14, 21, 22, 21]),
        "csat": (1, 5, [3, 6, 14, 42, 35]), "ces": (1, 7, [3, 4, 6, 10, 21, 30, 26])}  # fmt: skip


def _season(profile: Profile, day: date) -> tuple[float, float]:
    """(volume factor, quality shift) of a profile on a day."""
    if profile.season == "heating" and day.month in (12, 1, 2):
        return 1.6, -0.45
    if profile.season == "heating" and day.month in (11, 3):
        return 1.2, -0.15
    if profile.season == "summer" and day.month in (7, 8):
        return 0.9, -0.5
    if profile.season == "renovation" and day.month in (4, 5, 6, 9, 10):
        return 1.3, -0.2
    return 1.0, 0.0


@dataclass
class Generated:
    rows: list[tuple] = field(default_factory=list)
    channels: set[str] = field(default_factory=set)


class Composer:
    """Composes Dutch comments for a score, from the profile's topics."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def topic(self, profile: Profile) -> str:
        names = list(profile.topics)
        return self.rng.choices(names, weights=[profile.topics[n] for n in names])[0]

    def sentence(
        self, bank: dict[str, list[tuple[str, tuple[str, ...]]]], profile: Profile, avoid: str = ""
    ) -> tuple[str, str]:
        """(sentence, topic) from the bank, on a topic of the team (not `avoid`)."""
        kind = profile.kind
        for _attempt in range(8):
            topic = self.topic(profile)
            fitting = [text for text, kinds in bank.get(topic, []) if kind in kinds]
            if fitting and topic != avoid:
                return self.rng.choice(fitting).format(who=WHO[kind]), topic
        return self.rng.choice(SHORT_PRAISE), ""

    def internal_comment(self, profile: Profile, band: str, season_bad: bool) -> tuple[str, str]:
        rng = self.rng
        bank = INTERNAL[profile.kind]
        if band == "positive":
            reason = rng.choice(bank["praise"])
        elif band == "negative":
            seasonal = SEASON_COMPLAINTS.get(f"{profile.season}:{profile.kind}")
            reason = rng.choice(
                seasonal if season_bad and seasonal and rng.random() < 0.5 else bank["complaints"]
            )
        else:
            good, bad = rng.choice(bank["praise"]).rstrip(".!"), rng.choice(bank["complaints"])
            reason = f"{good}, maar {bad[0].lower()}{bad[1:]}"
        wants = {"positive": 0.1, "neutral": 0.5, "negative": 0.45}[band]
        return reason, rng.choice(bank["suggestions"]) if rng.random() < wants else ""

    def comment(self, profile: Profile, band: str, season_bad: bool) -> tuple[str, str]:
        if profile.internal:
            return self.internal_comment(profile, band, season_bad)
        rng = self.rng
        praise, complaints = PRAISE, COMPLAINTS
        parts: list[str] = []
        if band == "positive":
            first, topic = self.sentence(praise, profile)
            parts.append(first if rng.random() < 0.8 else rng.choice(SHORT_PRAISE))
            if rng.random() < 0.35:
                parts.append(self.sentence(praise, profile, avoid=topic)[0])
        elif band == "negative":
            if profile.context and rng.random() < 0.35:
                parts.append(rng.choice(profile.context))
            seasonal = SEASON_COMPLAINTS.get(f"{profile.season}:{profile.kind}")
            if season_bad and seasonal and rng.random() < 0.5:
                parts.append(rng.choice(seasonal))
                topic = ""
            else:
                sentence, topic = self.sentence(complaints, profile)
                parts.append(sentence)
            if rng.random() < 0.3:
                parts.append(self.sentence(complaints, profile, avoid=topic)[0])
        else:
            good, topic = self.sentence(praise, profile)
            bad, _topic = self.sentence(complaints, profile, avoid=topic)
            good = good.rstrip(".!👍 ")
            parts.append(f"{good}, maar {bad[0].lower()}{bad[1:]}")
        reason = " ".join(dict.fromkeys(parts))
        suggestion = ""
        wants = {"positive": 0.12, "neutral": 0.55, "negative": 0.45}[band]
        if rng.random() < wants:
            if band == "positive":
                suggestion = rng.choice(["Niets, ga zo door!", "Zo houden.", "Eigenlijk niets."])
            else:
                topic = self.topic(profile)
                suggestion = rng.choice(
                    SUGGESTIONS.get(topic, ["Beter luisteren naar de huurder."])
                )
        return reason, suggestion


def generate(units: dict[str, OrgUnit], today: date, now: datetime, seed: int = 2026) -> Generated:
    """All demo rows (ROW_FIELDS order) for the year up to `today`, deterministically."""
    rng = random.Random(seed)
    composer = Composer(rng)
    zone = ZoneInfo(settings.TIME_ZONE)
    out = Generated()
    first = today - timedelta(days=DAYS - 1)
    weights = {p.code: _weights(*BASE[p.metric], p.quality) for p in PROFILES}
    average_day = settings.FEEDBACK_DEMO_RESPONSES / DAYS / (5 / 7 + 2 / 7 * 0.15)
    index = 0
    for offset in range(DAYS):
        day = first + timedelta(days=offset)
        weekend = day.weekday() >= 5
        for profile in PROFILES:
            unit = units.get(profile.code)
            if unit is None:
                continue
            volume, shift = _season(profile, day)
            expected = average_day * profile.share * volume * (profile.weekend if weekend else 1.0)
            count = max(0, int(rng.gauss(expected, math.sqrt(expected) + 0.01) + 0.5))
            low, high, base = BASE[profile.metric]
            day_weights = (
                _weights(low, high, base, profile.quality + shift)
                if shift
                else weights[profile.code]
            )
            for _n in range(count):
                hour = rng.choice(
                    (8, 9, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 16, 17, 19, 20)
                )
                moment = datetime(
                    day.year,
                    day.month,
                    day.day,
                    hour,
                    rng.randrange(60),
                    rng.randrange(60),
                    tzinfo=zone,
                )
                if moment > now - timedelta(minutes=30):
                    continue
                score = rng.choices(range(low, high + 1), weights=day_weights)[0]
                band = _band(profile.metric, score)
                commented = (
                    rng.random() < {"negative": 0.85, "neutral": 0.7, "positive": 0.55}[band]
                )
                reason, suggestion = (
                    composer.comment(profile, band, shift < 0) if commented else ("", "")
                )
                channel = rng.choices(
                    [c for c, _w in profile.channels], weights=[w for _c, w in profile.channels]
                )[0]
                unrouted = (
                    offset >= DAYS - NEW_FORM_DAYS
                    and not profile.internal
                    and index % NEW_FORM_EVERY == 13
                )
                if unrouted:
                    channel = "website"
                consent = rng.random() < (0.5 if profile.internal else 0.3)
                reference = (
                    f"MW-{rng.randrange(1000, 9999)}"
                    if profile.internal
                    else f"H-{rng.randrange(100000, 999999)}"
                )
                team_code = "" if unrouted else profile.code
                out.channels.add(channel)
                out.rows.append(
                    (
                        stable_uuid(ORG_SLUG, "feedback", today.isoformat(), str(index)),
                        None if unrouted else unit.id,
                        moment,
                        day,
                        profile.metric,
                        score,
                        reason,
                        suggestion,
                        channel,
                        NEW_FORM if unrouted else profile.touchpoint,
                        rng.choice(profile.products) if profile.products else "",
                        "",
                        team_code,
                        f"demo-{today.isoformat()}-{index}",
                        "",
                        reference,
                        consent,
                        profile.internal,
                        "nl",
                    )
                )
                index += 1
    return out


def _band(metric: str, score: int) -> str:
    from klantcultuur.feedback.metrics import band

    return band(metric, score)


def _setup(org: Organization, units: dict[str, OrgUnit]) -> None:
    """Touchpoints with public forms and a few routing rules (idempotent)."""
    # (name, metric, channel, subject, owning team code, internal, English name, English subject)
    touchpoints = [
        (
            "Reparatie afgerond",
            "nps",
            "sms",
            "de monteur van Woonstichting Rivierduin",
            None,
            False,
            "Repair completed",
            "the Woonstichting Rivierduin technician",
        ),
        (
            "Telefonisch contact",
            "ces",
            "telefoon",
            "Woonstichting Rivierduin",
            None,
            False,
            "Phone call",
            "Woonstichting Rivierduin",
        ),
        (
            "Bezoek aan de balie",
            "csat",
            "balie",
            "onze balie",
            "W-KC-BA",
            False,
            "Visit to the front desk",
            "our front desk",
        ),
        (
            NEW_FORM,
            "nps",
            "website",
            "Woonstichting Rivierduin",
            None,
            False,
            "Website contact form",
            "Woonstichting Rivierduin",
        ),
        (
            "Melding servicedesk afgesloten",
            "csat",
            "intranet",
            "de Servicedesk ICT",
            "B-ICT-S",
            True,
            "Service desk ticket closed",
            "the ICT service desk",
        ),
    ]
    for name, metric, channel, subject, code, internal, name_en, subject_en in touchpoints:
        values = {
            "metric": metric,
            "channel": channel,
            "subject": subject,
            "name_en": name_en,
            "subject_en": subject_en,
            "team": units.get(code) if code else None,
            "is_internal": internal,
        }
        Touchpoint.objects.update_or_create(
            organization=org,
            name=name,
            defaults=values,
            create_defaults={**values, "uuid": stable_uuid(ORG_SLUG, "touchpoint", name)},
        )
    # The repair and phone forms are sent with a link per team (the planning system's sms
    # after a repair, the telephony's survey per queue): those answers carry their team. A
    # link without one goes to the department, whose manager passes it on.
    rules = [
        ("touchpoint", "Woningtoewijzing", "W-VH-T"),
        ("channel", "balie", "W-KC-BA"),
        ("touchpoint", "Oplevering woning", "V-VB-M"),
        ("touchpoint", "Reparatie afgerond", "V-RO"),
        ("touchpoint", "Telefonisch contact", "W-KC"),
    ]
    for position, (field_name, value, code) in enumerate(rules):
        RoutingRule.objects.update_or_create(
            organization=org,
            field=field_name,
            value=value,
            defaults={"team": units[code], "position": position},
            create_defaults={
                "team": units[code],
                "position": position,
                "uuid": stable_uuid(ORG_SLUG, "rule", field_name, value),
            },
        )
    analysis.topics_for(org)


def _cases(org: Organization, today: date, now: datetime, rng: random.Random) -> int:
    """Follow-up cases for consenting detractors of the last six weeks, in every state."""
    config = FeedbackSettings.for_organization(org)
    since = today - timedelta(days=42)
    detractors = [
        r
        for r in Feedback.objects.filter(
            organization=org, source=Source.DEMO, contact_consent=True, day__gte=since
        )
        .only("uuid", "team_id", "received_at", "metric", "score")
        .order_by("received_at", "uuid")
        if is_detractor(r.metric, r.score)
    ]
    handlers: dict[int, list[Membership]] = {}
    for member in Membership.objects.filter(organization=org, unit__isnull=False):
        if member.unit_id is not None:  # filtered above
            handlers.setdefault(member.unit_id, []).append(member)
    notes = {
        CaseOutcome.SOLVED: [
            "Gebeld; de monteur komt donderdag terug en is nu op de hoogte.",
            "Excuses gemaakt en een nieuwe afspraak ingepland.",
        ],
        CaseOutcome.EXPLAINED: [
            "Uitgelegd waarom de reparatie langer duurde; huurder begreep het."
        ],
        CaseOutcome.ACTION: ["Doorgezet als verbeteractie voor de planning van storingen."],
        CaseOutcome.UNREACHABLE: ["Drie keer gebeld, geen gehoor. Voicemail ingesproken."],
        CaseOutcome.DECLINED: ["Huurder wilde toch liever geen contact."],
    }
    outcomes = list(notes)
    cases = []
    for index, record in enumerate(detractors):
        due = record.received_at + timedelta(hours=config.case_due_hours)
        hours = (now - record.received_at).total_seconds() / 3600
        draw = rng.random()
        # Most older cases are resolved; a few still wait for their outcome and a few slipped
        # past their due time. Counted, not drawn: after a quiet weekend the last three days
        # may hold no case at all, and every state must still be there.
        if hours > 72:
            status = (
                CaseStatus.CONTACTED
                if index % 40 == 1
                else CaseStatus.OPEN
                if index % 40 == 2
                else CaseStatus.RESOLVED
            )
        elif hours > 24:
            status = (
                CaseStatus.RESOLVED
                if draw < 0.5
                else CaseStatus.CONTACTED
                if draw < 0.8
                else CaseStatus.OPEN
            )
        else:
            status = CaseStatus.CONTACTED if index % 3 == 0 else CaseStatus.OPEN
        case = FollowUpCase(
            uuid=stable_uuid(ORG_SLUG, "case", str(record.uuid)),
            organization=org,
            feedback_id=record.uuid,
            team_id=record.team_id,
            due_at=due,
            status=status,
            created_at=record.received_at,
        )
        if index % 3 == 0:  # a third left an address on the form to be answered by e-mail
            case.customer_email = _demo_address(index)
        people = handlers.get(record.team_id or 0, [])
        latest = now - timedelta(minutes=10)
        if status != CaseStatus.OPEN:
            contacted = min(record.received_at + timedelta(hours=rng.randrange(2, 40)), latest)
            case.contacted_at = contacted
            case.handled_by = rng.choice(people) if people else None
        if status == CaseStatus.RESOLVED:
            case.outcome = rng.choice(outcomes)
            case.note = rng.choice(notes[case.outcome])
            resolved = min(contacted + timedelta(hours=rng.randrange(1, 24)), latest)
            case.resolved_at = resolved
            if case.outcome in (CaseOutcome.UNREACHABLE, CaseOutcome.DECLINED):
                case.contacted_at = None
            if resolved < now - timedelta(days=config.contact_retention_days):
                case.customer_email = ""  # the daily retention has cleared it
        cases.append(case)
    FollowUpCase.objects.bulk_create(cases, batch_size=1000)
    answered = [
        c for c in cases if c.status == CaseStatus.CONTACTED and c.customer_email and c.handled_by
    ]
    _replies(org, answered[:3])
    return len(cases)


def _replies(org: Organization, cases: list[FollowUpCase]) -> None:
    """A few customers already had an e-mail from the default template, as sent."""
    from klantcultuur.feedback.models import CaseReply
    from klantcultuur.feedback.services.replies import reply_draft, reply_templates_ensure
    from klantcultuur.notify.models import Channel, Delivery, DeliveryStatus

    template = reply_templates_ensure(organization=org)[0]
    for case in cases:
        assert case.handled_by is not None and case.contacted_at is not None
        subject, body = reply_draft(case=case, template=template, sender=case.handled_by)
        body = body.replace(
            "[schrijf hier wat u gedaan of afgesproken heeft]",
            "de monteur komt deze week nog bij u langs om het af te maken",
        )
        delivery = Delivery.objects.create(
            organization=org,
            channel=Channel.EMAIL,
            to=case.customer_email,
            to_customer=True,
            reply_to=case.handled_by.user.email,
            subject=subject,
            body=body,
            status=DeliveryStatus.SENT,
            attempts=1,
            created_at=case.contacted_at,
            sent_at=case.contacted_at,
        )
        CaseReply.objects.create(
            uuid=stable_uuid(ORG_SLUG, "reply", str(case.uuid)),
            case=case,
            subject=subject,
            body=body,
            template_name=template.name,
            sent_by=case.handled_by,
            created_at=case.contacted_at,
            delivery=delivery,
        )


SURNAMES = ("dekker", "bos", "vermeulen", "hendriks", "smits", "van.dijk", "kok", "peters",
            "jacobs", "de.groot", "mulder", "willems", "van.leeuwen", "brouwer", "koster")  # fmt: skip


def _demo_address(index: int) -> str:
    """A made-up tenant's address on a reserved domain (never a real mailbox)."""
    initial = "abcdefghijklmnoprstw"[index % 20]
    return f"{initial}.{SURNAMES[index // 3 % len(SURNAMES)]}@example.org"


def _remove_demo_records(org: Organization) -> None:
    """Delete the previous demo responses with a few statements (no per-object cascade)."""
    from klantcultuur.feedback.models import CaseReply, FeedbackSentence
    from klantcultuur.notify.models import Delivery

    demo = Feedback.objects.filter(organization=org, source=Source.DEMO)
    sent = CaseReply.objects.filter(case__feedback__in=demo)
    Delivery.objects.filter(pk__in=list(sent.values_list("delivery_id", flat=True))).delete()
    FeedbackSentence.objects.filter(feedback__in=demo).delete()
    FollowUpCase.objects.filter(feedback__in=demo).delete()
    table = connection.ops.quote_name(Feedback._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE organization_id = %s AND source = %s", [org.id, Source.DEMO]
        )


def load() -> str:
    """Create or refresh the demo feedback; returns a one-line summary."""
    started = time.perf_counter()
    org = Organization.objects.get(slug=ORG_SLUG)
    units = {u.code: u for u in OrgUnit.objects.filter(organization=org)}
    now = timezone.now()
    today = timezone.localdate(now)
    _setup(org, units)
    marker = Feedback.objects.with_external_id(org.id, f"demo-{today.isoformat()}-0")
    if marker.exists():
        total = Feedback.objects.filter(organization=org, source=Source.DEMO).count()
        return f"{total:,} demo responses are up to date".replace(",", ".")
    with transaction.atomic():
        _remove_demo_records(org)
        rollup.rebuild(org.id)
        generated = generate(units, today, now)
        batch = bulk.Batch(org.id, None, Source.DEMO, now)
        loaded = bulk.load_feedback(bulk.blocks_of(generated.rows), batch=batch)
        demo_records = Feedback.objects.filter(organization=org, source=Source.DEMO)
        rollup.add_records(demo_records)
        config = FeedbackSettings.for_organization(org)
        config.channels = sorted(set(config.channels) | generated.channels)
        config.save(update_fields=["channels"])
    read = analysis.analyse_pending(demo_records, analysis.analyser_for(org))
    with transaction.atomic():
        cases = _cases(org, today, now, random.Random(f"{today}-cases"))
    seconds = time.perf_counter() - started

    def number(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    return (
        f"{number(loaded.inserted)} responses over twelve months ({number(read)} comments read), "
        f"{number(cases)} follow-up cases in {seconds:.1f} s"
    )
