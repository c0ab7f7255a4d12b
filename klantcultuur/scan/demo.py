"""Demo data of the culture scan for Woonstichting Rivierduin (run after the organisation demo).

Two closed waves a year apart, each with a stored report, and a short pulse survey that is
open now, so that every report page, the running-wave page and the form have something to
show. Answers come from a small generative model with believable patterns:

- managers rate their own example behaviour clearly higher than their employees do;
- back-office teams are weaker on team customer steering (klantsturing in teams);
- the department Wijkbeheer is full of pullers;
- between the waves the customer vision improved everywhere, and team steering improved a
  lot in Klantcontact after the daily huddle was introduced (real changes);
- own intention and behaviour go more with colleagues' norms than with the leader's example;
- a few small teams answer too little, so suppression is visible in every report.

Deterministic (seeded generator, UUIDs from natural keys) and idempotent: the demo waves are
rebuilt from scratch on every run and come out the same.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from klantcultuur.lib.jobs import JobStatus
from klantcultuur.lib.tokens import token_hash
from klantcultuur.orgs.demo import NAMED, ORG_SLUG, email_for, stable_uuid
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.scan import pooling
from klantcultuur.scan.models import (
    Invitation,
    OpenLink,
    QuestionnaireVersion,
    Response,
    Wave,
    WaveReport,
)
from klantcultuur.scan.questionnaire import customise, get_version, to_json
from klantcultuur.scan.services import report_compute, standard_version
from klantcultuur.scan.services.waves import invitation_token, respondent_role

ZONE = ZoneInfo("Europe/Amsterdam")

# Mean per scale in the first wave (before reverse keying: the level of the construct).
BASE = {"VIS": 2.95, "LEI": 3.2, "HRM": 2.8, "STU": 2.75, "LUI": 3.1, "DRA": 3.0, "KGO": 3.4,
        "VBZ": 4.2, "VBM": 2.95, "NRM": 3.2, "INT": 3.9, "GED": 3.5, "VER": 3.35}  # fmt: skip
# Change from the first to the second wave, organisation-wide.
CHANGE = {"VIS": 0.35, "LEI": 0.15, "HRM": 0.1, "STU": 0.2, "VBM": 0.25, "NRM": 0.1}
# Culture level of each team (added to every scale) and special patterns.
TEAM_LEVEL = {
    "W-KC-A": 0.15, "W-KC-B": -0.1, "W-KC-BA": 0.0, "W-VH-T": 0.2, "W-VH-I": -0.2,
    "W-WB-N": 0.3, "W-WB-Z": 0.25, "W-WB-C": 0.3, "W-WB-L": 0.2,
    "V-RO-N": -0.2, "V-RO-Z": -0.35, "V-RO-P": -0.25, "V-PO-P": 0.1, "V-PO-V": 0.2,
    "V-VB-M": -0.1, "V-VB-S": -0.15,
}  # fmt: skip
BACK_OFFICE_STEERING = -0.75
PULLER_DEPARTMENT = "W-WB"
HUDDLE_DEPARTMENT = "W-KC"  # introduced the daily huddle between the waves
HUDDLE_GAIN = 0.55
# Teams that answered poorly (share answering), so their figures are suppressed.
LOW_RESPONSE = {"B-HR-S": 0.55, "W-KC-BA": 0.6, "V-VB-S": 0.7}

OWN_ITEMS = [
    {"code": "EIG1", "section": "eigen", "type": "likert", "audience": "all", "reverse": False,
     "text": {"nl": "Ik weet bij wie ik terechtkan als de klacht van een huurder blijft hangen.",
              "en": "I know whom to turn to when a tenant's complaint gets stuck."}},
    {"code": "EIG2", "section": "eigen", "type": "likert", "audience": "all", "reverse": True,
     "text": {"nl": "Bij ons wint de procedure het vaak van wat de huurder nodig heeft.",
              "en": "Here the procedure often wins over what the tenant needs."}},
    {"code": "EIG3", "section": "eigen", "type": "likert", "audience": "all", "reverse": False,
     "text": {"nl": "Ik hoor terug wat er met verbeterpunten van huurders gebeurt.",
              "en": "I hear back what happens to tenants' improvement points."}},
]  # fmt: skip

ANSWERS = {
    "OPN1": [
        "Op te laat komen bij afspraken met huurders.",
        "Als iemand een huurder niet terugbelt, wordt daar wel wat van gezegd.",
        "Eigenlijk spreken we elkaar weinig aan, dat vinden we lastig.",
        "Op het netjes invullen van het systeem, minder op hoe de bewoner het ervaart.",
        "Op collegialiteit: je laat een collega niet alleen met een boze huurder.",
        "Op de productiecijfers en de doorlooptijd van reparaties.",
        "Op de regels en procedures, niet op wat de klant nodig heeft.",
        "We spreken elkaar aan op de afspraken uit de dagstart.",
    ],
    "OPN2": [
        "Het verhaal van de monteur die op zaterdag terugkwam voor een oudere bewoner.",
        "Vooral verhalen over lastige huurders en klachten.",
        "Hoe een collega een huurder met schulden samen met de wijkconsulent heeft geholpen.",
        "De complimenten van bewoners worden in de dagstart voorgelezen.",
        "Eerlijk gezegd vertellen we weinig verhalen over klanten.",
        "Over de renovatie waarbij bewoners zelf mochten meebeslissen.",
    ],
    "OPN3": [
        "Dat je je aan de procedures moet houden.",
        "Dat de huurder centraal staat, maar dat het hier druk is.",
        "Dat je het systeem goed moet bijhouden.",
        "Dat je altijd een collega kunt vragen als je er niet uitkomt.",
        "Dat klanten vaak boos zijn en dat je dat niet persoonlijk moet nemen.",
        "Hoe je een bewoner netjes te woord staat en terugbelt als je het beloofd hebt.",
    ],
    "OPN4": [
        "Tijd: de werkdruk is hoog en de achterstand groeit.",
        "Betere systemen, we werken met drie systemen naast elkaar.",
        "Meer ruimte om zelf te beslissen zonder eerst toestemming te vragen.",
        "Samenwerking tussen klantcontact en de monteurs, de overdracht gaat vaak mis.",
        "Waardering van leidinggevenden als het goed gaat.",
        "Terugkoppeling over wat er met klachten van huurders gebeurt.",
        "Training in lastige gesprekken met bewoners.",
        "Dat de directie vaker op de werkvloer komt en het goede voorbeeld geeft.",
        "Minder regels en meer vertrouwen in de medewerkers.",
        "Betere informatie voor huurders over de planning van onderhoud.",
        "Voldoende bezetting, we zijn al maanden onderbezet.",
        "Dat afdelingen niet langer op eilandjes werken.",
    ],
}


def _uuid(*parts: str) -> uuid.UUID:
    return stable_uuid(ORG_SLUG, "scan", *parts)


def _own_version(org: Organization) -> QuestionnaireVersion:
    """Rivierduin's own copy: the standard version with three questions of its own."""
    base = standard_version()
    key = f"{org.slug}-1"
    found = QuestionnaireVersion.objects.filter(key=key).first()
    if found is not None:
        return found
    standard = get_version(base.questionnaire["version"])
    section = {
        "key": "eigen",
        "title": {"nl": "Eigen vragen", "en": "Our own questions"},
        "intro": {
            "nl": f"Vragen die {org.name} zelf heeft toegevoegd.",
            "en": f"Questions {org.name} added itself.",
        },
    }
    title = {lang: f"{standard['title'][lang]} · {org.name}" for lang in ("nl", "en")}
    q = customise(standard, key, items=OWN_ITEMS, sections=[section], title=title)
    return QuestionnaireVersion.objects.create(
        uuid=_uuid("questionnaire", key),
        organization=org,
        key=key,
        number=1,
        based_on=base,
        content=to_json(q),
    )


