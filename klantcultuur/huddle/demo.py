"""Demo data of team customer steering for Woonstichting Rivierduin.

Every Rivierduin team gets KPIs with owners, three months of hand-entered values, past
dagstarts with attendance and notes, goals, escalations, and improvement actions in every
state, some with a measured effect. Deterministic: every value is drawn from a generator
seeded with its natural key (team, KPI, day) and UUIDs derive from natural keys, so loading
twice adds nothing. Dates are relative to the day of loading (the boards need a yesterday);
a load on a later day adds the days since.

The figures from feedback come from the feedback app. Its demo runs first and loads the
organisation's records; when it has not run, this demo stores a smaller, similar set through
`feedback_ingest`, so the boards are never empty.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from klantcultuur.feedback.models import Feedback
from klantcultuur.feedback.services.records import feedback_ingest
from klantcultuur.feedback.validation import RecordInput
from klantcultuur.huddle import demo_actions
from klantcultuur.huddle.demo_texts import CATALOGUE, COMMENTS, FEEDBACK_PROFILE, NOTES, TEAM_KPIS
from klantcultuur.huddle.models import (
    Goal,
    GoalStatus,
    Huddle,
    Kpi,
    KpiValue,
    KpiValueChange,
    Period,
    TeamKpi,
)
from klantcultuur.huddle.steering import stories
from klantcultuur.huddle.steering.days import is_working_day, lookback, week_start
from klantcultuur.orgs.demo import ORG_SLUG, stable_uuid
from klantcultuur.orgs.models import Membership, Office, Organization, OrgUnit, UnitKind
from klantcultuur.orgs.roles import Role

HISTORY_DAYS = 92  # three months of hand-entered values
FEEDBACK_DAYS = 63  # nine weeks: the trends' eight weeks and the effect check's windows
HUDDLE_DAYS = 30
DEMO_PREFIX = "demo-dagstart:"  # external ids of the feedback this demo stores


def rng(*parts: object) -> random.Random:
    """A generator seeded with a natural key: the same draws on every run."""
    return random.Random(":".join(str(p) for p in parts))


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load() -> str:
    org = Organization.objects.filter(slug=ORG_SLUG).first()
    if org is None:
        return ""
    today = timezone.localdate()
    with transaction.atomic():
        teams = {u.code: u for u in OrgUnit.objects.filter(organization=org, kind=UnitKind.TEAM)}
        members = _members(org)
        effects = demo_actions.effect_days(org, today)
    records = _feedback(org, teams, today, effects)
    with transaction.atomic():
        catalogue = _catalogue(org)
        team_kpis = _team_kpis(org, teams, catalogue, members)
        values = _values(org, teams, team_kpis, today, effects)
        huddles = _huddles(org, teams, members, today)
        goals = _goals(org, teams, catalogue, members, today)
        escalations = demo_actions.escalations(org, members, today)
        actions = demo_actions.actions(org, teams, catalogue, members, today)
    return (
        f"{len(catalogue)} KPIs, {len(team_kpis)} team KPIs, {values} values, "
        f"{huddles} dagstarts, {goals} goals, {escalations} escalations, {actions} actions"
        + (f", {records} feedback records" if records else "")
    )


def _members(org: Organization) -> dict[int, list[Membership]]:
    """Active members per unit, employees first, in a stable order."""
    out: dict[int, list[Membership]] = {}
    rows = (
        Membership.objects.active()
        .filter(organization=org, unit__isnull=False)
        .select_related("user")
        .order_by("user__email")
    )
    for m in rows:
        if m.unit_id is not None:  # filtered above
            out.setdefault(m.unit_id, []).append(m)
    for unit_id, found in out.items():
        out[unit_id] = sorted(found, key=lambda m: (m.role != Role.EMPLOYEE, m.user.email))
    return out


# --- Feedback (only when the feedback demo did not load any) -------------------------------
def _feedback(org, teams, today: date, effects: dict[str, date]) -> int:
    others = Feedback.objects.filter(organization=org).exclude(external_id__startswith=DEMO_PREFIX)
    if others.exists():
        return 0  # the feedback app's demo loaded the organisation's records
    have = set(
        Feedback.objects.filter(organization=org, external_id__startswith=DEMO_PREFIX).values_list(
            "external_id", flat=True
        )
    )
    items = [
        item
        for code, team in sorted(teams.items())
        if code in FEEDBACK_PROFILE
        for offset in range(FEEDBACK_DAYS, 0, -1)
        for item in _records(team, today - timedelta(days=offset), today, effects)
        if item.external_id not in have
    ]
    for start in range(0, len(items), 1000):
        feedback_ingest(organization=org, items=items[start : start + 1000], source="demo")
    return len(items)


def _records(team: OrgUnit, day: date, today: date, effects: dict[str, date]):
    kind, metric, touchpoint, per_day = FEEDBACK_PROFILE[team.code]
    draw = rng("feedback", team.code, day)
    expected = per_day if is_working_day(day) else per_day * 0.15
    count = max(0, round(draw.gauss(expected, math.sqrt(expected))))
    good, bad = 0.47, 0.27
    if team.office == Office.BACK:
        good, bad = 0.55, 0.15
    if team.code in effects and day >= effects[team.code]:
        good, bad = 0.60, 0.17  # the improvement action works
    praise, points, wishes = COMMENTS[kind]
    for i in range(count):
        roll = draw.random()
        band = "good" if roll < good else "bad" if roll > 1 - bad else "mid"
        if metric == "nps":
            score = {
                "good": draw.choice((9, 10, 10)),
                "mid": draw.choice((7, 8)),
                "bad": draw.randint(2, 6),
            }[band]
        else:
            score = {"good": draw.choice((4, 5, 5)), "mid": 3, "bad": draw.choice((1, 2))}[band]
        reason = suggestion = ""
        if band == "good" and draw.random() < 0.6:
            reason = draw.choice(praise)
        elif band == "bad" and draw.random() < 0.75:
            reason = draw.choice(points)
        elif band == "mid" and draw.random() < 0.4:
            suggestion = draw.choice(wishes)
        moment = at(day, draw.randint(8, 19), draw.randint(0, 59))
        consent = band == "bad" and draw.random() < 0.3 and (today - day).days <= 6
        yield RecordInput(
            received_at=moment,
            metric=metric,
            score=score,
            reason=reason,
            suggestion=suggestion,
            touchpoint=touchpoint,
            channel="telefoon" if kind == "contact" else "",
            external_id=f"{DEMO_PREFIX}{team.code}:{day.isoformat()}:{i}",
            customer_ref=f"K{draw.randint(10000, 99999)}",
            contact_consent=consent,
            is_internal=team.office == Office.BACK,
            team_id=team.id,
        )


# --- KPIs, owners, values -----------------------------------------------------------------
def _catalogue(org: Organization) -> dict[str, Kpi]:
    out = {}
    for key, spec in CATALOGUE.items():
        name, description, source, measure, period, unit, decimals, direction, target, pos = spec
        values = {
            "name": name,
            "description": description,
            "source": source,
            "measure": measure,
            "period": period,
            "unit": unit,
            "decimals": decimals,
            "direction": direction,
            "default_target": Decimal(str(target)),
            "position": pos,
            "archived_at": None,
        }
        out[key], _created = Kpi.objects.update_or_create(
            uuid=stable_uuid(org.slug, "kpi", key), defaults={**values, "organization": org}
        )
    return out


def owner_of(members: list[Membership], *key: object) -> Membership | None:
    employees = [m for m in members if m.role == Role.EMPLOYEE] or members
    return rng("owner", *key).choice(employees) if employees else None


def _team_kpis(org, teams, catalogue, members) -> dict[tuple[str, str], TeamKpi]:
    out = {}
    for code, (feedback_keys, manual) in TEAM_KPIS.items():
        team = teams.get(code)
        if team is None:
            continue
        people = members.get(team.id, [])
        for position, key in enumerate([*manual, *feedback_keys]):
            owner = owner_of(people, code, key)
            if code == "W-KC-A" and key == "reach":
                owner = next((m for m in people if m.user.email.startswith("fatima.")), owner)
            target = _team_target(catalogue[key], code)
            found, _created = TeamKpi.objects.update_or_create(
                uuid=stable_uuid(org.slug, "team-kpi", code, key),
                defaults={
                    "organization": org,
                    "kpi": catalogue[key],
                    "team": team,
                    "owner": owner,
                    "target": target,
                    "position": position,
                },
            )
            out[(code, key)] = found
    return out


def _team_target(kpi: Kpi, code: str) -> Decimal | None:
    """Most teams keep the default target; a few set their own."""
    special = {
        ("W-KC-B", "NPS"): 30,
        ("B-ICT-S", "Tickets binnen afspraak opgelost"): 88,
        ("V-RO-Z", "First time right"): 88,
    }
    value = special.get((code, kpi.name))
    return Decimal(value) if value is not None else None


def _periods(kpi: Kpi, today: date) -> list[date]:
    first = today - timedelta(days=HISTORY_DAYS)
    if kpi.period == Period.WEEK:
        last_week = week_start(today) - timedelta(days=7)
        start = week_start(first) + timedelta(days=7)
        return [start + timedelta(weeks=i) for i in range((last_week - start).days // 7 + 1)]
    return [
        first + timedelta(days=i)
        for i in range(HISTORY_DAYS)
        if is_working_day(first + timedelta(days=i))
    ]


def _values(org, teams, team_kpis, today: date, effects: dict[str, date]) -> int:
    have = set(
        KpiValue.objects.filter(organization=org).values_list("team_id", "kpi_id", "period_start")
    )
    rows: list[KpiValue] = []
    for code, (_feedback_keys, manual) in TEAM_KPIS.items():
        for key, (mean, spread) in manual.items():
            team_kpi = team_kpis.get((code, key))
            if team_kpi is None:
                continue
            kpi = team_kpi.kpi
            effect_day = effects.get(f"{code}:{key}")
            for period in _periods(kpi, today):
                if (team_kpi.team_id, kpi.id, period) in have:
                    continue
                draw = rng("value", code, key, period)
                if period >= today - timedelta(days=2) and draw.random() < 0.3:
                    continue  # not every team has entered yesterday's figure yet
                level = mean
                if effect_day and period >= effect_day:
                    level = mean + (2.0 if kpi.higher_is_better else -2.0) * spread
                value = draw.gauss(level, spread)
                if kpi.unit == "%":
                    value = min(100.0, value)
                value = max(0.0, value)
                rows.append(
                    KpiValue(
                        organization=org,
                        kpi=kpi,
                        team_id=team_kpi.team_id,
                        period_start=period,
                        value=Decimal(f"{value:.{kpi.decimals}f}"),
                        entered_by=team_kpi.owner,
                        entered_at=at(period + timedelta(days=1), 8, 45),
                    )
                )
    created = KpiValue.objects.bulk_create(rows, batch_size=1000)
    if not created or created[0].pk is None:  # SQLite before 3.35 returns no keys
        keys = {(v.team_id, v.kpi_id, v.period_start) for v in rows}
        created = [
            v
            for v in KpiValue.objects.filter(organization=org)
            if (v.team_id, v.kpi_id, v.period_start) in keys
        ]
    changes = [
        KpiValueChange(
            value=v,
            old_value=None,
            new_value=v.value,
            changed_by=v.entered_by,
            changed_at=v.entered_at,
        )
        for v in created
    ]
    corrected = []
    for position, v in enumerate(created):
        draw = rng("correction", v.team_id, v.kpi_id, v.period_start)
        if draw.random() < 0.03:  # a typo corrected later that morning
            typo = (v.value * Decimal("10")).quantize(v.value)
            changes[position].new_value = typo
            changes.append(
                KpiValueChange(
                    value=v,
                    old_value=typo,
                    new_value=v.value,
                    changed_by=v.entered_by,
                    changed_at=v.entered_at + timedelta(minutes=20),
                )
            )
            v.corrections = 1
            corrected.append(v)
    KpiValueChange.objects.bulk_create(changes, batch_size=1000)
    KpiValue.objects.bulk_update(corrected, ["corrections"])
    return len(created)


# --- Dagstarts and goals --------------------------------------------------------------------
def _huddles(org, teams, members, today: date) -> int:
    units = {u.id: u for u in OrgUnit.objects.filter(organization=org)}
    have = set(Huddle.objects.filter(organization=org).values_list("unit_id", "day"))
    first = today - timedelta(days=HUDDLE_DAYS)
    candidates = _story_candidates(org, first - timedelta(days=5), today)
    new: list[Huddle] = []
    attendance: dict[tuple[int, date], list[int]] = {}
    for unit in sorted(units.values(), key=lambda u: u.code):
        if unit.kind == UnitKind.DIVISION:
            continue
        people = members.get(unit.id, [])
        if unit.manager_id and all(m.id != unit.manager_id for m in people):
            people = [
                *people,
                *(m for ms in members.values() for m in ms if m.id == unit.manager_id),
            ]
        for offset in range(HUDDLE_DAYS, 0, -1):
            day = today - timedelta(days=offset)
            if not is_working_day(day) or (unit.id, day) in have:
                continue
            if unit.kind == UnitKind.DEPARTMENT and day.weekday() not in (0, 3):
                continue  # departments meet on Mondays and Thursdays
            draw = rng("huddle", unit.code, day)
            present = [m.id for m in people if draw.random() < 0.85]
            names = [m.user.first_name for m in people] or ["de teamleider"]
            note = draw.choice(NOTES).format(owner=draw.choice(names), owner2=draw.choice(names))
            window = lookback(day)
            story = stories.suggest(
                [c for c in candidates.get(unit.id, []) if c.received_at.date() in window]
            )
            new.append(
                Huddle(
                    organization=org,
                    unit=unit,
                    day=day,
                    note=note,
                    story_id=story,
                    uuid=stable_uuid(org.slug, "huddle", unit.code, day.isoformat()),
                    updated_at=at(day, 8, 50),
                    updated_by_id=unit.manager_id,
                )
            )
            attendance[(unit.id, day)] = present
    Huddle.objects.bulk_create(new, batch_size=500)
    ids = dict(
        ((u, d), i)
        for i, u, d in Huddle.objects.filter(organization=org, day__gte=first).values_list(
            "id", "unit_id", "day"
        )
    )
    Through = Huddle.attendees.through
    Through.objects.bulk_create(
        [
            Through(huddle_id=ids[key], membership_id=m)
            for key, ms in attendance.items()
            for m in ms
        ],
        batch_size=2000,
    )
    return len(new)


def _story_candidates(org, first: date, last: date) -> dict[int, list[stories.Candidate]]:
    """Customers' compliments per team (front office only: colleagues stay anonymous)."""
    rows = Feedback.objects.filter(
        organization=org, day__gte=first, day__lt=last, n_compliments__gt=0, is_internal=False
    ).values_list("team_id", "pk", "metric", "score", "reason", "received_at")
    out: dict[int, list[stories.Candidate]] = {}
    for team_id, record_id, metric, score, reason, received in rows:
        texts = [reason] if reason else ["…"]
        candidate = stories.Candidate(record_id, metric, score, texts, timezone.localtime(received))
        out.setdefault(team_id, []).append(candidate)
    return out


