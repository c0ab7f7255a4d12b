"""The demo organisation: Woonstichting Rivierduin, a Dutch housing corporation.

Deterministic (a seeded generator, UUIDs derived from natural keys) and idempotent:
loading twice leaves the same data. Later capabilities add their demo data through
their own `demo.py`, run after this one by the `load_demo` command.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Membership, Office, Organization, OrgUnit, Sector, UnitKind
from klantcultuur.orgs.roles import Role

NAMESPACE = uuid.UUID("5b0f3a52-6a63-4c1e-9d55-2f7c7b1c2026")
PASSWORD = "klantcultuur-demo"
DOMAIN = "rivierduin-demo.nl"
ORG_SLUG = "rivierduin"
JOINED = datetime(2025, 9, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))

FIRST_NAMES = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Emma",
    "Fleur",
    "Gijs",
    "Hanneke",
    "Iris",
    "Jan",
    "Joost",
    "Karin",
    "Lars",
    "Lotte",
    "Mark",
    "Maaike",
    "Niels",
    "Noor",
    "Olaf",
    "Petra",
    "Rik",
    "Roos",
    "Sander",
    "Saskia",
    "Tim",
    "Tessa",
    "Ruud",
    "Wendy",
    "Yara",
    "Youssef",
    "Zoë",
    "Bas",
    "Carla",
    "Dennis",
    "Esther",
    "Frank",
    "Gerda",
    "Henk",
    "Ilse",
    "Jeroen",
    "Kim",
    "Linda",
    "Marco",
    "Nicole",
    "Patrick",
    "Renate",
    "Sven",
    "Tanja",
    "Vincent",
    "Wouter",
    "Annemarie",
    "Barry",
    "Cor",
    "Dewi",
    "Erik",
    "Femke",
    "Gert",
    "Hilde",
    "Inge",
    "Jasper",
    "Kees",
    "Lisa",
    "Martijn",
    "Nadia",
    "Okke",
    "Priya",
    "Quinten",
    "Rachid",
    "Sevda",
    "Thijs",
    "Ufuk",
    "Vera",
    "Willem",
    "Xander",
    "Yvonne",
    "Zeynep",
    "Mohamed",
    "Fatma",
    "Hamza",
    "Ayoub",
    "Soufiane",
    "Mirjam",
    "Jolanda",
    "Gerrit",
    "Hans",
    "Ria",
    "Kevin",
    "Demi",
    "Stijn",
    "Sophie",
    "Ahmet",
    "Elif",
    "Mustafa",
    "Anouk",
    "Rob",
    "Marloes",
    "Pieter",
    "Sanne",
    "Marieke",
    "Dirk",
    "Evelien",
    "Jochem",
    "Sabine",
    "Ricardo",
    "Shanti",
    "Wilma",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "Kuipers",
    "van Wijk",
    "Postma",
    "Veenstra",
    "Kramer",
    "van den Brink",
    "Scholten",
    "Martens",
    "Vink",
    "de Ruiter",
    "Yılmaz",
    "El Amrani",
    "Bouzid",
    "Öztürk",
    "Nguyen",
    "Pinas",
    "Sardjoe",
    "Ramdin",
    "Kaya",
    "Şahin",
    "Boukhari",
    "Tahiri",
    "Wijnands",
    "Gerritsen",
    "Timmermans",
    "Evers",
    "Lammers",
    "Driessen",
    "van Rijn",
    "Hermans",
    "Kolk",
    "ter Horst",
]
INFIXES = ("van der", "van den", "van de", "van", "de", "ter", "te", "den", "in 't")


@dataclass(frozen=True)
class TeamSpec:
    code: str
    name: str
    office: str
    size: int
    jobs: tuple[str, ...]


# (code, name, [(department code, name, [teams])])
STRUCTURE = [
    ("W", "Wonen & Klant", [
        ("W-KC", "Klantcontact", [
            TeamSpec("W-KC-A", "Klantcontactcentrum Team A", Office.FRONT, 18, ("Klantadviseur",)),
            TeamSpec("W-KC-B", "Klantcontactcentrum Team B", Office.FRONT, 18, ("Klantadviseur",)),
            TeamSpec("W-KC-BA", "Balie & Ontvangst", Office.FRONT, 6, ("Medewerker balie & ontvangst",)),
        ]),
        ("W-VH", "Verhuur", [
            TeamSpec("W-VH-T", "Woonruimtebemiddeling", Office.FRONT, 10, ("Verhuurconsulent",)),
            TeamSpec("W-VH-I", "Huurincasso", Office.FRONT, 9, ("Medewerker huurincasso", "Schuldhulpconsulent")),
        ]),
        ("W-WB", "Wijkbeheer", [
            TeamSpec("W-WB-N", "Wijkteam Noord", Office.FRONT, 12, ("Woonconsulent", "Wijkbeheerder")),
            TeamSpec("W-WB-Z", "Wijkteam Zuid", Office.FRONT, 12, ("Woonconsulent", "Wijkbeheerder")),
            TeamSpec("W-WB-C", "Wijkteam Centrum", Office.FRONT, 10, ("Woonconsulent", "Wijkbeheerder")),
            TeamSpec("W-WB-L", "Leefbaarheid & Sociaal beheer", Office.FRONT, 8, ("Medewerker leefbaarheid",)),
        ]),
    ]),
    ("V", "Vastgoed & Onderhoud", [
        ("V-RO", "Reparatieonderhoud", [
            TeamSpec("V-RO-N", "Monteurs Noord", Office.FRONT, 20, ("Allround onderhoudsmonteur", "Monteur installatietechniek")),
            TeamSpec("V-RO-Z", "Monteurs Zuid", Office.FRONT, 20, ("Allround onderhoudsmonteur", "Monteur installatietechniek")),
            TeamSpec("V-RO-P", "Planning & Werkvoorbereiding", Office.BACK, 9, ("Planner", "Werkvoorbereider")),
        ]),
        ("V-PO", "Planmatig onderhoud", [
            TeamSpec("V-PO-P", "Projecten Planmatig Onderhoud", Office.FRONT, 10, ("Projectleider", "Opzichter", "Bewonersconsulent")),
            TeamSpec("V-PO-V", "Renovatie & Verduurzaming", Office.FRONT, 9, ("Projectleider verduurzaming", "Bewonersconsulent")),
        ]),
        ("V-VB", "Vastgoedbeheer", [
            TeamSpec("V-VB-M", "Mutatieonderhoud", Office.FRONT, 10, ("Opzichter mutaties", "Monteur")),
            TeamSpec("V-VB-S", "Vastgoedsturing", Office.BACK, 7, ("Assetmanager", "Vastgoedadviseur")),
        ]),
    ]),
    ("B", "Bedrijfsvoering", [
        ("B-FIN", "Financiën", [
            TeamSpec("B-FIN-A", "Financiële administratie", Office.BACK, 9, ("Financieel administratief medewerker",)),
            TeamSpec("B-FIN-C", "Control & Rapportage", Office.BACK, 6, ("Controller", "Business analist")),
        ]),
        ("B-ICT", "ICT & Informatie", [
            TeamSpec("B-ICT-S", "Servicedesk ICT", Office.BACK, 8, ("Servicedeskmedewerker",)),
            TeamSpec("B-ICT-I", "Informatiemanagement", Office.BACK, 7, ("Informatieanalist", "Functioneel beheerder")),
        ]),
        ("B-HR", "HR & Organisatie", [
            TeamSpec("B-HR-A", "HR-advies", Office.BACK, 6, ("HR-adviseur",)),
            TeamSpec("B-HR-S", "Salarisadministratie", Office.BACK, 5, ("Salarisadministrateur",)),
        ]),
        ("B-ST", "Staf & Inkoop", [
            TeamSpec("B-ST-I", "Inkoop & Contractbeheer", Office.BACK, 6, ("Inkoopadviseur", "Contractbeheerder")),
            TeamSpec("B-ST-B", "Bestuurssecretariaat", Office.BACK, 4, ("Bestuurssecretaris", "Managementassistent")),
            TeamSpec("B-ST-C", "Communicatie", Office.BACK, 5, ("Communicatieadviseur",)),
        ]),
    ]),
]  # fmt: skip

# The people whose logins the demo prints: one per role.
NAMED = {
    "admin": ("Sanne", "", "Kuipers", Role.ADMIN, "B-ICT-I", "Functioneel beheerder Klantcultuur"),
    "board": ("Marieke", "van den", "Berg", Role.BOARD, None, "Directeur-bestuurder"),
    "manager": ("Jeroen", "", "Bos", Role.MANAGER, "W-KC-A", "Teamleider Klantcontactcentrum"),
    "employee": ("Fatima", "", "El Amrani", Role.EMPLOYEE, "W-KC-A", "Klantadviseur"),
    "hr": ("Linda", "", "Hoekstra", Role.HR, "B-HR-A", "Senior HR-adviseur"),
    "cx_lead": ("Thomas", "de", "Graaf", Role.CX_LEAD, "W-KC", "CX-lead"),
}


def stable_uuid(*parts: str) -> uuid.UUID:
    """A UUID that is the same on every run for the same natural key."""
    return uuid.uuid5(NAMESPACE, ":".join(parts))


def email_for(first: str, infix: str, last: str, taken: set[str], domain: str = DOMAIN) -> str:
    base = f"{first}.{infix.replace(' ', '').replace(chr(39), '')}{last.replace(' ', '')}".lower()
    base = base.translate(str.maketrans("öışüéëçğ", "oisueecg"))
    candidate, n = base, 1
    while f"{candidate}@{domain}" in taken:
        n += 1
        candidate = f"{base}{n}"
    taken.add(f"{candidate}@{domain}")
    return f"{candidate}@{domain}"


def _user(email: str, first: str, infix: str, last: str, *, can_login: bool) -> User:
    user, _ = User.objects.update_or_create(
        email=email,
        defaults={"first_name": first, "infix": infix, "last_name": last},
        create_defaults={
            "first_name": first,
            "infix": infix,
            "last_name": last,
            "uuid": stable_uuid("user", email),
        },
    )
    if can_login and not user.check_password(PASSWORD):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user


def _member(
    org: Organization, user: User, role: str, unit: OrgUnit | None, job: str, start: date
) -> Membership:
    values = {
        "role": role,
        "unit": unit,
        "job_title": job,
        "start_date": start,
        "joined_at": JOINED,
        "archived_at": None,
    }
    membership, _ = Membership.objects.update_or_create(
        user=user,
        organization=org,
        defaults=values,
        create_defaults={**values, "uuid": stable_uuid(org.slug, "member", user.email)},
    )
    return membership


def _unit(
    org: Organization, code: str, name: str, kind: str, office: str, parent: OrgUnit | None
) -> OrgUnit:
    values = {"name": name, "kind": kind, "office": office, "parent": parent, "archived_at": None}
    unit, _ = OrgUnit.objects.update_or_create(
        organization=org,
        code=code,
        defaults=values,
        create_defaults={**values, "uuid": stable_uuid(org.slug, "unit", code)},
    )
    return unit


def _organization(slug: str, name: str, sector: str) -> Organization:
    org, _ = Organization.objects.update_or_create(
        slug=slug,
        defaults={"name": name, "sector": sector},
        create_defaults={"name": name, "sector": sector, "uuid": stable_uuid("org", slug)},
    )
    return org


# Colleagues who joined recently (hrm's demo walks them through their onboarding): first,
# infix, last, team code, job, days since they started. They belong to the organisation from
# the first step, so every later demo (the scan's open wave) sees the same people.
RECENT_JOINERS = [
    ("Lotte", "", "Kramer", "W-KC-B", "Klantadviseur", 50),
    ("Youssef", "", "Amrani", "V-RO-N", "Allround onderhoudsmonteur", 36),
    ("Sanne", "de", "Wit", "W-KC-A", "Klantadviseur", 22),
]


def recent_joiner_email(first: str, infix: str, last: str) -> str:
    return f"{first}.{infix}{last}".lower().replace(" ", "") + "@rivierduin.example"


def recent_joiners_add(org: Organization) -> None:
    today = timezone.localdate()
    for first, infix, last, code, job, days in RECENT_JOINERS:
        team = OrgUnit.objects.filter(organization=org, code=code).first()
        if team is None:
            continue
        email = recent_joiner_email(first, infix, last)
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, first_name=first, infix=infix, last_name=last, uuid=stable_uuid("user", email)
        )
        Membership.objects.get_or_create(  # once: their start stays where it was
            user=user,
            organization=org,
            defaults={
                "uuid": stable_uuid(org.slug, "member", email),
                "role": Role.EMPLOYEE,
                "unit": team,
                "job_title": job,
                "start_date": today - timedelta(days=days),
                "joined_at": timezone.now() - timedelta(days=days),
            },
        )


@transaction.atomic
def load() -> dict[str, str]:
    """Create or refresh the demo organisations; returns the printed logins (role -> e-mail)."""
    rng = random.Random(2026)
    org = _organization(ORG_SLUG, "Woonstichting Rivierduin", Sector.HOUSING)
    taken: set[str] = set()
    logins: dict[str, str] = {}
    units: dict[str, OrgUnit] = {}

    def person(first, infix, last, role, unit, job, *, email=None) -> Membership:
        can_login = email is not None
        email = email or email_for(first, infix, last, taken)
        start = date(rng.randint(1996, 2025), rng.randint(1, 12), rng.randint(1, 28))
        return _member(
            org, _user(email, first, infix, last, can_login=can_login), role, unit, job, start
        )

    def random_name() -> tuple[str, str, str]:
        first = rng.choice(FIRST_NAMES)
        infix, last = _split_infix(rng.choice(LAST_NAMES))
        return first, infix, last

    for key, (first, infix, last, *_rest) in NAMED.items():
        logins[key] = email_for(first, infix, last, taken)

    def named(key: str, unit: OrgUnit | None) -> Membership:
        first, infix, last, role, _code, job = NAMED[key]
        return person(first, infix, last, role, unit, job, email=logins[key])

    named("board", None)
    for div_code, div_name, departments in STRUCTURE:
        back = all(t.office == Office.BACK for _c, _n, teams in departments for t in teams)
        div_office = Office.BACK if back else Office.FRONT
        division = units[div_code] = _unit(
            org, div_code, div_name, UnitKind.DIVISION, div_office, None
        )
        _set_manager(
            division, person(*random_name(), Role.BOARD, division, f"Directeur {div_name}")
        )
        for dep_code, dep_name, teams in departments:
            dep_office = (
                Office.BACK if all(t.office == Office.BACK for t in teams) else Office.FRONT
            )
            department = units[dep_code] = _unit(
                org, dep_code, dep_name, UnitKind.DEPARTMENT, dep_office, division
            )
            _set_manager(
                department, person(*random_name(), Role.MANAGER, department, f"Manager {dep_name}")
            )
            for spec in teams:
                team = units[spec.code] = _unit(
                    org, spec.code, spec.name, UnitKind.TEAM, spec.office, department
                )
                if spec.code == NAMED["manager"][4]:
                    leader = named("manager", team)
                else:
                    leader = person(*random_name(), Role.MANAGER, team, f"Teamleider {spec.name}")
                _set_manager(team, leader)
                for i in range(spec.size):
                    person(*random_name(), Role.EMPLOYEE, team, spec.jobs[i % len(spec.jobs)])
    for key in ("admin", "employee", "hr", "cx_lead"):
        unit_key = NAMED[key][4]
        assert unit_key is not None  # these four work in a unit
        named(key, units[unit_key])
    recent_joiners_add(org)

    # A second, small organisation: the CX lead also coaches a home-care organisation,
    # so the demo shows switching between organisations.
    other = _organization("lingehof", "Thuiszorg Lingehof", Sector.HEALTHCARE)
    root = _unit(other, "LH", "Thuiszorg Lingehof", UnitKind.DIVISION, Office.FRONT, None)
    for code, name in (
        ("LH-W", "Wijkverpleging West"),
        ("LH-O", "Wijkverpleging Oost"),
        ("LH-P", "Planning & Zorgbemiddeling"),
    ):
        office = Office.BACK if code == "LH-P" else Office.FRONT
        team = _unit(other, code, name, UnitKind.TEAM, office, root)
        for _i in range(7):
            first, infix, last = random_name()
            email = email_for(first, infix, last, taken, "lingehof-demo.nl")
            _member(
                other,
                _user(email, first, infix, last, can_login=False),
                Role.EMPLOYEE,
                team,
                "Wijkverpleegkundige" if office == Office.FRONT else "Zorgplanner",
                date(2019, 3, 1),
            )
    cx_user = User.objects.get(email=logins["cx_lead"])
    _member(other, cx_user, Role.CX_LEAD, None, "CX-coach (extern)", date(2024, 1, 1))
    return logins


def _split_infix(last: str) -> tuple[str, str]:
    for infix in INFIXES:
        if last.startswith(infix + " "):
            return infix, last[len(infix) + 1 :]
    return "", last


def _set_manager(unit: OrgUnit, manager: Membership) -> None:
    if unit.manager_id != manager.id:
        unit.manager = manager
        unit.save(update_fields=["manager"])