class Generator:
    """Answers of one person, from scale levels plus team, person and item noise."""

    def __init__(self, rng: random.Random, q: dict) -> None:
        self.rng = rng
        self.q = q
        self.items = [item for item in q["items"] if item["type"] != "open"]

    def levels(self, team: str, department: str, office: str, role: str, wave: int) -> dict:
        rng = self.rng
        person = rng.gauss(0, 0.4)
        team_level = TEAM_LEVEL.get(team, -0.2 if office == "back" else 0.0)
        level = {}
        for code, base in BASE.items():
            value = base + team_level + person + rng.gauss(0, 0.3)
            if wave == 2:
                value += CHANGE.get(code, 0.0)
                if code == "STU" and department == HUDDLE_DEPARTMENT:
                    value += HUDDLE_GAIN
            if code == "STU" and office == "back":
                value += BACK_OFFICE_STEERING
            if code == "VER" and department == PULLER_DEPARTMENT:
                value += 0.9
            if role == "manager" and code not in ("VBZ", "VBM"):
                value += 0.25
            level[code] = value
        if role == "manager":
            level["VBZ"] = 4.25 + rng.gauss(0, 0.35)  # managers think well of their example
        # Own intention and behaviour go more with the norms of peers than with the leader.
        leader = level["VBM"] if role == "employee" else level["VBZ"]
        for code, constant in (("INT", 1.6), ("GED", 1.1)):
            level[code] = constant + 0.15 * leader + 0.55 * level["NRM"] + rng.gauss(0, 0.3)
        level["EIG"] = level["STU"] * 0.5 + level["LUI"] * 0.5
        return level

    def answers(self, level: dict, role: str, wave: int) -> dict[str, int]:
        rng = self.rng
        out: dict[str, int] = {}
        for item in self.items:
            audience = item["audience"]
            if audience != "all" and audience != f"{role}s":
                continue
            if item["type"] == "choice":
                weights = [5, 30, 38, 22, 5] if wave == 1 else [5, 18, 28, 40, 9]
                out[item["code"]] = rng.choices(range(5), weights)[0]
                continue
            draw = rng.random()
            if draw < 0.03:
                continue  # skipped
            if draw < 0.06:
                out[item["code"]] = 0  # "weet ik niet"
                continue
            # An organisation's own example behaviour follows the standard example items.
            scale = item["scale"] or {"self": "VBZ", "seen": "VBM"}.get(
                item.get("role_model", ""), "EIG"
            )
            value = min(5, max(1, round(level[scale] + rng.gauss(0, 0.75))))
            out[item["code"]] = 6 - value if item["reverse"] else value
        return out

    def comments(self) -> dict[str, str]:
        rng = self.rng
        return {code: rng.choice(texts) for code, texts in ANSWERS.items() if rng.random() < 0.45}