def _goals(org, teams, catalogue, members, today: date) -> int:
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    quarter_end = (quarter_start + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    previous_end = quarter_start - timedelta(days=1)
    previous_start = date(previous_end.year, 3 * ((previous_end.month - 1) // 3) + 1, 1)
    created = 0
    for code, team in sorted(teams.items()):
        if code not in TEAM_KPIS:
            continue
        feedback_keys, _manual = TEAM_KPIS[code]
        main = catalogue[feedback_keys[0]]
        goals: list[tuple[str, Membership | None, str, str, Any, date, date, GoalStatus]] = [
            (
                "team",
                None,
                f"{main.name} boven het doel, elke week van dit kwartaal",
                "We bespreken elke maandag de week ervoor en kiezen één verbeterpunt.",
                main,
                quarter_start,
                quarter_end,
                GoalStatus.OPEN,
            ),
            (
                "team-previous",
                None,
                "Elke dagstart begint met een klantverhaal",
                "Wie het verhaal kiest, rouleert.",
                None,
                previous_start,
                previous_end,
                GoalStatus.ACHIEVED,
            ),
        ]
        people = [m for m in members.get(team.id, []) if m.role == Role.EMPLOYEE]
        if people:
            person = owner_of(people, code, "goal")
            goals.append(
                (
                    "person",
                    person,
                    "Eén klantverhaal per week delen in de dagstart",
                    "",
                    None,
                    quarter_start,
                    quarter_end,
                    GoalStatus.OPEN,
                )
            )
        for key, person, title, description, kpi, start, end, status in goals:
            _goal, was_created = Goal.objects.get_or_create(
                uuid=stable_uuid(org.slug, "goal", code, key),
                defaults={
                    "organization": org,
                    "team": team,
                    "person": person,
                    "title": title,
                    "description": description,
                    "kpi": kpi,
                    "start": start,
                    "end": end,
                    "status": status,
                },
            )
            created += was_created
    return created
