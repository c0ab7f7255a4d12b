"""Demo data of the change programme for Woonstichting Rivierduin.

Next steps taken from the last culture scan: for the units whose phase is held back, the
catalogue step for their weakest component, owned by the unit's manager (or the CX lead), some
already done. Deterministic; a second load adds nothing.
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
    if NextStep.objects.filter(organization=org).exists():
        return "already loaded"
    with transaction.atomic():
        return _load(org)


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
    if wave is not None:
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