def generator_answers(rng: random.Random, wave: Wave, role: str) -> dict[str, int]:
    """Answers of someone from the front desk (an open-link respondent)."""
    generator = Generator(rng, wave.frozen_questionnaire)
    return generator.answers(generator.levels("W-KC-BA", "W-KC", "front", role, 2), role, 2)


def _stored(wave: Wave, unit_id: int) -> int | None:
    parents = {
        n.id: n.parent_id for n in UnitTree.for_organization(wave.organization_id).nodes.values()
    }
    return pooling.storage_for(pooling.from_json(wave.storage_map), parents, unit_id, "employee")


def _members(org: Organization) -> list[Membership]:
    return list(
        Membership.objects.active()
        .filter(organization=org)
        .select_related("user", "unit__parent")
        .order_by("user__email")
    )


def _wave(org, key, name, version, opens_on, closes_on, closed, scope=()) -> Wave:
    wave = Wave.objects.create(
        uuid=_uuid("wave", key),
        organization=org,
        name=name,
        questionnaire=version,
        questionnaire_fingerprint=version.fingerprint,
        opens_on=opens_on,
        closes_on=closes_on,
        reminder_days=[7, 12],
        launched_at=datetime.combine(opens_on, time(8), ZONE),
        closed_at=datetime.combine(closes_on + timedelta(days=1), time(9), ZONE)
        if closed
        else None,
    )
    wave.scope_units.set(scope)
    return wave


def _fill(org, wave, members, rng, wave_number, *, share: float, spare: set[str]) -> int:
    """Invite the members, let a share of them answer, store shuffled anonymous responses."""
    units = {u.id: u for u in OrgUnit.objects.filter(organization=org)}
    tree = UnitTree.for_organization(org.id)
    parents = {node.id: node.parent_id for node in tree.nodes.values()}
    managers = {u.manager_id for u in units.values() if u.manager_id}
    # Only who had joined when the wave opened: later demos add newcomers (hrm's onboarding),
    # and loading the demo again must give the same waves.
    members = [m for m in members if m.joined_at is None or m.joined_at.date() <= wave.opens_on]
    people = [(m, respondent_role(m, managers)) for m in members]
    mapping = pooling.storage_map(
        parents, Counter((m.unit_id, r) for m, r in people), org.min_group_size
    )
    wave.storage_map = pooling.to_json(mapping)
    wave.unit_tree = sorted([unit_id, parent] for unit_id, parent in parents.items())
    wave.save(update_fields=["storage_map", "unit_tree"])
    generator = Generator(rng, wave.frozen_questionnaire)
    invitations, responses = [], []
    days = max(1, (min(wave.closes_on, timezone.localdate()) - wave.opens_on).days)
    for membership, role in people:
        unit = units.get(membership.unit_id)
        team = unit.code if unit else ""
        department = unit.parent.code if unit and unit.parent else ""
        chance = LOW_RESPONSE.get(team, share)
        answered = membership.user.email not in spare and rng.random() < chance
        invitation = Invitation(
            uuid=_uuid("invitation", str(wave.uuid), membership.user.email),
            wave=wave,
            membership=membership,
            unit=unit,
            role=role,
            sent_on=wave.opens_on,
            answered_on=wave.opens_on + timedelta(days=rng.randrange(days)) if answered else None,
        )
        invitation.token_hash = token_hash(invitation_token(invitation))
        invitations.append(invitation)
        if not answered:
            continue
        level = generator.levels(
            team, department, unit.office if unit else "front", role, wave_number
        )
        answers = generator.answers(level, role, wave_number)
        responses.append(
            Response(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                wave=wave,
                unit_id=pooling.storage_for(mapping, parents, membership.unit_id, role),
                role=role,
                answers=answers,
                comments=generator.comments(),
            )
        )
    Invitation.objects.bulk_create(invitations, batch_size=500)
    rng.shuffle(responses)
    Response.objects.bulk_create(responses, batch_size=500)
    return len(responses)


