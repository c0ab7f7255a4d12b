"""Demo improvement actions (every PDCA state, some with a measured effect) and escalations.

Offsets are days relative to the day of loading. An action is created once (stable UUID)
and keeps its dates; the effect of the actions that worked is built into the demo's values
and feedback from the day they were put into action (`effect_days`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import overload

from django.utils import timezone

from klantcultuur.feedback.models import Feedback
from klantcultuur.huddle.models import (
    ActionEvent,
    ActionOrigin,
    ActionOutcome,
    ActionState,
    EffectCheck,
    Escalation,
    EscalationState,
    ImprovementAction,
)
from klantcultuur.huddle.services.actions import effect_check_run
from klantcultuur.orgs.demo import stable_uuid
from klantcultuur.orgs.models import Organization, OrgUnit


@dataclass(frozen=True)
class Spec:
    key: str
    team: str
    title: str
    problem: str
    kpi: str
    state: str
    plan: int
    do: int | None = None
    check: int | None = None
    act: int | None = None
    closed: int | None = None
    due: int | None = None
    whys: tuple[str, ...] = ()
    cause: str = ""
    target: str = ""
    countermeasure: str = ""
    outcome: str = ""
    standard: str = ""
    note: str = ""
    previous: str = ""
    from_feedback: bool = False
    effect: str = ""  # what the demo's data does after "do": "feedback" or a manual KPI key
    extra: dict = field(default_factory=dict)


ACTIONS = [
    Spec(
        "peak", "W-KC-A", "Piekbezetting op maandagochtend",
        "Op maandagochtend wordt maar 60% van de gesprekken binnen 30 seconden opgenomen; "
        "klanten haken af en bellen later opnieuw.", "reach", ActionState.CLOSED,
        plan=-63, do=-56, check=-21, act=-18, closed=-14, due=-21,
        whys=("Na het weekend komen alle reparatieverzoeken tegelijk binnen.",
              "Het rooster gaat uit van een gelijke drukte over de week.",
              "Het rooster is niet aangepast sinds de storingsdienst in het weekend stopte."),
        cause="Het rooster volgt niet het belpatroon van de klanten.",
        target="Bereikbaarheid ook op maandag minstens 80%.",
        countermeasure="Vier extra klantadviseurs van 8 tot 11 uur op maandag; "
        "backofficetaken naar de middag.",
        outcome=ActionOutcome.STANDARDISED,
        standard="Op maandag van 8 tot 11 uur staan vier extra klantadviseurs aan de telefoon; "
        "de planner roostert dit standaard in.", effect="reach",
    ),
    Spec(
        "callback", "W-KC-A", "Terugbelbelofte altijd nakomen",
        "Klanten geven een lage score omdat een beloofd terugbelverzoek niet wordt nagekomen "
        "(12 verbeterpunten in een maand).", "nps", ActionState.CHECK,
        plan=-31, do=-26, check=-2, due=-3,
        whys=("Terugbelverzoeken staan in persoonlijke mailboxen.",
              "Als iemand vrij is, ziet niemand de verzoeken.",
              "Er is geen gedeelde lijst met een eigenaar per verzoek."),
        cause="Er is geen gedeelde terugbellijst met een eigenaar per verzoek.",
        target="Elk terugbelverzoek binnen één werkdag teruggebeld; NPS weer boven 25.",
        countermeasure="Gedeelde terugbellijst in het klantsysteem; in de dagstart loopt de "
        "eigenaar de open verzoeken langs.", effect="feedback",
    ),
    Spec(
        "story", "W-KC-A", "Klantverhaal van de dag op intranet",
        "Mooie klantverhalen blijven in het team; andere afdelingen horen alleen klachten.",
        "compliments", ActionState.DO, plan=-12, do=-10, due=14,
        cause="Er is geen vaste plek om complimenten te delen.",
        target="Elke week twee klantverhalen op intranet.",
        countermeasure="De eigenaar van ‘Aandeel complimenten’ zet het gekozen verhaal van de "
        "dagstart op vrijdag op intranet.",
    ),
    Spec(
        "music", "W-KC-A", "Wachtmuziek vervangen door terugbeloptie",
        "Klanten ergeren zich aan de lange wachtmuziek.", "reach", ActionState.PLAN, plan=-2,
        due=21, from_feedback=True,
    ),
    Spec(
        "rounds", "W-KC-A", "Vaste belrondes voor terugbelverzoeken",
        "Terugbelverzoeken worden tussendoor gedaan en schieten erbij in als het druk is.",
        "compliments", ActionState.ACT, plan=-50, do=-42, check=-7, act=-5, due=-7,
        cause="Terugbellen heeft geen vaste plek in de dag.",
        target="Meer complimenten over terugbellen.",
        countermeasure="Om 11 en om 15 uur een vaste belronde van een half uur.",
    ),
    Spec(
        "kb", "W-KC-A", "Kennisbank huurverhoging bijwerken",
        "Klanten krijgen verschillende antwoorden over de huurverhoging.", "compliments",
        ActionState.CLOSED, plan=-80, do=-70, check=-40, act=-38, closed=-36, due=-45,
        cause="De kennisbank beschrijft de regels van vorig jaar.",
        countermeasure="Artikelen over de huurverhoging herschreven met de juridische afdeling.",
        outcome=ActionOutcome.NEW_CYCLE,
    ),
    Spec(
        "kb2", "W-KC-A", "Kennisbank huurverhoging: tweede ronde",
        "Klanten krijgen verschillende antwoorden over de huurverhoging.", "compliments",
        ActionState.PLAN, plan=-36, due=10, previous="kb",
        cause="Niet iedereen gebruikt de kennisbank tijdens het gesprek.",
    ),
    Spec(
        "chat", "W-KC-A", "Chatfunctie in de avond",
        "Werkende huurders kunnen ons overdag niet bereiken.", "nps", ActionState.CLOSED,
        plan=-30, closed=-25, outcome=ActionOutcome.STOPPED,
        note="Het MT kiest dit jaar voor telefonische bereikbaarheid; geen budget voor een "
        "avondchat.",
    ),
    Spec(
        "parts", "V-RO-N", "Onderdelenvoorraad in de bus op orde",
        "Monteurs moeten vaak terugkomen omdat een onderdeel ontbreekt.", "ftr",
        ActionState.CHECK, plan=-40, do=-33, check=-3, due=-5,
        whys=("Het onderdeel zat niet in de bus.", "De minimumvoorraad is niet bekend.",
              "Niemand is eigenaar van de busvoorraad."),
        cause="Niemand is eigenaar van de voorraad in de bus.",
        target="First time right boven 85%.",
        countermeasure="Per bus een vaste minimumvoorraad; op vrijdag vult de monteur aan.",
    ),
    Spec(
        "sms", "V-RO-N", "Sms als de monteur onderweg is",
        "Bewoners wachten een hele dag thuis zonder te weten wanneer de monteur komt.", "csat",
        ActionState.PLAN, plan=-9, due=-2, from_feedback=True,
    ),
    Spec(
        "reset", "B-ICT-S", "Selfservice wachtwoord-reset",
        "Wachtwoordresets zijn 30% van de tickets en houden de servicedesk van lastiger werk.",
        "tickets", ActionState.DO, plan=-20, do=-14, due=10,
        countermeasure="Selfservice-portaal met sms-code; uitleg in de nieuwsbrief.",
    ),
    Spec(
        "nuisance", "W-WB-Z", "Terugkoppeling binnen een week bij overlastmeldingen",
        "Bewoners horen na een melding van overlast niets meer van ons.", "appointments",
        ActionState.DO, plan=-15, do=-9, due=-1,
        countermeasure="Na elke melding binnen een week een telefoontje van de woonconsulent.",
    ),
    Spec(
        "keys", "W-VH-T", "Sleutels klaarleggen vóór de oplevering",
        "Nieuwe huurders wachten bij de oplevering op de sleutels; de woning staat dagen langer "
        "leeg.", "vacancy", ActionState.CHECK, plan=-60, do=-55, check=-1, due=-10,
        cause="De sleutels liggen bij de aannemer tot de eindcontrole.",
        target="Leegstand bij mutatie onder de 14 dagen.",
        countermeasure="De opzichter neemt de sleutels mee naar de eindcontrole; verhuur "
        "plant de oplevering dezelfde middag.", effect="vacancy",
    ),
]  # fmt: skip


@overload
def _day(today: date, offset: int) -> date: ...
@overload
def _day(today: date, offset: int | None) -> date | None: ...
def _day(today: date, offset: int | None) -> date | None:
    return None if offset is None else today + timedelta(days=offset)


def effect_days(org: Organization, today: date) -> dict[str, date]:
    """From which day the demo's data shows each working action's effect ("team" for feedback,
    "team:kpi" for a hand-entered KPI): the day it was put into action."""
    stored = dict(
        ImprovementAction.objects.filter(organization=org, started_at__isnull=False).values_list(
            "uuid", "started_at"
        )
    )
    out: dict[str, date] = {}
    for spec in ACTIONS:
        if not spec.effect:
            continue
        started = stored.get(stable_uuid(org.slug, "action", spec.key))
        day = timezone.localdate(started) if started else _day(today, spec.do)
        if day is None:  # not put into action: no effect to show
            continue
        out[spec.team if spec.effect == "feedback" else f"{spec.team}:{spec.effect}"] = day
    return out


def actions(org, teams, catalogue, members, today: date) -> int:
    from klantcultuur.huddle.demo import at, owner_of

    created = 0
    by_key: dict[str, ImprovementAction] = {}
    for spec in ACTIONS:
        team = teams.get(spec.team)
        if team is None:
            continue
        uuid = stable_uuid(org.slug, "action", spec.key)
        found = ImprovementAction.objects.filter(uuid=uuid).first()
        if found:
            by_key[spec.key] = found
            continue
        people = members.get(team.id, [])
        owner = owner_of(people, spec.team, spec.key)
        feedback = None
        if spec.from_feedback:
            feedback = (
                Feedback.objects.filter(team=team, n_improvements__gt=0, day__lt=today)
                .order_by("-day", "-received_at")
                .first()
            )
        action = ImprovementAction.objects.create(
            uuid=uuid,
            organization=org,
            team=team,
            title=spec.title,
            problem=spec.problem,
            **{f"why_{i + 1}": why for i, why in enumerate(spec.whys)},
            cause=spec.cause,
            target=spec.target,
            countermeasure=spec.countermeasure,
            owner=owner,
            due_date=_day(today, spec.due),
            kpi=catalogue[spec.kpi],
            state=spec.state,
            outcome=spec.outcome,
            standard=spec.standard,
            origin=ActionOrigin.FEEDBACK if feedback else ActionOrigin.MANUAL,
            feedback=feedback,
            previous=by_key.get(spec.previous),
            created_by=team.manager,
            created_at=at(_day(today, spec.plan), 9, 5),
            started_at=at(_day(today, spec.do), 9, 10) if spec.do is not None else None,
            checked_at=at(_day(today, spec.check), 9, 10) if spec.check is not None else None,
            closed_at=at(_day(today, spec.closed), 9, 10) if spec.closed is not None else None,
        )
        by_key[spec.key] = action
        created += 1
        _events(action, spec, today, owner)
        if spec.check is not None and owner is not None:
            check = effect_check_run(action=action, by=owner, today=_day(today, spec.check))
            if check is not None:
                EffectCheck.objects.filter(pk=check.pk).update(
                    checked_at=at(_day(today, spec.check), 9, 12)
                )
    return created


def _events(action: ImprovementAction, spec: Spec, today: date, by) -> None:
    from klantcultuur.huddle.demo import at

    steps = [("", ActionState.PLAN, spec.plan, "")]
    previous = ActionState.PLAN
    for state, offset in (
        (ActionState.DO, spec.do),
        (ActionState.CHECK, spec.check),
        (ActionState.ACT, spec.act),
        (ActionState.CLOSED, spec.closed),
    ):
        if offset is not None:
            note = spec.note if state == ActionState.CLOSED else ""
            steps.append((previous, state, offset, note))
            previous = state
    events = [
        ActionEvent(
            action=action,
            by=by,
            from_state=source,
            to_state=target,
            note=note,
            at=at(_day(today, offset), 9, 10),
        )
        for source, target, offset, note in steps
    ]
    ActionEvent.objects.bulk_create(events)


ESCALATIONS = [
    # key, from unit, passed on (tiers), raised, answered, closed, text, answer
    ("switchboard", "W-KC-A", 0, -9, -7, None,
     "De telefooncentrale biedt geen terugbeloptie als de wachtrij vol is. Kan ICT die aanzetten?",
     "Besproken met ICT: de terugbeloptie gaat over twee weken live. Tot die tijd bij drukte "
     "het bericht ‘bel na 11 uur’ inspreken."),
    ("parts", "V-RO-N", 0, -3, None, None,
     "Remeha-onderdelen zijn al twee weken niet op voorraad in de bussen; we moeten vaak twee "
     "keer komen.", ""),
    ("police", "W-WB-Z", 1, -6, None, None,
     "De wijkagent reageert niet op meldingen over overlast in de Vogelbuurt; we hebben een "
     "afspraak op directieniveau nodig.", ""),
    ("selfservice", "B-ICT-S", 0, -20, -17, -15,
     "Wachtwoordresets zijn 30% van de tickets. Mogen we een selfservice-portaal inkopen?",
     "Ja, budget is vrijgemaakt; Inkoop start deze maand de aanbesteding."),
    ("website", "W-VH-T", 0, -2, None, None,
     "Het woningaanbod op de website loopt een dag achter op het verhuursysteem.", ""),
    ("storm", "W-KC", 0, -5, -4, None,
     "Tijdens de stormweek hebben we twee extra klantadviseurs van het flexteam nodig.",
     "Akkoord: het flexteam levert van maandag tot en met woensdag twee mensen."),
    ("stock", "V", 0, -1, None, None,
     "Budget voor voorraadbeheer in de servicebussen: scanners en een vaste minimumvoorraad.",
     ""),
    ("orders", "B-FIN-A", 0, -12, -10, -8,
     "Facturen van aannemers komen zonder inkoopordernummer binnen; we moeten alles navragen.",
     "Inkoop stuurt de aannemers een brief: zonder ordernummer geen betaling."),
]  # fmt: skip


def escalations(org: Organization, members, today: date) -> int:
    from klantcultuur.huddle.demo import at, owner_of

    units = {u.code: u for u in OrgUnit.objects.filter(organization=org).select_related("parent")}
    created = 0
    for key, code, hops, raised, answered, closed, text, answer in ESCALATIONS:
        unit = units.get(code)
        uuid = stable_uuid(org.slug, "escalation", key)
        if unit is None or Escalation.objects.filter(uuid=uuid).exists():
            continue
        to_unit = unit.parent
        for _hop in range(hops):
            to_unit = to_unit.parent if to_unit else None
        state = (
            EscalationState.CLOSED
            if closed
            else (EscalationState.ANSWERED if answered else EscalationState.OPEN)
        )
        answerer = to_unit.manager if to_unit else None
        Escalation.objects.create(
            uuid=uuid,
            organization=org,
            from_unit=unit,
            to_unit=to_unit,
            text=text,
            raised_on=_day(today, raised),
            raised_at=at(_day(today, raised), 8, 55),
            raised_by=owner_of(members.get(unit.id, []), code, "escalation", key) or unit.manager,
            state=state,
            answer=answer,
            answered_by=answerer if answered else None,
            answered_at=at(_day(today, answered), 14, 0) if answered else None,
            passed_on_at=at(_day(today, raised + 1), 9, 0) if hops else None,
            passed_on_by=unit.parent.manager if hops and unit.parent else None,
            closed_at=at(_day(today, closed), 9, 0) if closed else None,
        )
        created += 1
    return created
