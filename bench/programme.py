"""Benchmark: server time and queries of the programme dashboard.

Usage (from the repo root): ``python bench/programme.py [TEAMS] [PEOPLE_PER_TEAM]`` (default
2,000 teams of 10: 20,000 people), on PostgreSQL in a database ``kc_programme`` on 127.0.0.1
(``BENCH_POSTGRES_URL`` overrides it), created for the run and dropped afterwards.

How the data is made: the organisation, people, published vision, endorsements and recall
answers of ``bench/vision.py`` (its ``build``); then 50,000 behaviour observations over eight
weeks (25 per team at the default size), a dagstart on 85% of team-days over the last 20
working days, a next step for every team, an ambassador in 80% of the teams and a quick win
in every tenth team, and 5,000 leader visits (2.5 per team at the default size) in this
quarter by 200 leaders, logged, with pulse tallies. Not in it: a culture-scan wave (the phase
chart reads one stored report per wave through the scan's gate, measured by the scan's own
benchmark).

What is measured: ``Client.get`` of the dashboard as the CX lead after warm-up, with its
query count per request. The last line is one JSON object. ``run(...)`` is also called by
the test suite at a tiny size, on the test database.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kc_programme")
SAMPLES = 40
WARM_UP = 5
OBSERVATIONS_PER_TEAM = 25
VISITS_PER_TEAM = 2.5


def _vision_bench():
    spec = importlib.util.spec_from_file_location("bench_vision", ROOT / "bench" / "vision.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(teams: int, per_team: int, *, seed: int = 21) -> dict:
    from django.utils import timezone

    from klantcultuur.huddle.models import Huddle, ImprovementAction
    from klantcultuur.huddle.steering.days import working_days_back
    from klantcultuur.orgs.models import Membership, OrgUnit, UnitKind
    from klantcultuur.programme.models import Ambassador, NextStep, StepTemplate
    from klantcultuur.programme.services import steps
    from klantcultuur.vision.models import Behaviour, Observation

    world = _vision_bench().build(teams, per_team, seed=seed)
    rng = random.Random(seed)
    org, cx = world["org"], world["cx"]
    today = timezone.localdate()
    team_units = list(OrgUnit.objects.filter(organization=org, kind=UnitKind.TEAM).order_by("id"))
    members: dict[int, list[int]] = {}
    for member_id, unit_id in Membership.objects.filter(organization=org).values_list(
        "id", "unit_id"
    ):
        members.setdefault(unit_id, []).append(member_id)
    promise = world["recall"].version.promises.first()
    behaviours = Behaviour.objects.bulk_create(
        Behaviour(organization=org, promise=promise, short_name=f"Gedrag {i}") for i in range(12)
    )
    observations = [
        Observation(
            organization=org,
            behaviour=behaviours[rng.randrange(12)],
            shown_by_id=rng.choice(members[team.id]),
            observer_id=members[team.id][0],
            unit=team,
            day=today - timedelta(days=rng.randrange(56)),
        )
        for team in team_units
        for _ in range(OBSERVATIONS_PER_TEAM)
    ]
    Observation.objects.bulk_create(observations, batch_size=5000)
    days = working_days_back(today, 20)
    huddles = [
        Huddle(organization=org, unit=team, day=day)
        for team in team_units
        for day in days
        if rng.random() < 0.85
    ]
    Huddle.objects.bulk_create(huddles, batch_size=5000)
    steps.catalogue_ensure(organization=org)
    template = StepTemplate.objects.filter(organization=org).first()
    NextStep.objects.bulk_create(
        NextStep(
            organization=org,
            unit=team,
            template=template,
            component=template.component,
            title=template.title,
            owner_id=members[team.id][0],
            created_by=cx,
            due_on=today + timedelta(days=rng.randint(-20, 60)),
            status="done" if rng.random() < 0.3 else "open",
        )
        for team in team_units
    )
    Ambassador.objects.bulk_create(
        Ambassador(
            organization=org,
            membership_id=members[team.id][-1],
            unit=team,
            origin="volunteered",
            status="confirmed",
            hours_per_month=4,
        )
        for team in team_units
        if rng.random() < 0.8
    )
    ImprovementAction.objects.bulk_create(
        ImprovementAction(
            organization=org,
            team=team,
            title="Terugbelbelofte",
            problem="Wachten",
            is_quick_win=True,
        )
        for team in team_units[::10]
    )
    from klantcultuur.programme.models import Visit
    from klantcultuur.programme.selectors import quarter_of

    start, _end = quarter_of(today)
    span = max((today - start).days, 1)
    leaders = [members[team.id][0] for team in team_units[: max(1, len(team_units) // 10)]]
    n_visits = int(len(team_units) * VISITS_PER_TEAM)
    logged_at = timezone.now()
    Visit.objects.bulk_create(
        (
            Visit(
                organization=org,
                leader_id=leaders[i % len(leaders)],
                unit=team_units[rng.randrange(len(team_units))],
                planned_on=start + timedelta(days=rng.randrange(span)),
                status="done",
                heard="Gehoord op de vloer.",
                logged_at=logged_at,
                self_noticed=rng.choice([2, 3]),
                pulse_clearly=rng.randrange(4),
                pulse_a_little=rng.randrange(4),
                pulse_nothing=rng.randrange(3),
            )
            for i in range(n_visits)
        ),
        batch_size=5000,
    )
    world.update(
        observations=len(observations),
        huddles=len(huddles),
        steps=len(team_units),
        visits=n_visits,
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        # A database in use has statistics; a freshly bulk-loaded one not yet (autovacuum).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return world


def measure(world: dict, *, samples: int = SAMPLES, warm_up: int = WARM_UP) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from klantcultuur.orgs.middleware import SESSION_KEY

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    url = reverse("programme-dashboard")
    with override_settings(STORAGES=storages):
        client = Client()
        client.force_login(world["cx"].user)
        session = client.session
        session[SESSION_KEY] = str(world["org"].uuid)
        session.save()
        for _ in range(warm_up):
            client.get(url)
        times, queries = [], set()
        for _ in range(samples):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code}")
            queries.add(len(captured))
    times.sort()
    return {
        "teams": world["teams"],
        "people": world["people"],
        "observations": world["observations"],
        "dagstarts": world["huddles"],
        "steps": world["steps"],
        "visits": world["visits"],
        "endorsements": world["endorsements"],
        "dashboard_p50_ms": round(statistics.median(times), 1),
        "dashboard_p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "dashboard_queries_max": max(queries),
        "dashboard_queries_min": min(queries),
    }


def run(teams: int, per_team: int, *, samples: int = SAMPLES, warm_up: int = WARM_UP) -> dict:
    return measure(build(teams, per_team), samples=samples, warm_up=warm_up)


def main(teams: int, per_team: int) -> None:
    from support.postgres import migrated_database

    with migrated_database(PG_URL):
        started = time.perf_counter()
        world = build(teams, per_team)
        print(
            f"built {world['people']:,} people in {teams:,} teams, "
            f"{world['observations']:,} observations, {world['huddles']:,} dagstarts in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        result = measure(world)
        result["backend"] = "postgresql"
    print(json.dumps(result))


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*(args + [2000, 10][len(args) :]))