def closed_wave(
    org: Organization,
    *,
    key: str,
    name: str,
    version: QuestionnaireVersion,
    opens_on: date,
    closes_on: date,
    share: float = 0.8,
) -> tuple[Wave, int]:
    """A closed wave of the whole organisation on `version`, answered and with its report;
    for other apps' demos (the vision's behaviours asked in the scan). Replaces an earlier
    one with the same key; returns the wave and its number of responses."""
    Wave.objects.filter(uuid=_uuid("wave", key)).delete()
    wave = _wave(org, key, name, version, opens_on, closes_on, closed=True)
    n = _fill(org, wave, _members(org), random.Random(key), 2, share=share, spare=set())
    WaveReport.objects.create(wave=wave, status=JobStatus.QUEUED)
    report_compute(wave_id=wave.id)
    return wave, n


@transaction.atomic
def load() -> str:
    """Rebuild the demo waves; returns a one-line summary."""
    org = Organization.objects.filter(slug=ORG_SLUG).first()
    if org is None:
        return ""
    keys = ("2025", "2026", "pulse")
    Wave.objects.filter(uuid__in=[_uuid("wave", key) for key in keys]).delete()
    rng = random.Random(20251006)
    members = _members(org)
    standard, own = standard_version(), _own_version(org)
    first = _wave(
        org,
        "2025",
        "Cultuurscan 2025",
        standard,
        date(2025, 10, 6),
        date(2025, 10, 24),
        closed=True,
    )
    second = _wave(
        org, "2026", "Cultuurscan 2026", own, date(2026, 10, 5), date(2026, 10, 23), closed=True
    )
    counts = [
        _fill(org, first, members, rng, 1, share=0.78, spare=set()),
        _fill(org, second, members, rng, 2, share=0.85, spare=set()),
    ]
    for wave in (first, second):
        WaveReport.objects.create(wave=wave, status=JobStatus.QUEUED)
        report_compute(wave_id=wave.id)
    # A pulse survey of Klantcontact that is open now: the form and response rates to try.
    today = timezone.localdate()
    department = OrgUnit.objects.get(organization=org, code=HUDDLE_DEPARTMENT)
    pulse = _wave(
        org,
        "pulse",
        "Pulsmeting Klantcontact",
        own,
        today - timedelta(days=4),
        today + timedelta(days=10),
        closed=False,
        scope=[department],
    )
    scope = set(UnitTree.for_organization(org.id).subtree_ids(department.id))
    in_scope = [m for m in members if m.unit_id in scope]
    taken: set[str] = set()
    spare = {email_for(first, infix, last, taken) for first, infix, last, *_ in NAMED.values()}
    counts.append(_fill(org, pulse, in_scope, rng, 2, share=0.45, spare=spare) + 2)
    # The front desk answers on a tablet at reception, through an open link.
    desk = OrgUnit.objects.get(organization=org, code="W-KC-BA")
    OpenLink.objects.create(uuid=_uuid("open-link", "W-KC-BA"), wave=pulse, unit=desk, submitted=2)
    for answers in (generator_answers(rng, pulse, "employee") for _ in range(2)):
        Response.objects.create(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            wave=pulse,
            unit_id=_stored(pulse, desk.id),
            role="employee",
            answers=answers,
        )
    return f"3 waves of the culture scan ({', '.join(map(str, counts))} responses), 2 reports"
