"""Demo data of the change programme for Woonstichting Rivierduin.

Next steps taken from the last culture scan: for the units whose phase is held back, the
catalogue step for their weakest component, owned by the unit's manager (or the CX lead), some
already done; ambassadors, quick wins (two shared with other teams' boards), an interest
analysis measured twice, and leaders' visits to the floor over two quarters with the teams'
pulse. Deterministic; a second load adds nothing (each part checks its own table).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs.demo import ORG_SLUG
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Role
from klantcultuur.programme.models import NextStep, StepStatus, StepTemplate
from klantcultuur.programme.services import steps as services
from klantcultuur.scan.models import Wave
from klantcultuur.scan.reporting.gate import ROOT_KEY
from klantcultuur.scan.selectors import report_gate

NOTES = [
    "Eerste twee teams zijn gestart; evaluatie in het afdelingsoverleg.",
    "Besproken in het MT; iedereen heeft een datum geprikt.",
    "Gedaan. Volgende keer eerder de teamleiders erbij halen.",
]


def load() -> str:
    org = Organization.objects.filter(slug=ORG_SLUG).first()
    if org is None:
        return ""
    with transaction.atomic():
        parts = [] if NextStep.objects.filter(organization=org).exists() else [_load(org)]
        parts.append(_floor(org))
        return "; ".join(p for p in parts if p) or "already loaded"


def _load(org: Organization) -> str:
    rng = random.Random("programme-demo")
    today = timezone.localdate()
    services.catalogue_ensure(organization=org)
    cx = Membership.objects.filter(organization=org, role=Role.CX_LEAD).first()
    admin = Membership.objects.filter(organization=org, role=Role.ADMIN).first() or cx
    if cx is None:
        return "no CX lead"
    wave = (
        Wave.objects.filter(organization=org, report__status=JobStatus.DONE)
        .order_by("-opens_on")
        .first()
    )
    templates: dict[str, list[StepTemplate]] = {}
    for template in StepTemplate.objects.filter(organization=org).order_by("position"):
        templates.setdefault(template.component, []).append(template)
    findings: list[tuple[OrgUnit | None, str]] = []
    if wave is not None and admin is not None:
        gate, _report = report_gate(wave, admin)
        if gate is not None:
            units = {str(u.uuid): u for u in OrgUnit.objects.filter(organization=org)}
            for key in gate.visible_keys():
                figure = gate.phase(key)
                if figure and figure.value["holding_back"]:
                    findings.append(
                        (units.get(key) if key != ROOT_KEY else None, figure.value["holding_back"])
                    )
    # The organisation, its divisions and departments first, then a sample of teams.
    order = {"division": 0, "department": 1, "team": 2}
    findings.sort(key=lambda f: (-1 if f[0] is None else order.get(f[0].kind, 3), rng.random()))
    taken = 0
    for unit, component in findings[:14]:
        options = templates.get(component) or []
        if not options:
            continue
        template = options[taken % len(options)]
        owner = (unit.manager if unit is not None and unit.manager_id else None) or cx
        step = services.step_take(
            organization=org,
            by=cx,
            owner=owner,
            template=template,
            unit=unit,
            wave=wave,
            due_on=today + timedelta(days=rng.randint(-10, 60)),
        )
        if taken % 3 == 2:
            services.step_update(
                step=step,
                owner=owner,
                due_on=step.due_on,
                status=StepStatus.DONE,
                note=NOTES[taken % len(NOTES)],
            )
        taken += 1
    confirmed, proposed = _ambassadors(org, rng)
    wins = _quick_wins(org)
    return (
        f"{taken} next steps from the last scan, {confirmed} ambassadors "
        f"(+{proposed} waiting for their manager), {wins} quick wins"
    )


MOTIVATIONS = [
    "Ik merk elke dag wat een snel antwoord voor huurders betekent.",
    "Ik wil dat we klachten niet alleen afhandelen maar ervan leren.",
    "In ons team wordt veel goed gedaan; dat mag zichtbaarder.",
    "",
]


def _ambassadors(org: Organization, rng: random.Random) -> tuple[int, int]:
    """Ambassadors in most teams; a few teams without one (the gap the network view shows)
    and two proposals still waiting for their manager."""
    from klantcultuur.orgs.models import UnitKind
    from klantcultuur.programme.services import ambassadors as amb

    teams = list(
        OrgUnit.objects.filter(organization=org, kind=UnitKind.TEAM, archived_at__isnull=True)
        .select_related("manager", "parent__manager")
        .order_by("code")
    )
    members: dict[int, list[Membership]] = {}
    for m in (
        Membership.objects.active()
        .filter(organization=org, role=Role.EMPLOYEE, unit__in=teams)
        .order_by("id")
    ):
        if m.unit_id is not None:  # filtered above
            members.setdefault(m.unit_id, []).append(m)
    confirmed = proposed = 0
    for i, team in enumerate(teams):
        people = members.get(team.id) or []
        if not people or i % 5 == 4:  # every fifth team has none yet
            continue
        person = people[rng.randrange(len(people))]
        manager = team.manager or (team.parent.manager if team.parent else None)
        by = person if i % 2 == 0 or manager is None else manager
        ambassador = amb.ambassador_propose(
            organization=org,
            membership=person,
            unit=team,
            by=by,
            motivation=MOTIVATIONS[i % len(MOTIVATIONS)],
        )
        if manager is not None and i % 7 != 3:
            amb.ambassador_confirm(
                ambassador=ambassador, by=manager, hours=rng.choice([4, 4, 6, 8])
            )
            confirmed += 1
        else:
            proposed += 1
    return confirmed, proposed


def _quick_wins(org: Organization) -> int:
    """The dagstart demo's actions whose effect check shows an improvement become quick wins,
    and one fresh action whose effect is not measured yet."""
    from klantcultuur.huddle.models import EffectCheck, ImprovementAction

    improved = EffectCheck.objects.filter(action__organization=org, verdict="improved")
    ids = set(improved.values_list("action_id", flat=True))
    fresh = (
        ImprovementAction.objects.filter(organization=org, checks__isnull=True)
        .order_by("-created_at")
        .values_list("id", flat=True)
        .first()
    )
    if fresh:
        ids.add(fresh)
    return ImprovementAction.objects.filter(id__in=ids).update(is_quick_win=True)


# --- Sharing, interests and leaders on the floor --------------------------------------
TRAITS = [
    (
        "Klachten worden doorgeschoven naar een ander team in plaats van opgelost",
        [
            (
                "Teamleiders Reparatieonderhoud",
                "Hun doorlooptijden blijven mooi: een doorgezette klacht telt niet mee.",
                "formal",
                [(2, "opponent"), (3, "neutral")],
                "Doorlooptijd vervangen door 'in één keer goed' in het teamoverleg",
            ),
            (
                "Ervaren monteurs",
                "Geen gedoe met lastige bewoners; het echte werk is techniek.",
                "social",
                [(3, "opponent"), (3, "opponent")],
                "Twee monteurs als ambassadeur vragen voor de dagstart",
            ),
        ],
    ),
    (
        "Goed nieuws over klanten wordt niet gedeeld, fouten wel",
        [
            (
                "Middenmanagement Wonen",
                "Sturen op fouten voelt als grip; complimenten lijken 'zacht'.",
                "formal",
                [(3, "neutral"), (3, "supporter")],
                "Elk MT opent met het beste klantverhaal van de week",
            ),
            (
                "Klantadviseurs met lange diensttijd",
                "Erkenning van elkaar; de oude manier werkt voor hen.",
                "social",
                [(2, "neutral"), (2, "neutral")],
                "",
            ),
        ],
    ),
]

HEARD = [
    (
        "Monteurs moeten vaak terug omdat onderdelen niet op de bus liggen; bewoners nemen "
        "dan twee keer vrij.",
        "action",
        "Met inkoop een vaste voorraad per bus afspreken",
    ),
    (
        "Het team is trots op de terugbelbelofte; ze willen de resultaten vaker zien.",
        "feedback",
        "Resultaten maandelijks in de nieuwsbrief",
    ),
    (
        "Bewoners snappen de brief over de huurverhoging niet; de balie krijgt alle vragen.",
        "action",
        "Brief samen met twee bewoners herschrijven",
    ),
    ("Goede sfeer, korte lijnen met de wijkbeheerders.", "", ""),
    (
        "Planning hoort pas na de klacht dat een afspraak verschoven is.",
        "feedback",
        "Planning neemt deel aan de dagstart van klantcontact",
    ),
]


def _floor(org: Organization) -> str:
    from klantcultuur.programme.models import SharedWin, Trait, Visit

    found = []
    if not SharedWin.objects.filter(organization=org).exists():
        found.append(f"{_shared_wins(org)} quick wins shared with other teams")
    if not Trait.objects.filter(organization=org).exists():
        found.append(f"{_interests(org)} stakeholders measured twice")
    if not Visit.objects.filter(organization=org).exists():
        found.append(f"{_visits(org)} leaders' visits with pulses")
    return ", ".join(found)


def _shared_wins(org: Organization) -> int:
    from klantcultuur.huddle.models import ImprovementAction
    from klantcultuur.orgs.models import UnitKind
    from klantcultuur.programme.services import sharing

    cx = Membership.objects.filter(organization=org, role=Role.CX_LEAD).first()
    wins = list(
        ImprovementAction.objects.filter(
            organization=org, is_quick_win=True, checks__verdict="improved"
        )
        .select_related("team")
        .distinct()
        .order_by("id")[:2]
    )
    shared = 0
    for action in wins:
        # The sister teams of the same department, and one team elsewhere.
        targets = list(
            OrgUnit.objects.filter(
                organization=org, kind=UnitKind.TEAM, parent_id=action.team.parent_id
            ).exclude(id=action.team_id)[:3]
        )
        if targets and cx is not None:
            shared += sharing.win_share(
                action=action,
                units=targets,
                by=cx,
                note="Werkte bij hen binnen drie weken; misschien ook iets voor jullie.",
            )
    return shared


def _interests(org: Organization) -> int:
    from klantcultuur.programme.services import interests

    cx = Membership.objects.filter(organization=org, role=Role.CX_LEAD).first()
    board = Membership.objects.filter(organization=org, role=Role.BOARD, unit__isnull=True).first()
    if cx is None:
        return 0
    today = timezone.localdate()
    days = (today - timedelta(days=110), today - timedelta(days=12))
    n = 0
    for text, people in TRAITS:
        trait = interests.trait_add(organization=org, by=cx, text=text)
        for who, gain, kind, positions, action in people:
            stakeholder = interests.stakeholder_save(
                by=cx, trait=trait, who=who, gain=gain, influence_kind=kind
            )
            for day, (influence, stance) in zip(days, positions, strict=True):
                interests.position_record(
                    stakeholder=stakeholder,
                    by=cx,
                    measured_on=day,
                    influence=influence,
                    stance=stance,
                )
            if action:
                interests.stakeholder_action_add(
                    stakeholder=stakeholder,
                    by=cx,
                    text=action,
                    owner=board or cx,
                    due_on=today + timedelta(days=30),
                )
            n += 1
    return n


def _visits(org: Organization) -> int:
    """The board and the directors and managers of divisions and departments visit teams
    outside their own unit, twice a quarter, over this quarter and the last; the visited
    teams answered the pulse."""
    from datetime import datetime, time

    from klantcultuur.orgs.models import UnitKind
    from klantcultuur.programme.models import PulseParticipation, Visit, VisitStatus
    from klantcultuur.programme.selectors import quarter_of
    from klantcultuur.programme.services import visits as services

    rng = random.Random("programme-visits")
    today = timezone.localdate()
    leaders = list(
        Membership.objects.active()
        .filter(
            organization=org,
            managed_units__kind__in=(UnitKind.DIVISION, UnitKind.DEPARTMENT),
        )
        .distinct()
        .order_by("id")
    )
    board = Membership.objects.filter(organization=org, role=Role.BOARD, unit__isnull=True).first()
    if board is not None:
        leaders.insert(0, board)
    teams = list(
        OrgUnit.objects.filter(
            organization=org, kind=UnitKind.TEAM, archived_at__isnull=True
        ).order_by("code")
    )
    people: dict[int, list[Membership]] = {}
    for m in Membership.objects.active().filter(organization=org, unit__in=teams).order_by("id"):
        if m.unit_id is not None:  # filtered above
            people.setdefault(m.unit_id, []).append(m)
    this_start, _end = quarter_of(today)
    last_start, _ = quarter_of(this_start - timedelta(days=1))
    # Every fourth team gets no visit: the gap the coverage page shows.
    visitable = [t for i, t in enumerate(teams) if i % 4 != 3]
    n = 0
    for i, leader in enumerate(leaders[:8]):
        own = services.own_unit_ids(leader)
        choices = [t for t in visitable if t.id not in own]
        for start in (last_start, this_start):
            span = max((min(today, start + timedelta(days=89)) - start).days, 1)
            for j in range(2):
                if not choices:
                    break
                team = choices[(i * 3 + j * 5 + (start.month)) % len(choices)]
                day = start + timedelta(days=rng.randrange(span))
                visit = services.visit_plan(
                    organization=org, leader=leader, unit=team, planned_on=day, by=leader
                )
                n += 1
                if day >= today - timedelta(days=1) and j == 1:
                    continue  # still to come
                heard, outcome, follow_up = HEARD[(i + j) % len(HEARD)]
                services.visit_log(
                    visit=visit,
                    by=leader,
                    heard=heard,
                    outcome=outcome,
                    follow_up=follow_up,
                    follow_up_on=day + timedelta(days=21) if follow_up else None,
                    self_noticed=3 if (i + j) % 3 else 2,
                )
                logged = timezone.make_aware(datetime.combine(day, time(16, 30)))
                members = [m for m in people.get(team.id, []) if m.id != leader.id]
                answering = members[: max(0, len(members) * (55 + 10 * (i % 3)) // 100)]
                tally = [0, 0, 0]
                for k, _m in enumerate(answering):
                    # Leaders think the team noticed more than the team did.
                    tally[0 if k % 3 == 0 else 1 if k % 3 == 1 else 2] += 1
                PulseParticipation.objects.bulk_create(
                    PulseParticipation(visit=visit, membership=m) for m in answering
                )
                Visit.objects.filter(id=visit.id).update(
                    status=VisitStatus.DONE,
                    logged_at=logged,
                    pulse_clearly=tally[0],
                    pulse_a_little=tally[1],
                    pulse_nothing=tally[2],
                    follow_up_done_at=logged + timedelta(days=14)
                    if follow_up and day < today - timedelta(days=21)
                    else None,
                )
    return n
